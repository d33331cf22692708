/**
 * `npm run bench`: runs every package's benchmark (packages/<name>/bench/run.ts) one after another,
 * each in its own Node 24 process so one's memory and JIT state never colour another's figures.
 * `npm run bench -- --only content` runs one; other flags (`--quick`) pass through.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const args = process.argv.slice(2)
const onlyAt = args.indexOf('--only')
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined
const passThrough = onlyAt >= 0 ? args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1) : args

const packages = readdirSync(join(root, 'packages')).filter((p) => existsSync(join(root, 'packages', p, 'bench/run.ts')))
let failed = 0
for (const name of packages) {
  if (only && name !== only) continue
  console.log(`\n## ${name}\n`)
  const r = spawnSync(process.execPath, [join(root, 'packages', name, 'bench/run.ts'), ...passThrough], { stdio: 'inherit', cwd: root })
  if (r.status !== 0) {
    console.error(`bench ${name} failed (exit ${r.status})`)
    failed++
  }
}
process.exitCode = failed > 0 ? 1 : 0
