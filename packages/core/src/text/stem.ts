import { stemmer as porter } from 'stemmer'
import { baseLanguage } from './stopwords.ts'

/**
 * A light Spanish stemmer: strips plural and common derivational endings, enough that "facturas"
 * finds "factura" and "exportación" finds "exportar". Written here because the Snowball stemmers
 * on npm weigh more than the whole widget budget.
 */
function spanish(word: string): string {
  if (word.length <= 4) return word
  for (const suffix of ['aciones', 'iciones', 'amiento', 'imiento', 'acion', 'icion', 'mente', 'ando', 'iendo', 'ados', 'idos', 'adas', 'idas', 'ado', 'ido', 'ada', 'ida', 'ar', 'er', 'ir', 'es', 'as', 'os', 'a', 'o', 'e', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length)
  }
  return word
}

const STEMMERS: Record<string, (word: string) => string> = {
  en: (w) => (w.length <= 3 ? w : porter(w)),
  es: spanish,
}

const memoized = new Map<string, (word: string) => string>()

/** The stemmer for a locale (memoized: indexing stems the same words many times); identity for locales without one. */
export function stemmerFor(locale: string): (word: string) => string {
  const language = baseLanguage(locale)
  let fn = memoized.get(language)
  if (!fn) {
    const stem = STEMMERS[language] ?? ((w: string) => w)
    const cache = new Map<string, string>()
    fn = (word) => {
      let s = cache.get(word)
      if (s === undefined) {
        s = stem(word)
        if (cache.size < 200_000) cache.set(word, s)
      }
      return s
    }
    memoized.set(language, fn)
  }
  return fn
}
