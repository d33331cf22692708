import { join } from 'node:path'
import { build } from 'vite'

/**
 * Vitest global setup: builds the ops dashboard once, from the sources, before any test runs —
 * end-to-end files run in parallel and must not build into the same folder at once, and a dist
 * left by an older checkout would test yesterday's page.
 */
export default async function buildDashboard(): Promise<void> {
  const root = join(import.meta.dirname, '../../packages/dashboard')
  await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'error' })
}
