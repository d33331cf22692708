/** Small vector helpers the semantic build and its lab share (Float32Array, changed in place). */

/** Scales `v` to unit length (a zero vector stays zero). */
export function unit<T extends Float32Array>(v: T): T {
  let n = 0
  for (const x of v) n += x * x
  if (n > 0) for (let d = 0; d < v.length; d++) v[d]! /= Math.sqrt(n)
  return v
}

/** The first principal component (uncentered, as SIF takes it) of the vectors: power iteration. */
export function firstComponent(vectors: Float32Array[], dims: number): Float32Array {
  let u = new Float32Array(dims).fill(1 / Math.sqrt(dims))
  for (let it = 0; it < 50; it++) {
    const next = new Float32Array(dims)
    for (const v of vectors) {
      let dot = 0
      for (let d = 0; d < dims; d++) dot += v[d]! * u[d]!
      for (let d = 0; d < dims; d++) next[d]! += dot * v[d]!
    }
    u = unit(next)
  }
  return u
}

/** Removes `v`'s component along the unit vector `u`. */
export function without(v: Float32Array, u: Float32Array): Float32Array {
  let dot = 0
  for (let d = 0; d < v.length; d++) dot += v[d]! * u[d]!
  for (let d = 0; d < v.length; d++) v[d]! -= dot * u[d]!
  return v
}
