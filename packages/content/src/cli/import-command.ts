import { relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ImportError, readExport, VENDORS, type Vendor, writeImport } from '../import/index.ts'
import { type CliIO, count, UsageError } from './io.ts'

export async function importCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'content' },
      locale: { type: 'string', default: 'en' },
      force: { type: 'boolean', default: false },
    },
  })
  const [vendor, file] = positionals
  if (!vendor || !(VENDORS as readonly string[]).includes(vendor)) throw new UsageError(`the first argument is the vendor: ${VENDORS.join(', ')}`)
  if (!file) throw new UsageError('the second argument is the export file (JSON)')
  const out = resolve(io.cwd, values.out)
  try {
    const exp = readExport(vendor as Vendor, resolve(io.cwd, file), { locale: values.locale })
    const result = writeImport(exp, out, { force: values.force })
    for (const href of new Set(result.linksKept)) io.stderr.write(`signpost import: a link to an article not in the export was kept as it is: ${href}\n`)
    io.stdout.write(
      `signpost import: ${count(result.files.length, 'article')} (${result.locales.join(', ')}), ${count(result.drafts, 'draft')}, ` +
        `${count(result.linksRewritten, 'link')} between them rewritten → ${relative(io.cwd, out) || '.'}\n`,
    )
    const audiences = Object.entries(result.audiences).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => `${name} (${n})`)
    if (audiences.length > 0) io.stdout.write(`signpost import: only some readers may see articles of audiences ${audiences.join(', ')}: the build keeps them out of the public knowledge base\n`)
    return 0
  } catch (e) {
    if (e instanceof ImportError) {
      io.stderr.write(`signpost import: ${e.message}\n`)
      return 1
    }
    throw e
  }
}
