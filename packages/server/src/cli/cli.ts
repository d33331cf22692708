import { existsSync, writeFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { Writable } from 'node:stream'
import { createApp } from '../app.ts'
import { ApiError } from '../http/errors.ts'
import { listen } from '../http/listen.ts'
import { ConfigError, defaultConfig, loadConfigFile, type ServerConfig, type SiteConfig } from '../config/config.ts'
import { buildDigest, type Digest } from '../digest/digest.ts'
import { renderHtml, renderMarkdown } from '../digest/render.ts'
import { DEFAULT_LEARNED_DAYS, learnedExport, learnedFloor, parseMinSessions } from '../learn/export.ts'
import { breakdown } from '../reports/ops.ts'
import { articles as articleReport, contentGaps, summary } from '../reports/queries.ts'
import { parseRange, RangeError_ } from '../reports/range.ts'
import { parseSlice } from '../reports/slice-params.ts'
import { seed } from '../seed/seed.ts'
import { openStore } from '../storage/store.ts'
import { privacyCommand } from './privacy-commands.ts'
import { table } from './table.ts'

/** Bad command-line input: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export interface CliIo {
  stdout: Writable
  stderr: Writable
  env: Record<string, string | undefined>
  cwd: string
  /** Aborting it stops `serve` (tests); the bin stops on SIGINT/SIGTERM. */
  signal?: AbortSignal
  /** Called with the listening URL once `serve` is up. */
  onListening?: (url: string) => void
}

export const USAGE = `Usage:
  signpost serve  [--config signpost.config.json] [--port 8787] [--host 127.0.0.1] [--db ./signpost.db | postgres://…]
  signpost report --site <key> [--since 7d | --from YYYY-MM-DD --to YYYY-MM-DD] [--limit 10] [--format table|json|csv]
                  [--route /invoices/:id] [--locale es] [--config …] [--db …]
  signpost seed   [--site demo] [--days 30] [--sessions-per-day 200] [--config …] [--db …]
  signpost forget --site <key> --session <id> [--config …] [--db …]     erase one person's data
  signpost export --site <key> --session <id> [--out file.json] [--config …] [--db …]
  signpost learn  --site <key> [--since 90d | --from YYYY-MM-DD --to YYYY-MM-DD] [--min-sessions 3]
                  [--out learned.json] [--config …] [--db …]
  signpost digest --site <key> [--since 7d | --from … --to …] [--format markdown|html] [--out digest.md]
                  [--mail-to ops@example.com] [--slack https://hooks.slack.com/…] [--config …] [--db …]
                  Mails it when SIGNPOST_SMTP_URL is set (to --mail-to or SIGNPOST_DIGEST_TO), posts it
                  to --slack or SIGNPOST_SLACK_WEBHOOK_URL.

With no --config, ./signpost.config.json is used when present; otherwise one site "demo" that
accepts localhost origins, stored in ./signpost.db, report token from SIGNPOST_REPORT_TOKEN
(generated and printed when unset).
`

const FLAGS: Record<string, readonly string[]> = {
  serve: ['config', 'port', 'host', 'db'],
  report: ['config', 'db', 'site', 'since', 'from', 'to', 'limit', 'format', 'route', 'locale'],
  seed: ['config', 'db', 'site', 'days', 'sessions-per-day'],
  forget: ['config', 'db', 'site', 'session'],
  export: ['config', 'db', 'site', 'session', 'out'],
  learn: ['config', 'db', 'site', 'since', 'from', 'to', 'min-sessions', 'out'],
  digest: ['config', 'db', 'site', 'since', 'from', 'to', 'format', 'out', 'mail-to', 'slack'],
}

/** The commands this CLI runs, for the one `signpost` binary to register. */
export const COMMANDS: readonly string[] = Object.keys(FLAGS)

