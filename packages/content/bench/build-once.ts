// One cold build in a process of its own, for run.ts's repeated build timings: builds the content
// folder given as the argument into a temporary folder and prints the milliseconds, timed as
// run.ts times its own first build (markdown to every file written, modules already loaded).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildContent } from '../src/build.ts'
import { writeOutput } from '../src/output/write.ts'

const work = await mkdtemp(join(tmpdir(), 'signpost-bench-build-'))
const started = performance.now()
const result = await buildContent({ root: process.argv[2]! })
await writeOutput(join(work, 'kb'), result.files)
process.stdout.write(String(performance.now() - started))
await rm(work, { recursive: true, force: true })
