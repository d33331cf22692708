import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  base: './',
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('signpost-') } } })],
  build: { rolldownOptions: { input: { react: 'react.html', vue: 'vue.html' } } },
})
