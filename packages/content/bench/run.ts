/**
 * Content benchmark: Signpost against Pagefind and default MiniSearch on the two shared corpora,
 * side by side in one run — build time, bytes before the first result and over a help session,
 * query latency, and success@1/@5 on every query set (bench/relevance.ts), plain and with traffic
 * learned from the other sets. Build times are
 * five alternating pairs of whole processes (median, and how many Signpost won).
 * `--quick` times one pair and samples fewer queries for Pagefind's cold-byte measurement.
 * A column for `signpost build --semantic` (keyword and meaning blended) when the optional model
 * packages are installed, with the questions it lost from keyword search's top 5; `--no-semantic` drops it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { loadSearchIndex, search } from '@signpost/core'
import MiniSearch from 'minisearch'
import { buildContent } from '../src/build.ts'
import { searchIndexOf } from '../src/kb-reader.ts'
import { htmlToText } from '../src/markdown/html-text.ts'
import { writeOutput } from '../src/output/write.ts'
import { measurePagefind, runPagefind, writeHtmlSite } from './pagefind.ts'
import { ModelMissingError } from '../src/semantic/word-table.ts'
import { CORPORA, fmtSuccess, type Query, readQueries, regressions, relevanceRows, repo, SETS, searcher, semanticCosts, success } from './relevance.ts'
import { sessionBytes } from './session-bytes.ts'

const quick = process.argv.includes('--quick')
/** Signpost and Pagefind builds timed per corpus, alternating. */
const BUILD_PAIRS = quick ? 1 : 5

const gz = (data: string | Buffer) => gzipSync(data, { level: 6 }).length
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN

/** Times a function over every query, `rounds` times after one warm-up round. */
function latency(queries: Query[], fn: (q: string) => unknown, rounds = 3): number[] {
  for (const q of queries) fn(q.q)
  const times: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now()
      fn(q.q)
      times.push(performance.now() - t)
    }
  }
  return times
}

const pagefindBin = join(repo, 'node_modules/.bin/pagefind')
const signpostBin = join(import.meta.dirname, '../src/bin.js')

/**
 * Flushes the file system before a timed build, so that neither side pays for the writes (or, on
 * a disk mounted with `discard`, the deletes) that came before it.
 */
const settleDisk = () => spawnSync('sync')

/** One `signpost build` of a corpus, timed from spawning the process to its exit. */
function runSignpost(root: string, out: string): number {
  const started = performance.now()
  const r = spawnSync(process.execPath, [signpostBin, 'build', root, '--out', out], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`signpost build failed: ${r.stderr}`)
  return performance.now() - started
}
const works: string[] = []

/** The corpus built with `--semantic`, or undefined (said once) when the optional model packages are absent. */
async function semanticBuild(root: string) {
  try {
    return await buildContent({ root, semantic: true })
  } catch (e) {
    if (!(e instanceof ModelMissingError)) throw e
    console.log(`no --semantic column: ${e.message}`)
    return undefined
  }
}

