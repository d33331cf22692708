/**
 * Relevance: success@1 / @5 of Signpost's one `search()` on every query set of a corpus, plain and
 * with a learned file made from past traffic. The learned file is built from the dev and natural
 * sets as if each of their questions had been searched by 5 sessions that opened the target, and
 * it is scored on the fresh and tune sets, questions it never saw: a gain there comes from
 * generalizing, not from memorizing the same strings.
 *
 * Alone: `npm run bench:relevance [-- --corpus plausible-docs] [--misses tune]` (misses are
 * printed for the sets one may tune on — dev and tune — and refused for the held-out ones;
 * `--tuning` shows only those sets' rows).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type LearnedFile, LEARNED_FORMAT_VERSION, normalizeQuery, search } from '@signpost/core'
import { type BuildResult, buildContent } from '../src/build.ts'
import { searchIndexOf } from '../src/kb-reader.ts'

export interface Query {
  q: string
  targets: string[]
}

export const repo = join(import.meta.dirname, '../../..')
export const shared = join(repo, '../shared/corpora')

export const CORPORA = [
  { name: 'plausible-docs', root: join(shared, 'plausible-docs/docs'), goals: { bytes: 80, p95: 2, natural: 0.87 } },
  { name: 'business-central', root: join(shared, 'business-central/business-central'), goals: { bytes: 250, p95: 16, natural: 0.65 } },
]

/** The query sets: title-derived dev (tune on it), natural (held out), fresh (held out), tune (natural, tune on it). */
export const SETS = ['dev', 'tune', 'natural', 'fresh'] as const
export type SetName = (typeof SETS)[number]
const TUNABLE: readonly SetName[] = ['dev', 'tune']

export function readQueries(corpus: string, set: SetName): Query[] {
  const path = set === 'dev' ? join(shared, `queries/${corpus}.dev.json`) : join(repo, `bench/queries/${corpus}.${set}.json`)
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Query[]) : []
}

/** Past traffic as the server would export it: every question of these sets searched by 5 sessions that opened its first target. */
export function learnedFrom(queries: Query[]): LearnedFile {
  const pairs = queries.map((q) => ({ query: normalizeQuery(q.q), article: q.targets[0]!, sessions: 5, helpful: 0, contacts: 0 }))
  return { format: LEARNED_FORMAT_VERSION, site: 'bench', from: '2026-01-01', to: '2026-03-31', pairs }
}

export function searcher(result: Pick<BuildResult, 'files' | 'manifest'>): (q: string, limit?: number) => string[] {
  const index = searchIndexOf(result.manifest, result.files)
  return (q, limit = 5) => search(index, q, { limit }).map((h) => h.id)
}

export function rankOf(ids: string[], targets: string[]): number {
  return ids.findIndex((id) => targets.includes(id)) + 1
}

export function success(run: (q: string) => string[], queries: Query[]): [number, number] {
  const ranks = queries.map((q) => rankOf(run(q.q), q.targets))
  const at = (k: number) => ranks.filter((r) => r >= 1 && r <= k).length / Math.max(1, ranks.length)
  return [at(1), at(5)]
}

export const fmtSuccess = ([a, b]: [number, number]) => `${a.toFixed(3)} / ${b.toFixed(3)}`

/**
 * Rows `[set, plain, learned]` for a corpus; the learned builds are made here. Traffic is every
 * set the scored one is not: the dev and natural sets score with what they taught (marked), the
 * tune set in two halves, each with the other half, the dev and the natural sets as traffic, and
 * the fresh set with dev, natural and tune.
 */
export async function relevanceRows(corpus: (typeof CORPORA)[number], plain: BuildResult): Promise<string[][]> {
  const sets = Object.fromEntries(SETS.map((s) => [s, readQueries(corpus.name, s)])) as Record<SetName, Query[]>
  const past = [...sets.dev, ...sets.natural]
  const withTraffic = async (traffic: Query[]) => searcher(await buildContent({ root: corpus.root, learned: learnedFrom(traffic) }))
  const runPlain = searcher(plain)
  const rows: string[][] = []
  const row = (s: SetName, learned: string) => rows.push([`success@1 / @5, ${s} set (${sets[s].length})`, fmtSuccess(success(runPlain, sets[s])), learned])
  const runPast = await withTraffic(past)
  for (const s of ['dev', 'natural'] as const) if (sets[s].length > 0) row(s, `${fmtSuccess(success(runPast, sets[s]))} (learned from it)`)
  if (sets.tune.length > 0) {
    const halves = [sets.tune.filter((_, i) => i % 2 === 0), sets.tune.filter((_, i) => i % 2 === 1)]
    const ranks: [number, number][] = []
    for (const [h, half] of halves.entries()) {
      const [at1, at5] = success(await withTraffic([...past, ...halves[1 - h]!]), half)
      ranks.push([at1 * half.length, at5 * half.length])
    }
    const n = sets.tune.length
    row('tune', `${fmtSuccess([(ranks[0]![0] + ranks[1]![0]) / n, (ranks[0]![1] + ranks[1]![1]) / n])} (each half learned from the other)`)
  }
  if (sets.fresh.length > 0) row('fresh', fmtSuccess(success(await withTraffic([...past, ...sets.tune]), sets.fresh)))
  return rows
}

async function main() {
  const args = process.argv.slice(2)
  const only = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : undefined
  const misses = args.includes('--misses') ? (args[args.indexOf('--misses') + 1] as SetName) : undefined
  // While tuning, the held-out sets stay out of sight.
  const tuning = args.includes('--tuning') || misses !== undefined
  if (misses && !TUNABLE.includes(misses)) throw new Error(`--misses ${misses}: only the sets one may tune on (${TUNABLE.join(', ')}) are listed query by query`)
  for (const corpus of CORPORA) {
    if (only && corpus.name !== only) continue
    if (!existsSync(corpus.root)) {
      console.log(`skipping ${corpus.name}: ${corpus.root} is absent`)
      continue
    }
    const plain = await buildContent({ root: corpus.root })
    const rows = (await relevanceRows(corpus, plain)).filter((r) => !tuning || TUNABLE.some((s) => r[0]!.includes(`, ${s} set`)))
    console.log(`### ${corpus.name}\n\n| set | plain | learned |\n| --- | --- | --- |`)
    for (const r of rows) console.log(`| ${r.join(' | ')} |`)
    if (misses) {
      const run = searcher(plain)
      for (const q of readQueries(corpus.name, misses)) {
        const ids = run(q.q, 10)
        const rank = rankOf(ids, q.targets)
        if (rank === 0 || rank > 5) console.log(`✗ ${q.q}\n    got ${ids.slice(0, 5).join(', ')}\n    want ${q.targets.join(', ')}${rank ? ` (rank ${rank})` : ''}`)
      }
    }
    console.log()
  }
}

if (import.meta.main) await main()
