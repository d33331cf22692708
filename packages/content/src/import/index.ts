/** `signpost import`: help centers exported from Zendesk, Intercom and Help Scout, as markdown. */
import { readFileSync } from 'node:fs'
import { readHelpScout } from './helpscout.ts'
import { readIntercom } from './intercom.ts'
import { ImportError, type VendorExport } from './model.ts'
import { readZendesk } from './zendesk.ts'

export { ImportError } from './model.ts'
export { type ImportResult, writeImport } from './write.ts'

export const VENDORS = ['zendesk', 'intercom', 'helpscout'] as const
export type Vendor = (typeof VENDORS)[number]

/** Reads a vendor's export file; an ImportError names the file and what is wrong in it. */
export function readExport(vendor: Vendor, path: string, options: { locale?: string } = {}): VendorExport {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    throw new ImportError(`${path}: ${err.code === 'ENOENT' ? 'not found' : `not JSON (${err.message})`}`)
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ImportError(`${path}: expected a JSON object`)
  try {
    const record = data as Record<string, unknown>
    if (vendor === 'zendesk') return readZendesk(record)
    if (vendor === 'intercom') return readIntercom(record)
    return readHelpScout(record, options.locale)
  } catch (e) {
    if (e instanceof ImportError) throw new ImportError(`${path}: ${e.message}`)
    throw e
  }
}
