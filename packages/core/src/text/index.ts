export { normalizeQuery, words } from './normalize.ts'
export { stopWords, baseLanguage } from './stopwords.ts'
export { stemmerFor } from './stem.ts'
