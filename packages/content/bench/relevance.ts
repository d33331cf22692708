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
import { gzipSync } from 'node:zlib'
import { type LearnedFile, LEARNED_FORMAT_VERSION, loadSemantic, missingBuckets, normalizeQuery, search, type SemanticTable } from '@signpost/core'
import { type BuildResult, buildContent } from '../src/build.ts'
import { searchIndexOf } from '../src/kb-reader.ts'

export interface Query {
  q: string
  targets: string[]
}

export const repo = join(import.meta.dirname, '../../..')
/** The shared corpora beside the repository (`SIGNPOST_CORPORA` for a work tree that sits elsewhere). */
export const shared = process.env.SIGNPOST_CORPORA ?? join(repo, '../shared/corpora')

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

export function searcher(result: Pick<BuildResult, 'files' | 'manifest'>, keywordWeight?: number): (q: string, limit?: number) => string[] {
  const index = searchIndexOf(result.manifest, result.files)
  return (q, limit = 5) => search(index, q, { limit, keywordWeight }).map((h) => h.id)
}

/** Tuning knobs of the semantic layer (`--alpha`, `--dims`), for the dev and tune sets only. */
export interface SemanticKnobs {
  keywordWeight?: number
  dims?: number
  articleText?: 'title' | 'title+summary' | 'all'
  keepCommon?: boolean
  commonEnglish?: boolean
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
 * Rows `[set, plain, semantic, learned, semantic + learned]` for a corpus (the semantic columns
 * when `semantic` builds are given); the learned builds are made here. Traffic is every
 * set the scored one is not: the dev and natural sets score with what they taught (marked), the
 * tune set in two halves, each with the other half, the dev and the natural sets as traffic, and
 * the fresh set with dev, natural and tune.
 */
export async function relevanceRows(
  corpus: (typeof CORPORA)[number],
  plain: BuildResult,
  options: { semantic?: BuildResult; knobs?: SemanticKnobs; only?: readonly SetName[]; learned?: boolean } = {},
): Promise<string[][]> {
  const { semantic, knobs = {}, only = SETS, learned = true } = options
  const sets = Object.fromEntries(SETS.map((s) => [s, only.includes(s) ? readQueries(corpus.name, s) : []])) as Record<SetName, Query[]>
  const past = [...readQueries(corpus.name, 'dev'), ...readQueries(corpus.name, 'natural')]
  const withTraffic = async (traffic: Query[], meaning: boolean) =>
    searcher(
      await buildContent({ root: corpus.root, learned: learnedFrom(traffic), semantic: meaning, semanticTuning: { dims: knobs.dims, articleText: knobs.articleText, keepCommon: knobs.keepCommon, commonEnglish: knobs.commonEnglish } }),
      meaning ? knobs.keywordWeight : undefined,
    )
  const runs = [searcher(plain), ...(semantic ? [searcher(semantic, knobs.keywordWeight)] : [])]
  const modes = semantic ? [false, true] : [false]
  const rows: string[][] = []
  const row = (s: SetName, learnedCells: string[]) =>
    rows.push([`success@1 / @5, ${s} set (${sets[s].length})`, ...runs.map((run) => fmtSuccess(success(run, sets[s]))), ...learnedCells])
  if (!learned) {
    for (const s of SETS) if (sets[s].length > 0) row(s, [])
    return rows
  }
  const runPast = await Promise.all(modes.map((m) => withTraffic(past, m)))
  for (const s of ['dev', 'natural'] as const) if (sets[s].length > 0) row(s, runPast.map((run) => `${fmtSuccess(success(run, sets[s]))} (learned from it)`))
  if (sets.tune.length > 0) {
    const halves = [sets.tune.filter((_, i) => i % 2 === 0), sets.tune.filter((_, i) => i % 2 === 1)]
    const cells: string[] = []
    for (const m of modes) {
      const ranks: [number, number][] = []
      for (const [h, half] of halves.entries()) {
        const [at1, at5] = success(await withTraffic([...past, ...halves[1 - h]!], m), half)
        ranks.push([at1 * half.length, at5 * half.length])
      }
      const n = sets.tune.length
      cells.push(`${fmtSuccess([(ranks[0]![0] + ranks[1]![0]) / n, (ranks[0]![1] + ranks[1]![1]) / n])} (each half learned from the other)`)
    }
    row('tune', cells)
  }
  if (sets.fresh.length > 0) {
    const tune = readQueries(corpus.name, 'tune')
    const cells: string[] = []
    for (const m of modes) cells.push(fmtSuccess(success(await withTraffic([...past, ...tune], m), sets.fresh)))
    row('fresh', cells)
  }
  return rows
}

/** Questions keyword search had in the top 5 that the semantic blend lost, per set. */
export function regressions(plain: (q: string) => string[], blended: (q: string) => string[], queries: Query[]): Query[] {
  return queries.filter((q) => {
    const before = rankOf(plain(q.q), q.targets)
    const after = rankOf(blended(q.q), q.targets)
    return before >= 1 && before <= 5 && !(after >= 1 && after <= 5)
  })
}

const gzipKB = (data: string | Buffer | undefined) => (data === undefined ? 0 : gzipSync(data, { level: 6 }).length / 1024)
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)

/**
 * What meaning costs: the semantic table (article vectors) beside the keyword index, the word
 * buckets a query fetches (each question of `queries` typed into a fresh page), and query time.
 */
