import { stemmer as porter } from 'stemmer'
import { baseLanguage } from './stopwords.ts'

/** English is built in; other languages are registered by languages.ts (see there why). */
const STEMMERS: Record<string, (word: string) => string> = {
  en: (w) => (w.length <= 3 ? w : porter(w)),
}

const memoized = new Map<string, (word: string) => string>()

/** Adds a language's stemmer. */
export function registerStemmer(language: string, stem: (word: string) => string): void {
  STEMMERS[language] = stem
  memoized.delete(language)
}

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
