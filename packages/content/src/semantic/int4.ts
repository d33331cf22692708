/** Article vectors (−7 to 7 a dimension) in the table's 4-bit layout (core's `SemanticTable.articles`). */
export function packInt4(vectors: Int8Array[], dims: number): Uint8Array {
  const per = Math.ceil(dims / 2)
  const out = new Uint8Array(vectors.length * per)
  for (const [a, v] of vectors.entries()) for (let d = 0; d < dims; d++) out[a * per + (d >> 1)]! |= (v[d]! & 0xf) << (d & 1 ? 4 : 0)
  return out
}
