#!/usr/bin/env node
// Plain JavaScript on purpose: Node strips a TypeScript entry's types before this file can turn the
// compile cache on, and that loads its type stripper on every run (a tenth of a second). From here
// on, every module comes from V8's code cache on disk (in Node's folder under the OS temp dir;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): the CLI starts in 0.21 s instead of 0.30 s, and
// loads its modules in 55 ms instead of 113-131 ms.
import module from 'node:module'

module.enableCompileCache?.()
const { isContentCommand, registerCommand, runCli } = await import('./cli/run.ts')

// One `signpost` binary: when the analytics server is installed too, its commands join this one.
// This package's own commands run without loading it (a twentieth of a second).
const server = isContentCommand(process.argv[2]) ? undefined : await import('@signpost/server').catch(() => undefined)
if (server) {
  const usage = (name) => server.USAGE.split('\n').filter((line) => line.includes(`signpost ${name}`)).join('\n')
  for (const name of ['serve', 'report', 'seed']) registerCommand(name, (args) => server.runCli([name, ...args]), usage(name))
}

process.exitCode = await runCli(process.argv.slice(2))