for (const corpus of CORPORA) {
  if (!existsSync(corpus.root)) {
    console.log(`skipping ${corpus.name}: ${corpus.root} is absent (the shared corpora live in ../shared/corpora)`)
    continue
  }
  const sets = SETS.map((name) => ({ name, queries: readQueries(corpus.name, name) })).filter((x) => x.queries.length > 0)
  const dev = readQueries(corpus.name, 'dev')
  const work = await mkdtemp(join(tmpdir(), `signpost-bench-${corpus.name}-`))

  // Signpost in this process, for the figures after build time.
  const result = await buildContent({ root: corpus.root })
  await writeOutput(join(work, 'kb'), result.files)
  const locale = result.manifest.locales[0]!
  const firstBytes = gz(String(result.files.get('manifest.json'))) + gz(String(result.files.get(locale.primaryIndex)))
  const titles = new Map(result.manifest.articles.map((a) => [a.id, a.title]))
  const index = searchIndexOf(result.manifest, result.files)
  const primaryOnly = loadSearchIndex({ locale: locale.locale, primary: String(result.files.get(locale.primaryIndex)), titles })
  const signpost = (q: string, i = index) => search(i, q, { limit: 5 }).map((h) => h.id)
  const signpostTimes = latency(dev, (q) => signpost(q))

  // MiniSearch with default options over the same text.
  const started = performance.now()
  const mini = new MiniSearch<{ id: string; title: string; text: string }>({ fields: ['title', 'text'] })
  mini.addAll(result.articles.map((a) => ({ id: a.id, title: a.title, text: htmlToText(a.html) })))
  const miniJson = JSON.stringify(mini)
  const miniBuild = performance.now() - started
  const miniSearch = (q: string) => mini.search(q).slice(0, 5).map((r) => r.id as string)
  const miniTimes = latency(dev, miniSearch)

  // Pagefind over an HTML rendering of the same articles (writing the HTML is not timed).
  const site = join(work, 'site')
  await writeHtmlSite(result.articles, site)

  // Build times: `signpost build` and `pagefind` each as a whole process, as a writer runs them,
  // alternating, the file system flushed before each. One pair decides little on a noisy machine.
  const signpostBuilds: number[] = []
  const pagefindBuilds: number[] = []
  for (let i = 0; i < BUILD_PAIRS; i++) {
    await rm(join(work, 'cli-kb'), { recursive: true, force: true })
    settleDisk()
    signpostBuilds.push(runSignpost(corpus.root, join(work, 'cli-kb')))
    await rm(join(site, 'pagefind'), { recursive: true, force: true })
    settleDisk()
    pagefindBuilds.push(runPagefind(site, pagefindBin))
  }
  const pfQueries = sets.flatMap((x) => x.queries)
  const pf = await measurePagefind(site, pfQueries.map((q) => q.q), quick ? 10 : 40)
  const pfIds = new Map(pf.map((r) => [r.q, r.ids]))
  const pfCold = pf.flatMap((r) => (r.coldBytes === undefined ? [] : [r.coldBytes]))
  const semantic = process.argv.includes('--no-semantic') ? undefined : await semanticBuild(corpus.root)
  const relevanceTable = await relevanceRows(corpus, result, { semantic })
  const relevance = new Map(relevanceTable.map((row) => [row[0]!, row[semantic ? 3 : 2]!]))
  const meaning = new Map(relevanceTable.map((row) => [row[0]!, semantic ? row[2]! : '']))
  const session = sessionBytes(result.manifest, result.files, readQueries(corpus.name, 'natural').map((q) => q.q))

  const wins = signpostBuilds.filter((t, i) => t < pagefindBuilds[i]!).length
  const builds = (times: number[]) => (times.length === 1 ? ms(times[0]!) : `${ms(pct(times, 0.5))} median (${times.map((t) => Math.round(t)).join(', ')})`)

  const rows: string[][] = [
    ['figure', 'Signpost', 'Signpost --semantic', 'Signpost + learned', 'Pagefind', 'MiniSearch (defaults)', 'goal'],
    [
      'full build time',
      builds(signpostBuilds),
      '',
      '',
      builds(pagefindBuilds),
      ms(miniBuild),
      `${corpus.name === 'business-central' ? 'faster than Pagefind: ' : ''}Signpost faster in ${wins} of ${signpostBuilds.length}`,
    ],
    [
      'bytes before first result (gzip)',
      kb(firstBytes),
      '',
      '',
      `${kb(pct(pfCold, 0.5))} p50, ${kb(pct(pfCold, 0.95))} p95`,
      `${kb(gz(miniJson))} (whole index)`,
      `≤ ${corpus.goals.bytes} KB`,
    ],
    [
      'bytes of a help session, 3 questions (gzip)',
      `${kb(pct(session.sessions, 0.5))} p50, ${kb(Math.max(...session.sessions))} max`,
      '',
      '',
      `${kb(pct(pfCold, 0.5))} per question, cold`,
      `${kb(gz(miniJson))} (whole index)`,
      corpus.name === 'business-central' ? '≤ 450 KB' : '',
    ],
    [
      'query latency p50 / p95, warm',
      `${ms(pct(signpostTimes, 0.5))} / ${ms(pct(signpostTimes, 0.95))} (Node)`,
      '',
      '',
      `${ms(pct(pf.map((r) => r.warmMs), 0.5))} / ${ms(pct(pf.map((r) => r.warmMs), 0.95))} (Chromium)`,
      `${ms(pct(miniTimes, 0.5))} / ${ms(pct(miniTimes, 0.95))} (Node)`,
      `p95 ≤ ${corpus.goals.p95} ms`,
    ],
  ]
  for (const { name, queries } of sets) {
    const label = `success@1 / @5, ${name} set (${queries.length})`
    rows.push([
      label,
      fmtSuccess(success((q) => signpost(q), queries)),
      meaning.get(label) ?? '',
      relevance.get(label) ?? '',
      fmtSuccess(success((q) => pfIds.get(q) ?? [], queries)),
      fmtSuccess(success(miniSearch, queries)),
      name === 'dev' ? '@5 ≥ 0.98, ahead of both' : `@5 ≥ ${corpus.goals.natural}, ahead of both`,
    ])
    if (name === 'dev') rows.push(['  … primary index only (before the body arrives)', fmtSuccess(success((q) => signpost(q, primaryOnly), dev)), '', '', '', '', ''])
  }
  if (semantic) {
    const [plainRun, blended] = [searcher(result), searcher(semantic)]
    const lost = sets.map(({ name, queries }) => `${name} ${regressions(plainRun, blended, queries).length}/${queries.length}`)
    rows.push(['  … questions --semantic lost from the top 5', '', lost.join(', '), '', '', '', '≤ 3 %'])
  }
  console.log(`### ${corpus.name}: ${result.manifest.articles.length} articles, ${result.warnings} build warnings\n`)
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const [i, r] of rows.entries()) {
    console.log(`| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`)
    if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`)
  }
  console.log(
    `\nSignpost first-result bytes = manifest.json ${kb(gz(String(result.files.get('manifest.json'))))} + primary index ${kb(gz(String(result.files.get(locale.primaryIndex))))}; ` +
      `then the body's table (${kb(session.table)}) and, for each question, the body shards its words need (${session.shardCount} shards in all). ` +
      `A session is 3 consecutive natural questions. "+ learned": traffic learned from the other sets (see bench/relevance.ts).` +
      (semantic ? `\n--semantic: ${semanticCosts(result, semantic, readQueries(corpus.name, 'natural'))}.` : '') +
      '\n',
  )
  works.push(work)
}
// Removed only after every measurement: on an ext4 mount with online discard, file creation
// stalls for seconds after a large delete, which timed the next corpus's writes, not its build.
for (const work of works) await rm(work, { recursive: true, force: true })
