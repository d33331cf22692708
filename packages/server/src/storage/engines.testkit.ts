// Test helpers: a fresh store on each real engine.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openStore, type Store } from './store.ts'

export const PG_URL = process.env['SIGNPOST_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test'

let pgReachable: Promise<boolean> | undefined
export function postgresReachable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 })
    try {
      await c.connect()
      await c.end()
      return true
    } catch (error) {
      console.warn(`PostgreSQL tests skipped: ${PG_URL} unreachable (${(error as Error).message})`)
      return false
    }
  })()
  return pgReachable
}

export interface TestStore {
  store: Store
  cleanup(): Promise<void>
}

export async function freshSqlite(): Promise<TestStore & { path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-store-'))
  const path = join(dir, 'signpost.db')
  const store = await openStore(path)
  return {
    store,
    path,
    async cleanup() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function freshPostgres(): Promise<TestStore & { schema: string }> {
  const schema = `signpost_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const store = await openStore(PG_URL, { schema })
  return {
    store,
    schema,
    async cleanup() {
      await store.close()
      const c = new pg.Client({ connectionString: PG_URL })
      await c.connect()
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await c.end()
    },
  }
}

/** The engines every storage test runs on; PostgreSQL is skipped (with a message) only if unreachable. */
export const ENGINES = [
  { name: 'SQLite', open: freshSqlite, available: async () => true },
  { name: 'PostgreSQL', open: freshPostgres, available: postgresReachable },
] as const
