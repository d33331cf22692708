import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { minifyLitCss, minifyLitHtml } from './build/minify-lit.ts'

/**
 * The worker is served as it is, never bundled again: its 35 tree-shaking hints (`@__PURE__`) are
 * 47 bytes gzip on the first result's path. (Stripping the entry's 3 made it 39 bytes larger.)
 */
const shippedComments = { legal: true, annotation: false, jsdoc: false }

/**
 * The production build: `signpost.js` registers `<signpost-help>` and answers the first query
 * (Lit, MiniSearch and core's search included); the article view and DOMPurify are a lazy chunk.
 * Everything is bundled so one `<script type="module">` is all a host page needs.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Chunk and worker URLs relative to signpost.js, wherever a CDN serves it.
  base: './',
  logLevel: 'warn',
  plugins: [minifyLitCss(), minifyLitHtml()],
  // Lit's production build whatever NODE_ENV says (vitest sets it to `test` when measuring).
  resolve: { conditions: ['module', 'browser', 'production'] },
  worker: {
    format: 'es',
    // The worker's own chunk (the body's code) sits beside it in chunks/, which ships with signpost.js.
    rolldownOptions: { output: { entryFileNames: 'chunks/[name]-[hash].js', chunkFileNames: 'chunks/[name]-[hash].js', minify: true, comments: shippedComments } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('./cdn/signpost.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'signpost.js',
    },
    rolldownOptions: {
      // The lazily loaded tracker shares core's id maker with the widget: letting the entry export
      // it keeps it in signpost.js instead of a third file fetched before the first result.
      preserveEntrySignatures: 'allow-extension',
      // Lib mode keeps whitespace in ES output for downstream tree-shaking; this file is shipped as is.
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
      },
    },
  },
})
