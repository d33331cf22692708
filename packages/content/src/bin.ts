#!/usr/bin/env node
import module from 'node:module'

// V8's code cache on disk (in Node's folder under the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1
// turns it off): from the second run on the CLI's modules load in half the time (113-131 → 55 ms
// measured). Enabled before they are imported.
module.enableCompileCache?.()
const { isContentCommand, registerCommand, runCli } = await import('./cli/run.ts')

// One `signpost` binary: when the analytics server is installed too, its commands join this one.
// This package's own commands run without loading it (a twentieth of a second).
const server = isContentCommand(process.argv[2]) ? undefined : await import('@signpost/server').catch(() => undefined)
if (server) {
  const usage = (name: string) => server.USAGE.split('\n').filter((line) => line.includes(`signpost ${name}`)).join('\n')
  for (const name of ['serve', 'report', 'seed']) registerCommand(name, (args) => server.runCli([name, ...args]), usage(name))
}

process.exitCode = await runCli(process.argv.slice(2))
