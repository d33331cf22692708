import { DatabaseSync, type StatementSync } from 'node:sqlite'
import { MIGRATIONS, migrationSql, type SqlDb, type SqlValue } from '../sql.ts'

/**
 * SQLite through `node:sqlite`: one file in WAL mode with `synchronous=FULL`, so a commit has
 * reached the disk (the WAL is fsynced) before the server answers 2xx. `NORMAL` would only be
 * safe against a process crash, not a power cut; group commit pays the fsync once per flush.
 * `reader` opens a read-only connection beside the writer's (see `sqlite-store.ts`).
 */
export function openSqlite(path: string, options: { reader?: boolean } = {}): SqlDb {
  const db = new DatabaseSync(path)
  db.exec('PRAGMA busy_timeout = 5000')
  if (options.reader) {
    // The writer set up WAL and migrated the file; a reader only reads committed snapshots.
    db.exec('PRAGMA query_only = ON')
  } else {
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = FULL')
    // A checkpoint runs inside the commit that crosses the threshold, and every request in that
    // group commit waits for it. Through the server, single-event POSTs alternating 2,000 against
    // 10,000 pages (a WAL of up to 40 MB, copied in one go): p99 8 ms in 3 of 3 runs against
    // 10-11 ms, the same throughput; batches of 20 p99 23-29 against 41-43 ms. SQLite's 1,000
    // measured like 2,000.
    db.exec('PRAGMA wal_autocheckpoint = 2000')
    db.exec('PRAGMA foreign_keys = OFF')
    migrate(db)
  }
  const cache = new Map<string, StatementSync>()
  const prepare = (sql: string): StatementSync => {
    let stmt = cache.get(sql)
    if (!stmt) {
      stmt = db.prepare(sql)
      cache.set(sql, stmt)
    }
    return stmt
  }
  let inTransaction = false
  const self: SqlDb = {
    dialect: 'sqlite',
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...params) as T[]
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return Number(prepare(sql).run(...params).changes)
    },
    async transaction<T>(fn: (tx: SqlDb) => Promise<T>) {
      if (inTransaction) throw new Error('signpost storage: nested SQLite transaction')
      inTransaction = true
      db.exec('BEGIN IMMEDIATE')
      try {
        const result = await fn(self)
        db.exec('COMMIT')
        return result
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK')
        throw error
      } finally {
        inTransaction = false
      }
    },
    async lockKeys() {},
    async close() {
      if (db.isOpen) db.close()
    },
  }
  return self
}

function migrate(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)')
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  )
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(migrationSql(m, 'sqlite'))
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now())
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw new Error(`signpost storage: migration ${m.version} (${m.name}) failed: ${(error as Error).message}`)
    }
  }
  const newest = Math.max(...MIGRATIONS.map((m) => m.version))
  const known = Math.max(0, ...applied)
  if (known > newest)
    throw new Error(`signpost storage: the database is at schema version ${known}, newer than this server (${newest}); upgrade the server`)
}
