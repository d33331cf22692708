export * from './events.ts'
export { scrubQuery, MAX_QUERY_LENGTH } from './scrub.ts'
export { validateEvent, validateBatch, LIMITS, type ValidationResult, type BatchResult } from './validate.ts'
export { timeOrderedId } from './ids.ts'
