import type { QueryGroup, QueryRefinement, QueryTerm } from './query.ts'

/** Words this long get their letter swaps tried (longer ones allow two edits, which covers a swap). */
const SWAP_MIN = 4
const SWAP_MAX = 6
/** A swap undone counts like a typo MiniSearch forgave (its default fuzzy weight). */
const SWAP_WEIGHT = 0.45

/**
 * What the search adds to a query once the body index has arrived (it travels with the body's
 * code, off the way to the first result; the CLI always has it):
 * - a letter swap undone: "pyament" is one slip of the finger but two edits, beyond the typo
 *   tolerance of a word of four to six letters;
 * - two words customers split that writers join ("time zone" / timezone, "log in" / login): the
 *   joined word satisfies both.
 */
export const refineQuery: QueryRefinement = (words, groupAt, typingLastWord) => {
  for (const [k, w] of words.entries()) {
    const group = groupAt[k]
    if (!group || (k === words.length - 1 && typingLastWord)) continue
    for (const swapped of swaps(w)) group.alternatives.push([{ term: swapped, fuzzy: false, prefix: false, weight: SWAP_WEIGHT }])
  }
  for (let k = 0; k + 1 < words.length; k++) {
    const pair: (QueryGroup | undefined)[] = [groupAt[k], groupAt[k + 1]]
    const joined: QueryTerm = { term: words[k]! + words[k + 1]!, fuzzy: false, prefix: k + 2 === words.length && typingLastWord }
    for (const g of pair) g?.alternatives.push([joined])
  }
}

function swaps(w: string): string[] {
  if (w.length < SWAP_MIN || w.length > SWAP_MAX || /\d/.test(w)) return []
  const out: string[] = []
  for (let i = 0; i + 1 < w.length; i++) if (w[i] !== w[i + 1]) out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))
  return out
}
