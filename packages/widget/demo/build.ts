/**
 * Builds the demo: the knowledge base of /content (English and Spanish) into demo/dist/kb and the
 * production widget into dist/. Then serve the repository root with any static server and open
 * http://localhost:8000/packages/widget/demo/ — e.g. `python3 -m http.server` in the repo root.
 *
 * Run: `npx node packages/widget/demo/build.ts`
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from '@signpost/content'
import { build as viteBuild } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))
const result = await build({ root: join(here, '../../../content'), out: join(here, 'dist/kb') })
await viteBuild({ configFile: join(here, '../vite.config.ts'), logLevel: 'warn' })
console.log(`demo: ${result.manifest.articles.length} articles in ${join(here, 'dist/kb')}; widget in ${join(here, '../dist')}`)
console.log('serve the repo root (python3 -m http.server) and open http://localhost:8000/packages/widget/demo/')
