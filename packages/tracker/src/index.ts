/** @signpost/tracker: the browser analytics tracker for `<signpost-help>`. */
export { createTracker, type Tracker, type TrackerOptions } from './tracker.ts'
