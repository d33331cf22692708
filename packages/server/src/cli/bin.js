#!/usr/bin/env node
// Plain JavaScript for the reason packages/content/src/bin.js gives: the compile cache goes on
// before any TypeScript loads.
import module from 'node:module'

// Before anything that needs a recent Node: an older one would fail on TypeScript sources or a
// missing API with a stack trace that names neither Node nor the version needed.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`signpost: Node.js ${process.versions.node} is not supported; Signpost needs Node.js 22.18 or newer (24 recommended).\n`)
  process.exit(1)
}

module.enableCompileCache?.()
const { runCli } = await import('./cli.ts')

process.exitCode = await runCli(process.argv.slice(2))
