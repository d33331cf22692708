/**
 * @signpost/content: the content pipeline. Markdown in, a static knowledge base out.
 */
export { buildContent, loadContent, createBuildCache, type BuildOptions, type BuildResult, type BuildCache, type ContentResult } from './build.ts'
export { writeOutput } from './output/write.ts'
export { readKnowledgeBase, type LoadedKnowledgeBase } from './kb-reader.ts'
export { watchContent, type DevBuild } from './dev/watch.ts'
export { runCli, registerCommand, usage } from './cli/run.ts'
export { formatDiagnostic, type Diagnostic } from './diagnostics.ts'
export type { RenderedArticle } from './article.ts'

import { type BuildOptions, buildContent } from './build.ts'

/** Builds a content folder and writes the knowledge base to `out`; throws when the content has errors. */
export async function build(options: { root: string; out: string } & Pick<BuildOptions, 'defaultLocale' | 'drafts' | 'semantic'>) {
  const result = await buildContent(options)
  if (result.errors > 0) {
    const first = result.diagnostics.find((d) => d.severity === 'error')!
    throw new Error(`signpost build: ${result.errors} errors in ${options.root}, first: ${first.file}:${first.line}:${first.col}: ${first.message}`)
  }
  return result
}
