/**
 * Principal components of a set of vectors: the mean and the `k` directions of most variance,
 * strongest first. Subspace iteration on the covariance of (a sample of) the rows: 512-d model
 * vectors reduce to 128 in a few seconds, and cosine only needs the subspace, not exact axes.
 */
export interface Pca {
  mean: Float32Array
  /** `k` rows of `dims` numbers: the components, strongest first. */
  basis: Float32Array
  k: number
  dims: number
}

const ITERATIONS = 40
const SAMPLE = 10_000

export function fitPca(rows: readonly Float32Array[], k: number): Pca {
  const dims = rows[0]?.length ?? 0
  if (rows.length === 0 || k > dims) throw new Error(`PCA: need rows of at least ${k} dimensions`)
  const stride = Math.max(1, Math.floor(rows.length / SAMPLE))
  const sample = rows.filter((_, i) => i % stride === 0)
  const mean = new Float64Array(dims)
  for (const r of sample) for (let d = 0; d < dims; d++) mean[d]! += r[d]!
  for (let d = 0; d < dims; d++) mean[d]! /= sample.length
  // Upper triangle of the covariance, mirrored afterwards.
  const cov = new Float64Array(dims * dims)
  const x = new Float64Array(dims)
  for (const r of sample) {
    for (let d = 0; d < dims; d++) x[d] = r[d]! - mean[d]!
    for (let i = 0; i < dims; i++) {
      const xi = x[i]!
      const row = i * dims
      for (let j = i; j < dims; j++) cov[row + j]! += xi * x[j]!
    }
  }
  for (let i = 0; i < dims; i++) for (let j = 0; j < i; j++) cov[i * dims + j] = cov[j * dims + i]!

  // Columns of q (stored as k rows of dims), started from a fixed pseudo-random draw so builds repeat.
  let seed = 12345
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 2 ** 32 - 0.5
  }
  let q = new Float64Array(k * dims).map(rand)
  orthonormalize(q, k, dims)
  for (let it = 0; it < ITERATIONS; it++) {
    const z = new Float64Array(k * dims)
    for (let c = 0; c < k; c++) {
      const qc = c * dims
      for (let i = 0; i < dims; i++) {
        let s = 0
        const row = i * dims
        for (let j = 0; j < dims; j++) s += cov[row + j]! * q[qc + j]!
        z[qc + i] = s
      }
    }
    orthonormalize(z, k, dims)
    q = z
  }
  // Strongest first, by each direction's variance (its Rayleigh quotient).
  const variance = (c: number) => {
    let s = 0
    for (let i = 0; i < dims; i++) {
      let ci = 0
      for (let j = 0; j < dims; j++) ci += cov[i * dims + j]! * q[c * dims + j]!
      s += q[c * dims + i]! * ci
    }
    return s
  }
  const order = [...Array(k).keys()].map((c) => ({ c, v: variance(c) })).sort((a, b) => b.v - a.v)
  const basis = new Float32Array(k * dims)
  for (const [r, { c }] of order.entries()) basis.set(q.subarray(c * dims, (c + 1) * dims), r * dims)
  return { mean: Float32Array.from(mean), basis, k, dims }
}

/** Modified Gram-Schmidt over k rows of dims. */
function orthonormalize(m: Float64Array, k: number, dims: number): void {
  for (let c = 0; c < k; c++) {
    const a = c * dims
    for (let p = 0; p < c; p++) {
      const b = p * dims
      let dot = 0
      for (let i = 0; i < dims; i++) dot += m[a + i]! * m[b + i]!
      for (let i = 0; i < dims; i++) m[a + i]! -= dot * m[b + i]!
    }
    let norm = 0
    for (let i = 0; i < dims; i++) norm += m[a + i]! ** 2
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0
    for (let i = 0; i < dims; i++) m[a + i]! *= inv
  }
}

/** A vector in the components' coordinates. */
export function project(pca: Pca, v: ArrayLike<number>): Float32Array {
  const out = new Float32Array(pca.k)
  for (let c = 0; c < pca.k; c++) {
    let s = 0
    const b = c * pca.dims
    for (let d = 0; d < pca.dims; d++) s += (v[d]! - pca.mean[d]!) * pca.basis[b + d]!
    out[c] = s
  }
  return out
}
