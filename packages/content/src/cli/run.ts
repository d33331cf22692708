import { relative } from 'node:path'
import { LearnedFileError } from '../learned/learned-file.ts'
import { type CliIO, processIO, UsageError } from './io.ts'

type Command = (args: string[], io: CliIO) => Promise<number>

/**
 * This package's commands. Each is imported only when it runs: `dev` alone loads node:http (and
 * with it undici), and a build should not pay for what it does not use.
 */
const COMMANDS: Record<string, { usage: string; load: () => Promise<Command> }> = {
  build: {
    usage: `signpost build [dir] [--out dist/kb] [--default-locale en] [--drafts] [--strict] [--learned learned.json] [--semantic[=local]]
  Renders a folder of markdown (default: content) into a static knowledge base. Nothing is
  written when there are errors; --strict (or "strict: true" in the folder's signpost.yml)
  makes every warning an error. Articles with "audience: [pro]" frontmatter go only into
  out/audiences/pro/ (with the public ones), never into the public knowledge base. --learned indexes the queries customers searched before opening
  each article (the output of \`signpost learn\`); dir/learned.json is used when present.
  --semantic ranks by meaning too ("supplier" finds "vendor"): word vectors from a sentence model
  (the optional @energetic-ai/* packages), fetched by the widget for the words typed;
  --semantic=local ships the corpus's words with the index instead, so no request names them.`,
    load: async () => (await import('./build-command.ts')).buildCommand,
  },
  check: {
    usage: `signpost check [dir] [--format text|json] [--default-locale en] [--strict] [--learned learned.json]
  Validates every article (frontmatter, links, anchors, images, includes) and writes nothing.
  Exit 1 when there are errors; --strict (or "strict: true" in signpost.yml) counts warnings too.
  --learned lists the queries and synonyms each article learned from traffic.
signpost check [dir] --stale [--views learned.json] [--today 2026-01-31] [--format text|json]
  Lists the articles past their "review-by" date with their owner, the most read first when a
  learned/traffic file gives views. Exit 0 (1 with --strict when any is overdue).`,
    load: async () => (await import('./check-command.ts')).checkCommand,
  },
  search: {
    usage: `signpost search <query> [--index dist/kb] [--audience pro] [--locale en] [--limit 5] [--json]
signpost search --queries <file.json> [--index dist/kb] [--audience pro] [--locale en] [--limit 5] [--json]
  Searches a built knowledge base exactly as the widget does: the public one, or with --audience
  the one of the readers an "audience" frontmatter names. --queries runs a list of
  [{ "q": "...", "targets": ["article-id"] }] and reports success@1 and success@5.`,
    load: async () => (await import('./search-command.ts')).searchCommand,
  },
  import: {
    usage: `signpost import <zendesk|intercom|helpscout> <export.json> [--out content] [--locale en] [--force]
  Turns a help center exported from Zendesk (articles.json?include=sections,categories),
  Intercom (articles and collections) or Help Scout (articles and categories) into markdown with
  frontmatter: one folder per locale and section, links between articles rewritten, images kept.`,
    load: async () => (await import('./import-command.ts')).importCommand,
  },
  dev: {
    usage: `signpost dev [dir] [--out dist/kb] [--port 4321] [--no-serve]
  Builds, then rebuilds on every change (only the changed articles are rendered again) and
  serves a live preview. Stop with Ctrl-C.`,
    load: async () => (await import('./dev-command.ts')).devCommand,
  },
}

/** Commands other packages add to the one `signpost` binary (the server adds serve, report, seed). */
const extraCommands = new Map<string, { run: Command; usage: string }>()

export function registerCommand(name: string, run: Command, usage: string): void {
  extraCommands.set(name, { run, usage })
}

/** Whether `name` is one of this package's own commands (which need no other package loaded). */
export const isContentCommand = (name: string | undefined): boolean => name !== undefined && Object.hasOwn(COMMANDS, name)

export function usage(): string {
  return ['Usage: signpost <command> [options]', ...Object.values(COMMANDS).map((c) => c.usage), ...[...extraCommands.values()].map((c) => c.usage)].join('\n\n')
}

/** Runs the CLI and returns its exit code: 0 ok, 1 content errors, 2 bad usage. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(`${usage()}\n`)
    return name ? 0 : 2
  }
  const own = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  const extra = extraCommands.get(name)
  if (!own && !extra) {
    io.stderr.write(`signpost: unknown command "${name}"\n\n${usage()}\n`)
    return 2
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${(own ?? extra)!.usage}\n`)
    return 0
  }
  try {
    const command = own ? await own.load() : extra!.run
    return await command(args, io)
  } catch (e) {
    const err = e as Error & { code?: string }
    if (err instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`signpost ${name}: ${err.message}\n\n${usage()}\n`)
      return 2
    }
    const message = err instanceof LearnedFileError ? `${relative(io.cwd, err.file)}: ${err.problem}` : err.message
    io.stderr.write(`signpost ${name}: ${message}\n`)
    return 1
  }
}
