#!/usr/bin/env node
import { registerCommand, runCli } from './cli/run.ts'

// One `signpost` binary: when the analytics server is installed too, its commands join this one.
const server = await import('@signpost/server').catch(() => undefined)
if (server) {
  const usage = (name: string) => server.USAGE.split('\n').filter((line) => line.includes(`signpost ${name}`)).join('\n')
  for (const name of ['serve', 'report', 'seed']) registerCommand(name, (args) => server.runCli([name, ...args]), usage(name))
}

process.exitCode = await runCli(process.argv.slice(2))
