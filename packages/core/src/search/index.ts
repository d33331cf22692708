export { search, loadPrimaryIndex, type SearchIndex, type SearchableBody, type SearchOptions, type SearchHit } from './search.ts'
export { loadSearchIndex, withBodyIndex, missingShards, openBody, withShard, loadBody, type BodyIndex, type BodyPart } from './body.ts'
export { bestSection, sectionTexts } from './sections.ts'
export { parseQuery, type QueryGroup, type QueryTerm, type Synonyms } from './query.ts'
export { highlight, snippet, type TextSegment } from './highlight.ts'
export {
  createPrimaryIndex,
  createBodyIndex,
  indexOptions,
  FIELD_BOOSTS,
  PRIMARY_FIELDS,
  BODY_FIELDS,
  type PrimaryDocument,
  type BodyDocument,
} from './fields.ts'
export {
  SEMANTIC_FORMAT_VERSION,
  wordBucket,
  loadSemantic,
  withWordBucket,
  bucketFile,
  meaningWords,
  missingBuckets,
  queryVector,
  cosines,
  type SemanticTable,
  type SemanticIndex,
  type WordBucket,
} from './semantic.ts'
