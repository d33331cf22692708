import { fileURLToPath } from 'node:url'
import MagicString from 'magic-string'
import { type Plugin, defineConfig } from 'vite'

/**
 * Collapses the indentation inside Lit html`` templates of our sources to one space: Lit ships
 * template text as written, and HTML treats a run of whitespace as one space anyway.
 */
function minifyLitHtml(): Plugin {
  return {
    name: 'signpost-minify-lit-html',
    enforce: 'post',
    transform(code, id) {
      if (!id.includes('/packages/widget/src/') || !code.includes('html`')) return null
      const out = new MagicString(code)
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return
        if (Array.isArray(node)) {
          for (const child of node) visit(child)
          return
        }
        const n = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: { start: number; end: number }[] } }
        if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && n.tag.name === 'html') {
          for (const q of n.quasi!.quasis) {
            const text = code.slice(q.start, q.end)
            const min = text.replace(/\n\s*/g, ' ')
            if (min !== text && q.end > q.start) out.overwrite(q.start, q.end, min)
          }
        }
        for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value)
      }
      visit(this.parse(code))
      return { code: out.toString(), map: out.generateMap({ hires: true }) }
    },
  }
}

/** Collapses the whitespace of the css`` blocks in *.styles.ts: Lit ships CSS as written. */
function minifyLitCss(): Plugin {
  return {
    name: 'signpost-minify-lit-css',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null
      const out = new MagicString(code)
      for (const m of code.matchAll(/css`([^`]*)`/g)) {
        const min = m[1]!
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim()
        out.overwrite(m.index, m.index + m[0].length, `css\`${min}\``)
      }
      return { code: out.toString(), map: out.generateMap({ hires: true }) }
    },
  }
}

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
    rolldownOptions: { output: { entryFileNames: 'chunks/[name]-[hash].js', minify: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'signpost.js',
    },
    rolldownOptions: {
      // Lib mode keeps whitespace in ES output for downstream tree-shaking; this file is shipped as is.
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
})
