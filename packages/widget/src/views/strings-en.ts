import type { SignpostStrings, ViewStringKey } from '../strings.ts'

/** English for the lazy views. */
export const enViews: Pick<SignpostStrings, ViewStringKey> = {
  category: 'Category',
  allCategories: 'All categories',
  back: 'Back',
  opensInNewTab: '(opens in a new tab)',
  popular: 'Popular articles',
  noResultsHint: 'Try other words, browse the popular articles, or contact support.',
  related: 'Related articles',
  helpful: 'Was this helpful?',
  yes: 'Yes',
  no: 'No',
  reasonLabel: 'What was missing? (optional)',
  send: 'Send',
  thanks: 'Thanks for your feedback!',
  contactPrompt: 'Still need help?',
  contact: 'Contact support',
}