export function semanticCosts(plain: BuildResult, semantic: BuildResult, queries: Query[]): string {
  const entry = semantic.manifest.locales.find((l) => l.locale === semantic.manifest.defaultLocale)!
  const tableText = String(semantic.files.get(entry.semantic!))
  const table = JSON.parse(tableText) as SemanticTable
  const keywordKB = [...plain.files].filter(([name]) => name.startsWith(`index/${entry.locale}.`)).reduce((a, [, data]) => a + gzipKB(data), 0)
  const ids = semantic.manifest.articles.filter((a) => a.locale === entry.locale).map((a) => a.id)
  const perQuery = queries.map((q) => {
    const fresh = loadSemantic(table, ids)!
    return missingBuckets(fresh, q.q, entry.locale).reduce((a, n) => a + gzipKB(semantic.files.get(`${table.buckets.dir}${n}.json`)), 0)
  })
  const time = (result: BuildResult) => {
    const index = searchIndexOf(result.manifest, result.files)
    return queries.map((q) => {
      const t = performance.now()
      search(index, q.q, { limit: 10 })
      return performance.now() - t
    })
  }
  const [tp, ts] = [time(plain), time(semantic)]
  return (
    `semantic table ${gzipKB(tableText).toFixed(1)} KB gzip (keyword index ${keywordKB.toFixed(0)} KB gzip); ` +
    `word buckets per query ${mean(perQuery).toFixed(1)} KB gzip (p95 ${p95(perQuery).toFixed(1)}); ` +
    `query time in Node mean / p95 ${mean(tp).toFixed(2)} / ${p95(tp).toFixed(2)} ms plain, ${mean(ts).toFixed(2)} / ${p95(ts).toFixed(2)} ms semantic`
  )
}

async function main() {
  const args = process.argv.slice(2)
  const only = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : undefined
  const misses = args.includes('--misses') ? (args[args.indexOf('--misses') + 1] as SetName) : undefined
  // While tuning, the held-out sets stay out of sight.
  const tuning = args.includes('--tuning') || misses !== undefined
  const arg = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined)
  const withSemantic = !args.includes('--no-semantic')
  const knobs: SemanticKnobs = {
    keywordWeight: arg('--alpha'),
    dims: arg('--dims'),
    articleText: args.includes('--text') ? (args[args.indexOf('--text') + 1] as SemanticKnobs['articleText']) : undefined,
    keepCommon: args.includes('--keep-common'),
    commonEnglish: !args.includes('--no-common-english'),
  }
  const shown = tuning ? TUNABLE : SETS
  if (misses && !TUNABLE.includes(misses)) throw new Error(`--misses ${misses}: only the sets one may tune on (${TUNABLE.join(', ')}) are listed query by query`)
  for (const corpus of CORPORA) {
    if (only && corpus.name !== only) continue
    if (!existsSync(corpus.root)) {
      console.log(`skipping ${corpus.name}: ${corpus.root} is absent`)
      continue
    }
    let started = performance.now()
    const plain = await buildContent({ root: corpus.root })
    const plainSeconds = (performance.now() - started) / 1000
    started = performance.now()
    const semantic = withSemantic ? await buildContent({ root: corpus.root, semantic: true, semanticTuning: { dims: knobs.dims, articleText: knobs.articleText, keepCommon: knobs.keepCommon, commonEnglish: knobs.commonEnglish } }) : undefined
    const semanticSeconds = (performance.now() - started) / 1000
    const learned = !args.includes('--no-learned')
    const rows = await relevanceRows(corpus, plain, { semantic, knobs, only: shown, learned })
    const head = ['plain', ...(semantic ? ['semantic'] : []), ...(learned ? ['learned', ...(semantic ? ['semantic + learned'] : [])] : [])]
    console.log(`### ${corpus.name}\n\n| set | ${head.join(' | ')} |\n| --- |${' --- |'.repeat(head.length)}`)
    for (const r of rows) console.log(`| ${r.join(' | ')} |`)
    if (semantic) {
      const [runPlain, runSemantic] = [searcher(plain), searcher(semantic, knobs.keywordWeight)]
      const lost = shown.map((s) => {
        const qs = readQueries(corpus.name, s)
        return `${s} ${regressions(runPlain, runSemantic, qs).length}/${qs.length}`
      })
      console.log(`\nregressions (keyword top 5, semantic not): ${lost.join(', ')}; build ${plainSeconds.toFixed(1)} s plain, ${semanticSeconds.toFixed(1)} s semantic`)
      if (args.includes('--costs')) console.log(semanticCosts(plain, semantic, readQueries(corpus.name, 'dev')))
    }
    if (semantic && args.includes('--sweep')) {
      // The keyword weight, tried on the sets one may tune on only.
      const runPlain = searcher(plain)
      console.log(`\n| keyword weight | ${TUNABLE.map((s) => `${s} s@1 / @5 (regressions)`).join(' | ')} |\n| --- |${' --- |'.repeat(TUNABLE.length)}`)
      for (const w of args[args.indexOf('--sweep') + 1]!.split(',').map(Number)) {
        const run = searcher(semantic, w)
        const cells = TUNABLE.map((s) => {
          const qs = readQueries(corpus.name, s)
          return `${fmtSuccess(success(run, qs))} (${regressions(runPlain, run, qs).length})`
        })
        console.log(`| ${w} | ${cells.join(' | ')} |`)
      }
    }
    if (misses) {
      const run = semantic ? searcher(semantic, knobs.keywordWeight) : searcher(plain)
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
