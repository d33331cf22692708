import type { Language } from './languages.ts'
import { registerStemmer } from './stem.ts'
import { registerStopWords } from './stopwords.ts'

/** Adds a language's stop words and stemmer (English is built in; languages.ts holds the others). */
export function registerLanguage(code: string, language: Language): void {
  registerStopWords(code, new Set(language.stopWords))
  registerStemmer(code, language.stem)
}
