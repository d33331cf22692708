/**
 * The CDN bundle's entry (`dist/signpost.js`): `<signpost-help>` for a page without a bundler,
 * with the analytics tracker configured by attributes instead of code:
 *
 * @example
 * <script type="module" src="https://cdn.example.com/signpost/signpost.js"></script>
 * <signpost-help kb="/kb/manifest.json" analytics-endpoint="https://help.example.com/v1/events"
 *                site="pk_tidewater" analytics-consent="granted"></signpost-help>
 *
 * Without `analytics-consent="granted"` nothing is stored or sent until the page calls
 * `help.analytics.grantConsent()` (its consent banner), as the tracker's default requires.
 *
 * The tracker is a chunk fetched only by an element that names an endpoint, so the bytes before
 * the first result stay the widget's; events from before it arrives are queued and handed over.
 */
import type { EventQueue } from './attach-tracker.ts'
import { SignpostHelp } from '../src/signpost-help.ts'

class SignpostHelpWithTracker extends SignpostHelp {
  override connectedCallback(): void {
    super.connectedCallback()
    if (!this.getAttribute('analytics-endpoint') || this.analytics) return
    const queue: EventQueue = {
      events: [],
      track: (event) => queue.events.push(event),
      grantConsent: () => {
        queue.granted = true
      },
    }
    this.analytics = queue
    import('./attach-tracker.ts').then((m) => m.attachTracker(this, queue))
  }
}

if (!customElements.get('signpost-help')) customElements.define('signpost-help', SignpostHelpWithTracker)
