import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder of the widget's CDN bundle (`dist/signpost.js`) of the `@signpost/widget` this
 * package resolves, so the preview shows the very widget customers get. Undefined when it is not
 * installed or, in the Signpost repository, not built yet.
 */
export function findWidgetBundle(): string | undefined {
  let dir: string
  try {
    dir = dirname(fileURLToPath(import.meta.resolve('@signpost/widget')))
  } catch {
    return undefined
  }
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  const bundle = join(dir, 'dist')
  return existsSync(join(bundle, 'signpost.js')) ? bundle : undefined
}
