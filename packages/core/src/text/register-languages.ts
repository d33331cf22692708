import { registerLanguage } from './language.ts'
import { registerAll } from './languages.ts'

/**
 * Registers every language core knows (languages.ts): the content pipeline and the CLI call it.
 * A module of its own, so code that never calls it (the widget's search worker) keeps the
 * languages out of its bundle.
 */
export function registerLanguages(): void {
  registerAll(registerLanguage)
}
