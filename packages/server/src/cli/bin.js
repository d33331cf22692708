#!/usr/bin/env node
// Plain JavaScript for the reason packages/content/src/bin.js gives: the compile cache goes on
// before any TypeScript loads.
import module from 'node:module'

module.enableCompileCache?.()
const { runCli } = await import('./cli.ts')

process.exitCode = await runCli(process.argv.slice(2))