/**
 * The `serve`, `report` and `seed` commands; returns the exit code.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2))
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout
  const stderr = io.stderr ?? process.stderr
  const full: CliIo = { stdout, stderr, env: io.env ?? process.env, cwd: io.cwd ?? process.cwd(), ...io }
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      stdout.write(USAGE)
      return command === undefined ? 2 : 0
    }
    const allowed = FLAGS[command]
    if (!allowed) throw new UsageError(`unknown command "${command}"`)
    const flags = parseFlags(command, rest, allowed)
    if (flags['help'] !== undefined) {
      stdout.write(USAGE)
      return 0
    }
    if (command === 'serve') return await serveCommand(flags, full)
    if (command === 'report') return await reportCommand(flags, full)
    if (command === 'forget' || command === 'export') return await privacyCommand(command, flags, full, loadConfig(flags, full, false))
    if (command === 'learn') return await learnCommand(flags, full)
    if (command === 'digest') return await digestCommand(flags, full)
    return await seedCommand(flags, full)
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`signpost ${command ?? ''}: ${error.message}\n\n${USAGE}`)
      return 2
    }
    if (error instanceof ConfigError || error instanceof RangeError_) {
      stderr.write(`signpost ${command}: ${error.message}\n`)
      return 2
    }
    stderr.write(`signpost ${command}: ${(error as Error).message}\n`)
    return 1
  }
}

function parseFlags(command: string, args: readonly string[], allowed: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--help' || arg === '-h') {
      flags['help'] = ''
      continue
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!m) throw new UsageError(`unexpected argument "${arg}"`)
    const name = m[1]!
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name} for "${command}"`)
    const value = m[2] ?? args[++i]
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`)
    flags[name] = value
  }
  return flags
}

function loadConfig(flags: Record<string, string>, io: CliIo, announceToken: boolean): ServerConfig {
  const path = flags['config'] ?? (existsSync(`${io.cwd}/signpost.config.json`) ? `${io.cwd}/signpost.config.json` : undefined)
  const onGeneratedToken = (token: string) => {
    if (announceToken) io.stdout.write(`No SIGNPOST_REPORT_TOKEN set; report token for site "demo" this run: ${token}\n`)
  }
  const config = path ? loadConfigFile(path, { env: io.env, onGeneratedToken }) : defaultConfig({ env: io.env, onGeneratedToken })
  if (flags['db']) config.db = flags['db']
  if (flags['host']) config.host = flags['host']
  if (flags['port'] !== undefined) {
    const port = Number(flags['port'])
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected 0–65535, got "${flags['port']}"`)
    config.port = port
  }
  if (!/^postgres(ql)?:\/\//.test(config.db) && !config.db.startsWith('/')) config.db = `${io.cwd}/${config.db}`
  return config
}

const positiveInt = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name}: expected a whole number ≥ 1, got "${value}"`)
  return n
}

async function serveCommand(flags: Record<string, string>, io: CliIo): Promise<number> {
  const config = loadConfig(flags, io, true)
  const store = await openStore(config.db)
  const app = createApp({ store, config })
  const purge = async () => {
    try {
      const r = await store.purge(config.retentionDays)
      if (r.events > 0 || r.queries > 0)
        io.stdout.write(`purged ${r.events} raw events and ${r.queries} query rows older than ${config.retentionDays} days\n`)
    } catch (error) {
      io.stderr.write(`signpost serve: retention purge failed: ${(error as Error).message}\n`)
    }
  }
  await purge()
  const timer = setInterval(purge, 6 * 3600_000)
  timer.unref()
  const { url, close } = await listen({
    fetch: app.fetch,
    port: config.port,
    host: config.host,
    maxBodyBytes: config.maxBodyBytes,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  })
  const db = /^postgres/.test(config.db) ? config.db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : config.db
  io.stdout.write(`signpost server listening on ${url} (sites: ${config.sites.map((s) => s.key).join(', ')}; db: ${db})\n`)
  io.onListening?.(url)
  await new Promise<void>((resolve) => {
    if (io.signal) {
      if (io.signal.aborted) resolve()
      io.signal.addEventListener('abort', () => resolve(), { once: true })
    } else {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    }
  })
  clearInterval(timer)
  await close()
  await app.writer.drain()
  await store.close()
  io.stdout.write('signpost server stopped\n')
  return 0
}

function siteOf(flags: Record<string, string>, config: ServerConfig): SiteConfig {
  const key = flags['site'] ?? (config.sites.length === 1 ? config.sites[0]!.key : undefined)
  if (!key) throw new UsageError('--site is required when the config has several sites')
  const site = config.sites.find((s) => s.key === key)
  if (!site) throw new UsageError(`--site: unknown site "${key}" (known: ${config.sites.map((s) => s.key).join(', ')})`)
  return site
}

async function learnCommand(flags: Record<string, string>, io: CliIo): Promise<number> {
  const config = loadConfig(flags, io, false)
  const site = siteOf(flags, config)
  const minSessions = parseMinSessions(flags['min-sessions'])
  if (minSessions === null) throw new UsageError(`--min-sessions: expected a whole number ≥ 1, got "${flags['min-sessions']}"`)
  const since = flags['since'] ?? (flags['from'] ? undefined : `${DEFAULT_LEARNED_DAYS}d`)
  const range = parseRange({ since, from: flags['from'], to: flags['to'] })
  const store = await openStore(config.db)
  try {
    const file = await learnedExport(store.db, site.key, range, minSessions, config.kAnonymity)
    const json = `${JSON.stringify(file, null, 2)}\n`
    const out = flags['out']
    if (out === undefined) {
      io.stdout.write(json)
      return 0
    }
    const path = isAbsolute(out) ? out : join(io.cwd, out)
    writeFileSync(path, json)
    io.stdout.write(
      `wrote ${out}: ${file.pairs.length} query → article pairs seen in ≥ ${learnedFloor(minSessions, config.kAnonymity)} sessions, views of ${file.views?.length ?? 0} articles, ${file.from} to ${file.to}\n`,
    )
    return 0
  } finally {
    await store.close()
  }
}

async function digestCommand(flags: Record<string, string>, io: CliIo): Promise<number> {
  const config = loadConfig(flags, io, false)
  const site = siteOf(flags, config)
  const format = flags['format'] ?? 'markdown'
  if (format !== 'markdown' && format !== 'html') throw new UsageError(`--format: expected markdown or html, got "${format}"`)
  const smtpUrl = io.env['SIGNPOST_SMTP_URL']
  const mailTo = flags['mail-to'] ?? io.env['SIGNPOST_DIGEST_TO']
  if (smtpUrl && !mailTo) throw new UsageError('SIGNPOST_SMTP_URL is set: name the recipient with --mail-to or SIGNPOST_DIGEST_TO')
  const slack = flags['slack'] ?? io.env['SIGNPOST_SLACK_WEBHOOK_URL']
  if (slack !== undefined && !/^https?:\/\//.test(slack)) throw new UsageError(`--slack: expected an http(s) webhook URL, got "${slack.slice(0, 60)}"`)
  const range = parseRange({ since: flags['since'], from: flags['from'], to: flags['to'] })
  const store = await openStore(config.db)
  let digest: Digest
  try {
    const { createTitleLookup } = await import('../reports/titles.ts')
    const titles = site.kb ? await createTitleLookup(site.kb)() : undefined
    digest = await buildDigest(store.db, site.key, range, site.costPerContact, config.kAnonymity, titles)
  } finally {
    await store.close()
  }
  const text = format === 'html' ? renderHtml(digest) : renderMarkdown(digest)
  if (flags['out'] !== undefined) writeFileSync(isAbsolute(flags['out']) ? flags['out'] : join(io.cwd, flags['out']), text)
  else if (!smtpUrl && !slack) io.stdout.write(text)
  // Loaded only here: the mail library has no business in `serve`'s start-up.
  const { mailDigest, postDigest } = await import('../digest/send.ts')
  if (smtpUrl && mailTo) {
    await mailDigest(digest, { smtpUrl, to: mailTo, ...(io.env['SIGNPOST_DIGEST_FROM'] ? { from: io.env['SIGNPOST_DIGEST_FROM'] } : {}) })
    io.stdout.write(`mailed the digest to ${mailTo}\n`)
  }
  if (slack) {
    await postDigest(digest, slack)
    io.stdout.write('posted the digest to the Slack webhook\n')
  }
  if (flags['out'] !== undefined) io.stdout.write(`wrote ${flags['out']}${digest.alerts.length > 0 ? ` (${digest.alerts.length} alerts)` : ''}\n`)
  return 0
}

async function reportCommand(flags: Record<string, string>, io: CliIo): Promise<number> {
  const config = loadConfig(flags, io, false)
  const site = siteOf(flags, config)
  const key = site.key
  const format = flags['format'] ?? 'table'
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format: expected table, json or csv, got "${format}"`)
  const range = parseRange({ since: flags['since'], from: flags['from'], to: flags['to'] })
  const limit = positiveInt('limit', flags['limit'], 10)
  const store = await openStore(config.db)
  try {
    const slice = await parseSlice(store.db, key, { route: flags['route'], locale: flags['locale'] }).catch((error: unknown) => {
      throw error instanceof ApiError ? new UsageError(`--${error.message}`) : error
    })
    const s = await summary(store.db, key, range, site.costPerContact, slice)
    const gaps = await contentGaps(store.db, key, range, limit, config.kAnonymity, slice)
    const arts = await articleReport(store.db, key, range, limit, config.kAnonymity, slice)
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ summary: s, contentGaps: gaps, articles: arts }, null, 2) + '\n')
      return 0
    }
    if (format === 'csv') {
      const { toCsv } = await import('../reports/csv.ts')
      io.stdout.write(toCsv([s]))
      return 0
    }
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`
    const delta = (a: number, b: number, f: (x: number) => string) => (b === 0 && a === 0 ? '' : `${f(b)}`)
    const within = [slice.route && `route ${slice.route}`, slice.locale && `locale ${slice.locale}`].filter(Boolean).join(', ')
    io.stdout.write(`Signpost report for site "${key}"${within ? ` (${within})` : ''}, ${s.from} to ${s.to} (previous: ${s.previous.from} to ${s.previous.to})\n\n`)
    const p = s.previous
    io.stdout.write(
      table(
        ['metric', 'this period', 'previous'],
        [
          ['help sessions', String(s.helpSessions), String(p.helpSessions)],
          ['deflected (explicit / implicit)', `${s.deflected.explicit} / ${s.deflected.implicit}`, `${p.deflected.explicit} / ${p.deflected.implicit}`],
          ['deflection rate', pct(s.deflectionRate), delta(s.deflectionRate, p.deflectionRate, pct)],
          ['contacts', String(s.contacts), String(p.contacts)],
          ['escalation rate', pct(s.escalationRate), delta(s.escalationRate, p.escalationRate, pct)],
          ['self-service score', s.selfServiceScore === null ? '–' : s.selfServiceScore.toFixed(2), p.selfServiceScore === null ? '–' : p.selfServiceScore.toFixed(2)],
          ['first-contact resolution (estimate)', s.firstContactResolution === null ? '–' : pct(s.firstContactResolution), p.firstContactResolution === null ? '–' : pct(p.firstContactResolution)],
          ['searches', String(s.searches), String(p.searches)],
          ['zero-result rate', pct(s.zeroResultRate), delta(s.zeroResultRate, p.zeroResultRate, pct)],
          ['no-click rate', pct(s.noClickRate), delta(s.noClickRate, p.noClickRate, pct)],
          ['cost saved', s.costSaved.toFixed(2), p.costSaved.toFixed(2)],
          [
            'contact form: deflected / suggested',
            `${s.contactForm.deflected} / ${s.contactForm.suggested} (${pct(s.contactForm.deflectionRate)})`,
            `${p.contactForm.deflected} / ${p.contactForm.suggested}`,
          ],
        ],
        [false, true, true],
      ),
    )
    io.stdout.write(`\nTop content gaps\n\n`)
    io.stdout.write(
      gaps.length === 0
        ? 'none: every search found something and got a click\n'
        : table(
            ['query', 'sessions affected', 'searches', 'zero results', 'no click', 'contacts after', 'last seen'],
            gaps.map((g) => [g.query, String(g.sessionsAffected), String(g.searches), String(g.zeroResults), String(g.noClicks), String(g.contacts), g.lastSeen.slice(0, 16).replace('T', ' ')]),
            [false, true, true, true, true, true, false],
          ),
    )
    const routes = await breakdown(store.db, key, range, 'route', limit, slice)
    if (routes.length > 0) {
      io.stdout.write(`\nWhere help was asked for (by route)\n\n`)
      io.stdout.write(
        table(
          ['route', 'help sessions', 'deflection', 'escalation', 'searches that found nothing'],
          routes.map((r) => [r.value, String(r.helpSessions), pct(r.deflectionRate), pct(r.escalationRate), pct(r.zeroResultSessionRate)]),
          [false, true, true, true, true],
        ),
      )
    }
    return 0
  } finally {
    await store.close()
  }
}

async function seedCommand(flags: Record<string, string>, io: CliIo): Promise<number> {
  const config = loadConfig(flags, io, false)
  const site = flags['site'] ?? config.sites[0]!.key
  if (!config.sites.some((s) => s.key === site)) throw new UsageError(`--site: unknown site "${site}"`)
  const store = await openStore(config.db)
  try {
    const r = await seed(store, {
      site,
      days: positiveInt('days', flags['days'], 30),
      sessionsPerDay: positiveInt('sessions-per-day', flags['sessions-per-day'], 200),
    })
    io.stdout.write(`seeded ${r.sessions} sessions (${r.events} events, ids prefixed "seed-") for site "${site}" into ${config.db}\n`)
    return 0
  } finally {
    await store.close()
  }
}
