/** Words too common to help ranking; dropped from the index and from queries with other words. */
const EN = `a about an and are as at be been but by can could do does did for from had has have how i
if in into is it its me my no not of on or our so than that the their them then there these this
those to was we were what when where which who why will with would you your`

/**
 * What normalization leaves of English contractions ("can't" → can t, "doesn't" → doesn t,
 * "customer's" → customer s): the stray pieces are not words the customer meant to search for.
 */
const EN_CONTRACTIONS = `t s d m ll re ve don doesn didn isn aren wasn weren hasn haven hadn won wouldn couldn shouldn`

/** English is built in; other languages are registered by languages.ts (see there why). */
const LISTS: Record<string, Set<string>> = {
  en: new Set(`${EN} ${EN_CONTRACTIONS}`.split(/\s+/)),
}

/** Adds a language's stop words (already normalized as `normalizeQuery` leaves words). */
export function registerStopWords(language: string, words: Set<string>): void {
  LISTS[language] = words
}

const NONE = new Set<string>()

/** The stop words of a locale (`en-US` uses `en`); an empty set for locales without a list. */
export function stopWords(locale: string): Set<string> {
  return LISTS[baseLanguage(locale)] ?? NONE
}

export function baseLanguage(locale: string): string {
  return locale.toLowerCase().split(/[-_]/, 1)[0]!
}
