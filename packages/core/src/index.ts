/**
 * @signpost/core: what the build, the widget and the server share. No DOM, no Node APIs.
 */
export * from './kb/manifest.ts'
export * from './kb/learned.ts'
export { routeMatches, routeSpecificity, compileRoute, routePatternWarning } from './kb/routes.ts'
export * from './text/index.ts'
export { registerLanguage } from './text/language.ts'
export { registerLanguages } from './text/register-languages.ts'
export type { Language } from './text/languages.ts'
export * from './search/index.ts'
export * from './analytics/index.ts'
