import { bundleSizes } from './bundle-sizes.ts'
for (const c of await bundleSizes()) if (c.isWorker || c.isEntry) console.log(c.file, c.gzip)
