import { defineConfig } from 'vite'

// `npm start` builds content/ into demo/public/kb, which Vite serves at /kb.
export default defineConfig({
  root: import.meta.dirname,
  server: { port: 5173, strictPort: false },
  build: { outDir: 'dist', emptyOutDir: true },
})
