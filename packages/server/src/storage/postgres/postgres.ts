import pg from 'pg'
import { MIGRATIONS, migrationSql, type SqlDb, type SqlValue, toPgPlaceholders } from '../sql.ts'

export interface PostgresOptions {
  /** `postgres://user@host:port/database` */
  url: string
  /** Schema to use (created when missing); default `public`. Tests use a fresh one per run. */
  schema?: string
  /** Pool size; default 10. */
  max?: number
}

// BIGINT (20) and NUMERIC (1700, what SUM(bigint) returns) as JS numbers: our counts fit easily.
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v)
    return pg.types.getTypeParser(oid, format as 'text')
  },
}

/**
 * PostgreSQL through `pg`: any number of server instances may share one database. Writers touching
 * the same session take a transaction-scoped advisory lock; aggregates are additive upserts.
 */
export async function openPostgres(options: PostgresOptions): Promise<SqlDb> {
  const schema = options.schema ?? 'public'
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`signpost storage: invalid schema name "${schema}"`)
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    types,
    options: `-c search_path=${schema}`,
  })
  pool.on('error', () => {})
  const client = await pool.connect().catch((error: Error) => {
    pool.end().catch(() => {})
    throw new Error(`signpost storage: cannot connect to PostgreSQL at ${redact(options.url)}: ${error.message}`)
  })
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    await migrate(client)
  } finally {
    client.release()
  }
  const on = (q: pg.Pool | pg.PoolClient): SqlDb => ({
    dialect: 'postgres',
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await q.query(toPgPlaceholders(sql), params as unknown[])).rows as T[]
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await q.query(toPgPlaceholders(sql), params as unknown[])).rowCount ?? 0
    },
    async transaction<T>(fn: (tx: SqlDb) => Promise<T>) {
      // Instances sharing the database may still deadlock on aggregate rows; PostgreSQL aborts one
      // transaction, which is then replayed from the start (nothing of it was committed).
      for (let attempt = 1; ; attempt++) {
        const c = await pool.connect()
        try {
          await c.query('BEGIN')
          const result = await fn(on(c))
          await c.query('COMMIT')
          return result
        } catch (error) {
          await c.query('ROLLBACK').catch(() => {})
          const code = (error as { code?: string }).code
          if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw error
        } finally {
          c.release()
        }
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt))
      }
    },
    async lockKeys(keys: readonly string[]) {
      if (keys.length === 0) return
      // Sorted by lock id so two instances never wait on each other in opposite orders.
      await q.query(
        'SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS s',
        [keys],
      )
    },
    async close() {
      await pool.end()
    },
  })
  return on(pool)
}

async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN')
  try {
    // One instance migrates at a time; the others wait and then see the versions applied.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('signpost-migrations', 0))")
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    )
    const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)))
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue
      try {
        await client.query(migrationSql(m, 'postgres'))
      } catch (error) {
        throw new Error(`signpost storage: migration ${m.version} (${m.name}) failed: ${(error as Error).message}`)
      }
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()])
    }
    const newest = Math.max(...MIGRATIONS.map((m) => m.version))
    const known = Math.max(0, ...applied)
    if (known > newest)
      throw new Error(`signpost storage: the database is at schema version ${known}, newer than this server (${newest}); upgrade the server`)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}
