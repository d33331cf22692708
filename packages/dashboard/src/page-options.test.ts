import { describe, expect, it } from 'vitest'
import { pageOptions, reportFilter, withReportFilter } from './page-options.ts'

describe('pageOptions', () => {
  it('keeps an http(s) or relative article link pattern and a real currency', () => {
    expect(pageOptions('?article-url=https://help.example.com/{id}&currency=eur')).toEqual({ articleUrl: 'https://help.example.com/{id}', currency: 'EUR' })
    expect(pageOptions('?article-url=/kb/{id}')).toEqual({ articleUrl: '/kb/{id}' })
  })

  it('drops a script link pattern and a currency no formatter knows', () => {
    expect(pageOptions('?article-url=javascript:alert(1)//{id}&currency=XXXX')).toEqual({})
    expect(pageOptions('?article-url=%20JavaScript:alert(1)')).toEqual({})
    expect(pageOptions('?article-url=data:text/html,x&currency=12')).toEqual({})
  })
})

describe('reportFilter', () => {
  it('reads a route and a locale, and drops what the server would refuse', () => {
    expect(reportFilter('?route=/invoices/:id/edit&locale=pt-BR')).toEqual({ route: '/invoices/:id/edit', locale: 'pt-BR' })
    expect(reportFilter('?route=invoices&locale=en_US!')).toEqual({})
  })

  it('writes the filter back into the page URL, keeping the other options', () => {
    expect(withReportFilter('?currency=EUR&route=/a', { locale: 'es' })).toBe('?currency=EUR&locale=es')
    expect(withReportFilter('?route=/a&locale=es', {})).toBe('')
  })
})
