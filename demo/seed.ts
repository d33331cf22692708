/**
 * `npm run seed`: six weeks of synthetic help-center traffic in ./signpost.db, shaped by the demo's
 * own content — customers' questions from content/queries.en.json leading to the articles that
 * answer them, questions the help center cannot answer yet (the dashboard's content gaps), votes
 * and contacts. Every seeded event id starts with "seed-", so it can be told apart and deleted.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildContent } from '@signpost/content'
import { openStore, seed } from '@signpost/server'

const repo = join(import.meta.dirname, '..')
const db = process.argv[2] ?? join(repo, 'signpost.db')

const { manifest } = await buildContent({ root: join(repo, 'content') })
const articles = manifest.articles.filter((a) => a.locale === 'en').map((a) => ({ id: a.id, title: a.title }))
const questions = JSON.parse(await readFile(join(repo, 'content/queries.en.json'), 'utf8')) as { q: string; targets: string[] }[]
// What Tidewater's customers ask that no article answers yet.
const missingQueries = ['multi currency invoice', 'payroll', 'mileage tracking', 'purchase orders', 'time tracking', 'invoice in arabic', 'accept crypto', 'late fee percentage']

const store = await openStore(db)
try {
  const result = await seed(store, {
    site: 'demo',
    days: 42,
    sessionsPerDay: 120,
    articles,
    queries: questions.map((q) => q.q),
    answers: Object.fromEntries(questions.map((q) => [q.q, q.targets[0]!])),
    missingQueries,
  })
  console.log(`seeded ${result.sessions} sessions (${result.events} events, ids prefixed "seed-") into ${db}`)
} finally {
  await store.close()
}
