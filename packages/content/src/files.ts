import { readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

/** A markdown file that is an article (not an include snippet, README or table of contents). */
export interface SourceFile {
  /** Absolute path. */
  path: string
  /** Relative to the content root, forward slashes: `en/billing/refunds.md`. */
  rel: string
  /** From the top-level locale folder, if the file sits in one. */
  folderLocale?: string
  /** Article id: path below the locale folder, without `.md`. */
  id: string
}

const LOCALE_FOLDER = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/
/** Files that are never articles: docs about the folder and DocFX tables of contents. */
const NOT_ARTICLES = new Set(['readme.md', 'toc.md', 'changelog.md', 'license.md'])
/** Folders that never hold articles: DocFX snippets, drafts of the toolchain, hidden folders. */
const SKIPPED_FOLDER = (name: string) => name === 'includes' || name === 'node_modules' || name.startsWith('.') || name.startsWith('_')

export function isLocaleFolder(name: string): boolean {
  return LOCALE_FOLDER.test(name)
}

/** Lists the articles under a content root, sorted by relative path so builds are deterministic. */
export async function findArticles(root: string): Promise<SourceFile[]> {
  const found: SourceFile[] = []
  const isDir = await stat(root).then(
    (s) => s.isDirectory(),
    () => false,
  )
  if (!isDir) throw new Error(`content folder ${root} not found`)
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true })
    for (const e of entries) {
      const full = join(dir, e.name)
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDER(e.name)) await walk(full)
      } else if (e.isFile() && /\.mdx?$/i.test(e.name) && !NOT_ARTICLES.has(e.name.toLowerCase())) {
        found.push(describe(root, full))
      }
    }
  }
  await walk(root)
  return found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
}

export function describe(root: string, path: string): SourceFile {
  const rel = relative(root, path).split(sep).join('/')
  const parts = rel.split('/')
  const folderLocale = parts.length > 1 && isLocaleFolder(parts[0]!) ? parts[0] : undefined
  const idPath = folderLocale ? parts.slice(1).join('/') : rel
  return { path, rel, folderLocale, id: idPath.replace(/\.mdx?$/i, '') }
}
