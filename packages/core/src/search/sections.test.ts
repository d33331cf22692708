import { describe, expect, it } from 'vitest'
import { bestSection } from './sections.ts'

const headings = [
  { depth: 2, text: 'Change your plan', id: 'change-your-plan' },
  { depth: 3, text: 'Downgrades', id: 'downgrades' },
  { depth: 2, text: 'Cancel', id: 'cancel' },
]
const html = `<p>Plans are billed monthly or yearly.</p>
<h2 id="change-your-plan">Change your <em>plan</em></h2><p>Pick another plan in Billing.</p>
<h3 id="downgrades">Downgrades</h3><p>A smaller plan starts at the next invoice; unused seats are refunded as credit.</p>
<h2 id="cancel">Cancel</h2><p>Cancelling stops future charges. Your data stays until the period ends.</p>`

describe('bestSection', () => {
  it('opens an article at the section where the words of the question gather', () => {
    expect(bestSection(html, headings, 'stop future charges', 'en')).toBe(2)
    expect(bestSection(html, headings, 'refund for unused seats when downgrading', 'en')).toBe(1)
  })

  it('prefers a heading that names the question over a passing mention', () => {
    expect(bestSection(html, headings, 'cancel', 'en')).toBe(2)
  })

  it('opens at the top when the title names the question as well as a heading does', () => {
    expect(bestSection(html, headings, 'change plan', 'en', 'Plans')).toBe(0)
    expect(bestSection(html, headings, 'plans', 'en', 'Plans')).toBeUndefined()
  })

  it('opens at the top when the introduction answers best or nothing matches', () => {
    expect(bestSection(html, headings, 'billed yearly', 'en')).toBeUndefined()
    expect(bestSection(html, headings, 'zebra', 'en')).toBeUndefined()
  })
})
