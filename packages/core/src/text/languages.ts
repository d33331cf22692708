/**
 * The languages core knows beyond English (built in): their stop words and stemmers, as data that
 * `registerLanguage` takes. The content pipeline and the CLI register them all
 * (`registerLanguages`); the widget's search worker loads this module only for a knowledge base in
 * another language, keeping it off the way to the first result of an English one. It imports
 * nothing, so a bundler can split it off whole.
 */

export interface Language {
  /** Stop words, as `normalizeQuery` leaves them (no accents). */
  stopWords: string[]
  stem: (word: string) => string
}

const ES = `a al algo como con de del donde el ella en es esta este esto hay la las le les lo los me mi
mis no o para pero por que se sin sobre su sus te tu un una uno y ya yo cual cuando que como`

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

export const LANGUAGES: Record<string, Language> = {
  es: { stopWords: ES.split(/\s+/), stem: spanish },
}

/** Hands every language to `register` (core's `registerLanguage`), so this module needs no import. */
export function registerAll(register: (code: string, language: Language) => void): void {
  for (const [code, language] of Object.entries(LANGUAGES)) register(code, language)
}
