import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { CliIO } from '../cli/io.ts'

/** Writes a content folder from `{ 'en/billing/refunds.md': '…' }` into a fresh temp dir. */
export async function contentFixture(files: Record<string, string | Buffer>): Promise<{ root: string; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'signpost-'))
  const root = join(dir, 'content')
  await mkdir(root, { recursive: true })
  for (const [path, text] of Object.entries(files)) await writeFileIn(root, path, text)
  return { root, dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export async function writeFileIn(root: string, path: string, text: string | Buffer): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true })
  await writeFile(join(root, path), text)
}

/** A CliIO that records what a command printed. */
export function captureIO(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    cwd,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
  }
}

export const article = (fm: string, body = 'Some text.') => `---\n${fm}\n---\n${body}\n`
