import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/**
 * The dashboard page as static files in dist/, served by the Signpost server at /dashboard/
 * (same origin as the reports API). Lit's production build; Chart.js only what the charts register.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  logLevel: 'warn',
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
})
