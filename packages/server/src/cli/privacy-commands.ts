import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ServerConfig } from '../config/config.ts'
import { openStore } from '../storage/store.ts'
import { type CliIo, UsageError } from './cli.ts'

/**
 * `signpost forget --site S --session ID` and `signpost export --site S --session ID [--out file]`:
 * one person's data on request, from the command line, against the configured database.
 */
export async function privacyCommand(command: 'forget' | 'export', flags: Record<string, string>, io: CliIo, config: ServerConfig): Promise<number> {
  const key = flags['site'] ?? (config.sites.length === 1 ? config.sites[0]!.key : undefined)
  if (!key) throw new UsageError('--site is required when the config has several sites')
  if (!config.sites.some((s) => s.key === key)) throw new UsageError(`--site: unknown site "${key}" (known: ${config.sites.map((s) => s.key).join(', ')})`)
  const session = flags['session']
  if (!session) throw new UsageError('--session is required: the session id from the support ticket')
  if (session.length > 64) throw new UsageError('--session: a session id has at most 64 characters')
  const store = await openStore(config.db)
  try {
    if (command === 'forget') {
      const r = await store.eraseSession(key, session)
      io.stdout.write(
        r.events === 0 && r.sessions === 0
          ? `nothing stored for session "${session}" of site "${key}"\n`
          : `erased session "${session}" of site "${key}": ${r.events} raw events, ${r.sessions} sessions subtracted from the reports\n`,
      )
      return 0
    }
    const json = `${JSON.stringify(await store.exportSession(key, session), null, 2)}\n`
    if (flags['out']) {
      writeFileSync(resolve(io.cwd, flags['out']), json)
      io.stdout.write(`exported session "${session}" of site "${key}" to ${flags['out']}\n`)
    } else io.stdout.write(json)
    return 0
  } finally {
    await store.close()
  }
}
