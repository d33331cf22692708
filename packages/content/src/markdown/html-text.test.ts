import { describe, expect, it } from 'vitest'
import { htmlToText } from './html-text.ts'

describe('htmlToText', () => {
  it('separates blocks, drops inline tags and decodes entities', () => {
    expect(htmlToText('<h2 id="x">Refunds</h2><p>Open <strong>Billing</strong>&nbsp;&gt; <code>Plans</code>.</p><ul><li>one</li><li>two</li></ul>')).toBe(
      'Refunds Open Billing > Plans. one two',
    )
  })

  it('turns every run of whitespace, Unicode spaces included, into one space', () => {
    expect(htmlToText('<p>a\u3000\u3000b\u2028c \t d\u00a0e&#10;f\ufeff</p><br/>  g  ')).toBe('a b c d e f g')
  })
})
