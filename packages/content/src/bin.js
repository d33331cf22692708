#!/usr/bin/env node
// Plain JavaScript on purpose: Node strips a TypeScript entry's types before this file can turn the
// compile cache on, and that loads its type stripper on every run (a tenth of a second). From here
// on, every module comes from V8's code cache on disk (in Node's folder under the OS temp dir;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): the CLI starts in 0.21 s instead of 0.30 s, and
// loads its modules in 55 ms instead of 113-131 ms.
import module from 'node:module'
import v8 from 'node:v8'

// Before anything that needs a recent Node: an older one would fail on TypeScript sources or a
// missing API with a stack trace that names neither Node nor the version needed.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`signpost: Node.js ${process.versions.node} is not supported; Signpost needs Node.js 22.18 or newer (24 recommended).\n`)
  process.exit(1)
}

module.enableCompileCache?.()
// A build or check is over in seconds, and on two cores V8's top tier costs it more than it gives:
// TurboFan's compiles (a second of CPU for business-central) compete with the render worker and
// the garbage collector. Without it, business-central builds in 3.41 s instead of 3.77 s and uses
// 5.30 s of CPU instead of 6.02 s (whole processes, 8 alternating pairs); Maglev still optimizes.
// Long-running commands (dev, serve) keep it.
if (process.argv[2] === 'build' || process.argv[2] === 'check') v8.setFlagsFromString('--no-turbofan')
const { isContentCommand, registerCommand, runCli } = await import('./cli/run.ts')

// One `signpost` binary: when the analytics server is installed too, its commands join this one.
// This package's own commands run without loading it (a twentieth of a second).
const server = isContentCommand(process.argv[2]) ? undefined : await import('@signpost/server').catch(() => undefined)
if (server) {
  const usage = (name) => server.USAGE.split('\n').filter((line) => line.includes(`signpost ${name}`)).join('\n')
  for (const name of server.COMMANDS ?? ['serve', 'report', 'seed']) registerCommand(name, (args) => server.runCli([name, ...args]), usage(name))
}

process.exitCode = await runCli(process.argv.slice(2))
