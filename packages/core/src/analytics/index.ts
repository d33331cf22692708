export * from './events.ts'
export { scrubQuery, scrubReason, scrubPath, scrubArticleId, isSessionId, SESSION_ID, MAX_QUERY_LENGTH } from './scrub.ts'
export { validateEvent, validateBatch, LIMITS, MAX_TS, type ValidationResult, type BatchResult } from './validate.ts'
export { timeOrderedId } from './ids.ts'
