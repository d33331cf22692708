import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { minifyLitCss, minifyLitHtml } from './build/minify-lit.ts'

/**
 * The npm build (`lib/`, what `import '@signpost/widget'` loads from an installed package): ES
 * modules for the host app's bundler, with Lit, DOMPurify, MiniSearch and `@signpost/core` left as
 * imports so the app shares one copy of each. The search worker is bundled whole (a worker cannot
 * share the page's modules) and referenced with `new URL(…, import.meta.url)`, which Vite, webpack
 * and Rollup all follow (dev servers included). Not minified: the app's bundler minifies.
 */
const external = [/^lit($|\/)/, /^@lit\//, /^lit-html($|\/)/, /^lit-element($|\/)/, 'dompurify', 'minisearch', /^@signpost\/core($|\/)/]

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [minifyLitCss(), minifyLitHtml()],
  resolve: { conditions: ['module', 'browser', 'production'] },
  worker: {
    format: 'es',
    // One file: the app's bundler copies the worker it finds through `new URL(…)`, not the chunks
    // the worker would import (the CDN build keeps the body's code in a chunk of its own).
    rolldownOptions: { output: { entryFileNames: 'chunks/[name]-[hash].js', minify: true, codeSplitting: false } },
  },
  build: {
    outDir: 'lib',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    // Readable as it is; the app's bundler makes the maps of what it ships.
    sourcemap: false,
    lib: {
      entry: {
        index: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
        events: fileURLToPath(new URL('./src/events/index.ts', import.meta.url)),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      external,
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
})
