import type { AnalyticsSink, EventInput } from '@signpost/core'
import { createTracker } from '@signpost/tracker'
import type { SignpostHelp } from '../src/signpost-help.ts'

/** What the element reports to while the tracker chunk loads. */
export interface EventQueue extends AnalyticsSink {
  events: EventInput[]
}

/**
 * Gives `help` a tracker for its `analytics-endpoint` and `site` attributes and replays what was
 * queued meanwhile; a page that set its own `analytics` in the meantime keeps it.
 */
export function attachTracker(help: SignpostHelp, queue: EventQueue): void {
  const tracker = createTracker({ endpoint: help.getAttribute('analytics-endpoint')!, site: help.getAttribute('site') ?? '' })
  if (help.analytics === queue) help.analytics = tracker
  for (const event of queue.events) tracker.track(event)
}
