/**
 * `npm run pack`: builds every package and writes the tarballs npm would publish to `dist/packages`
 * (or the folder given). In this repository each package's `exports` point at its TypeScript
 * sources, which Node 24, Vite and vitest run as they are; the published manifest is the same one
 * with `publishConfig` applied (compiled `lib/`, `.d.ts`, `engines`), as pnpm and Yarn do it, so
 * nothing here depends on a build having run.
 *
 * @example
 * npm run pack                # dist/packages/signpost-core-0.2.0.tgz, …
 * npm publish dist/packages/signpost-core-0.2.0.tgz
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))
/** Dependencies first, so a package's build finds what it imports. */
export const PACKAGES = ['core', 'tracker', 'content', 'dashboard', 'server', 'widget'] as const

/** Keys of `publishConfig` that configure npm itself rather than the published manifest. */
const NPM_SETTINGS = new Set(['access', 'tag', 'registry', 'provenance'])

interface Manifest {
  name: string
  version: string
  files?: string[]
  publishConfig?: Record<string, unknown>
  scripts?: Record<string, string>
  devDependencies?: Record<string, string>
  dependencies?: Record<string, string>
  [key: string]: unknown
}

/** The manifest as published: `publishConfig` applied, `*` ranges on sibling packages pinned to their version. */
export function publishedManifest(manifest: Manifest, versions: Map<string, string>): Manifest {
  const { publishConfig = {}, scripts: _scripts, devDependencies: _dev, ...rest } = manifest
  const out: Manifest = { ...rest }
  for (const [key, value] of Object.entries(publishConfig)) if (!NPM_SETTINGS.has(key)) out[key] = value
  const npmSettings = Object.fromEntries(Object.entries(publishConfig).filter(([key]) => NPM_SETTINGS.has(key)))
  if (Object.keys(npmSettings).length > 0) out.publishConfig = npmSettings
  for (const [name, range] of Object.entries(out.dependencies ?? {})) {
    const version = versions.get(name)
    if (version && range === '*') out.dependencies![name] = `^${version}`
  }
  return out
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(repo, 'packages', dir, 'package.json'), 'utf8')) as Manifest
}

/**
 * Builds and packs every package into `outDir`; returns the tarballs' absolute paths by package
 * name. `buildCommands` replaces a package's `npm run build` (run in its folder).
 */
export function packAll(
  outDir: string,
  { build = true, buildCommands = {} }: { build?: boolean; buildCommands?: Partial<Record<(typeof PACKAGES)[number], string[]>> } = {},
): Map<string, string> {
  mkdirSync(outDir, { recursive: true })
  const manifests = new Map(PACKAGES.map((dir) => [dir, readManifest(dir)]))
  const versions = new Map([...manifests.values()].map((m) => [m.name, m.version]))
  const stage = mkdtempSync(join(tmpdir(), 'signpost-pack-'))
  const tarballs = new Map<string, string>()
  try {
    for (const dir of PACKAGES) {
      const manifest = manifests.get(dir)!
      const source = join(repo, 'packages', dir)
      const [command, ...args] = buildCommands[dir] ?? ['npm', 'run', 'build', '--silent']
      if (build) execFileSync(command!, args, { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] })
      const target = join(stage, dir)
      mkdirSync(target)
      for (const entry of manifest.files ?? []) {
        if (entry.startsWith('!')) continue
        if (!existsSync(join(source, entry))) throw new Error(`pack: ${manifest.name}: "${entry}" is listed in "files" but was not built`)
        cpSync(join(source, entry), join(target, entry), { recursive: true, filter: (path) => !path.endsWith('.tsbuildinfo') })
      }
      cpSync(join(source, 'README.md'), join(target, 'README.md'))
      cpSync(join(repo, 'CHANGELOG.md'), join(target, 'CHANGELOG.md'))
      writeFileSync(join(target, 'package.json'), `${JSON.stringify(publishedManifest(manifest, versions), null, 2)}\n`)
      const [packed] = JSON.parse(execFileSync('npm', ['pack', target, '--json', '--pack-destination', outDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as { filename: string }[]
      tarballs.set(manifest.name, resolve(outDir, packed!.filename))
    }
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
  return tarballs
}

if (import.meta.main) {
  const outDir = resolve(process.argv[2] ?? join(repo, 'dist/packages'))
  for (const [name, file] of packAll(outDir)) console.log(`${name.padEnd(22)} ${file}`)
}
