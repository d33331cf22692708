import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { bestSection, search, sectionTexts, snippet } from '@signpost/core'
import { readKnowledgeBase } from '../kb-reader.ts'
import { audienceDir } from '../output/audiences.ts'
import { htmlToText } from '../markdown/html-text.ts'
import { type CliIO, UsageError } from './io.ts'

interface QueryCase {
  q: string
  targets?: string[]
}

export async function searchCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      index: { type: 'string', default: 'dist/kb' },
      locale: { type: 'string' },
      audience: { type: 'string' },
      limit: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
      queries: { type: 'string' },
    },
  })
  const limit = Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${values.limit}"`)
  if (!values.queries && positionals.length === 0) throw new UsageError('give a query, or --queries <file.json>')
  const cases = values.queries ? await readQueries(resolve(io.cwd, values.queries)) : [{ q: positionals.join(' ') }]
  const kb = await readKnowledgeBase(await knowledgeBaseDir(resolve(io.cwd, values.index), values.audience), values.locale)

  const runs = cases.map((c) => ({ ...c, hits: search(kb.index, c.q, { limit: Math.max(limit, 5) }) }))
  if (values.json) {
    const out = runs.map((r) => ({
      q: r.q,
      results: r.hits.slice(0, limit).map((h) => ({ id: h.id, title: kb.articles.get(h.id)?.title ?? h.id, score: round(h.score) })),
    }))
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
    return 0
  }

  if (!values.queries) {
    const { q, hits } = runs[0]!
    if (hits.length === 0) io.stdout.write(`no results for "${q}"\n`)
    for (const [i, h] of hits.slice(0, limit).entries()) {
      const a = kb.articles.get(h.id)
      const shard = await kb.shard(h.id)
      // Where the widget opens the article, and the snippet from there.
      const section = bestSection(shard.html, shard.headings, q, kb.locale, shard.title)
      const text = section === undefined ? htmlToText(shard.html) : htmlToText(sectionTexts(shard.html, shard.headings)[section + 1]!)
      io.stdout.write(`${String(i + 1).padStart(2)}. ${a?.title ?? h.id}  [${h.id}${section === undefined ? '' : `#${shard.headings[section]!.id}`}]  score ${round(h.score)}${h.complete ? '' : '  (partial match)'}\n`)
      io.stdout.write(`    ${section === undefined ? '' : `§ ${shard.headings[section]!.text}: `}${snippet(text, h.terms, kb.locale, 140)}\n`)
    }
    return 0
  }

  let judged = 0
  let at1 = 0
  let at5 = 0
  for (const r of runs) {
    const ids = r.hits.map((h) => h.id)
    const rank = r.targets ? ids.findIndex((id) => r.targets!.includes(id)) + 1 : 0
    if (r.targets) {
      judged++
      if (rank === 1) at1++
      if (rank >= 1 && rank <= 5) at5++
    }
    const mark = !r.targets ? ' ' : rank === 1 ? '✓' : rank >= 1 && rank <= 5 ? '~' : '✗'
    const top = ids.slice(0, limit).map((id, i) => `${i + 1}. ${id}`).join('  ')
    io.stdout.write(`${mark} ${r.q}\n    ${top || '(no results)'}${r.targets && rank !== 1 ? `\n    expected: ${r.targets.join(', ')}${rank > 0 ? ` (rank ${rank})` : ''}` : ''}\n`)
  }
  if (judged > 0) {
    io.stdout.write(`success@1 ${(at1 / judged).toFixed(3)} (${at1}/${judged})  success@5 ${(at5 / judged).toFixed(3)} (${at5}/${judged})\n`)
  }
  return 0
}

/** The folder of the knowledge base searched: the public one, or an audience's. */
async function knowledgeBaseDir(index: string, audience: string | undefined): Promise<string> {
  if (audience === undefined) return index
  const dir = join(index, audienceDir(audience))
  if (existsSync(join(dir, 'manifest.json'))) return dir
  const built = await readdir(join(index, 'audiences')).catch(() => [])
  throw new UsageError(`--audience ${audience}: no article of the knowledge base at ${index} names it (${built.length ? `its audiences: ${built.sort().join(', ')}` : 'it has no audiences'})`)
}

async function readQueries(path: string): Promise<QueryCase[]> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(path, 'utf8'))
  } catch (e) {
    throw new UsageError(`--queries ${path}: ${(e as Error).message}`)
  }
  if (!Array.isArray(data)) throw new UsageError(`--queries ${path}: expected a JSON array of { "q": "...", "targets": [...] }`)
  return data.map((item, i) => {
    const c = item as QueryCase
    if (!c || typeof c.q !== 'string') throw new UsageError(`--queries ${path}: item ${i} has no "q" string`)
    if (c.targets !== undefined && (!Array.isArray(c.targets) || c.targets.some((t) => typeof t !== 'string'))) {
      throw new UsageError(`--queries ${path}: item ${i} "targets" must be a list of article ids`)
    }
    return { q: c.q, targets: c.targets }
  })
}

const round = (n: number) => Math.round(n * 1000) / 1000
