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

/** The stemmer for a locale; identity for locales without one. */
export function stemmerFor(locale: string): (word: string) => string {
  return STEMMERS[baseLanguage(locale)] ?? ((w) => w)
}
