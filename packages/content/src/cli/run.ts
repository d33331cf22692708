import { BUILD_USAGE, buildCommand } from './build-command.ts'
import { CHECK_USAGE, checkCommand } from './check-command.ts'
import { DEV_USAGE, devCommand } from './dev-command.ts'
import { type CliIO, processIO, UsageError } from './io.ts'
import { SEARCH_USAGE, searchCommand } from './search-command.ts'

type Command = (args: string[], io: CliIO) => Promise<number>

/** Commands other packages add to the one `signpost` binary (the server adds serve, report, seed). */
const extraCommands = new Map<string, { run: Command; usage: string }>()

export function registerCommand(name: string, run: Command, usage: string): void {
  extraCommands.set(name, { run, usage })
}

const COMMANDS: Record<string, Command> = { build: buildCommand, check: checkCommand, search: searchCommand, dev: devCommand }

/** Whether `name` is one of this package's own commands (which need no other package loaded). */
export const isContentCommand = (name: string | undefined): boolean => name !== undefined && Object.hasOwn(COMMANDS, name)
const USAGES: Record<string, string> = { build: BUILD_USAGE, check: CHECK_USAGE, search: SEARCH_USAGE, dev: DEV_USAGE }

export function usage(): string {
  return [
    'Usage: signpost <command> [options]',
    '',
    BUILD_USAGE,
    CHECK_USAGE,
    SEARCH_USAGE,
    DEV_USAGE,
    ...[...extraCommands.values()].map((c) => c.usage),
  ].join('\n\n')
}

/** Runs the CLI and returns its exit code: 0 ok, 1 content errors, 2 bad usage. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(`${usage()}\n`)
    return name ? 0 : 2
  }
  const command = COMMANDS[name] ?? extraCommands.get(name)?.run
  if (!command) {
    io.stderr.write(`signpost: unknown command "${name}"\n\n${usage()}\n`)
    return 2
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${USAGES[name] ?? extraCommands.get(name)?.usage}\n`)
    return 0
  }
  try {
    return await command(args, io)
  } catch (e) {
    const err = e as Error & { code?: string }
    if (err instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`signpost ${name}: ${err.message}\n\n${usage()}\n`)
      return 2
    }
    io.stderr.write(`signpost ${name}: ${err.message}\n`)
    return 1
  }
}
