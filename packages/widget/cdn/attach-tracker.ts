import type { AnalyticsSink, EventInput } from '@signpost/core'
import { createTracker } from '@signpost/tracker'
import type { SignpostHelp } from '../src/signpost-help.ts'

/** What the element reports to while the tracker chunk loads; consent given meanwhile is kept. */
export interface EventQueue extends AnalyticsSink {
  events: EventInput[]
  granted?: boolean
  grantConsent(): void
}

/**
 * Gives `help` a tracker for its `analytics-endpoint` and `site` attributes and replays what was
 * queued meanwhile; a page that set its own `analytics` in the meantime keeps it. Nothing is stored
 * or sent until consent: `analytics-consent="granted"` when the page has it already, else
 * `help.analytics.grantConsent()` from the page's consent banner.
 */
export function attachTracker(help: SignpostHelp, queue: EventQueue): void {
  const consent = help.getAttribute('analytics-consent') === 'granted' ? 'granted' : 'required'
  const tracker = createTracker({ endpoint: help.getAttribute('analytics-endpoint')!, site: help.getAttribute('site') ?? '', consent })
  if (queue.granted) tracker.grantConsent()
  if (help.analytics === queue) help.analytics = tracker
  for (const event of queue.events) tracker.track(event)
}
