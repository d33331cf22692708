import { expect } from '@open-wc/testing'

interface CspReport {
  error?: string
  results: string[]
  launcherColor: string
  article: string
  widgetViolations: string[]
  trustedTypesEnforced: boolean
  inlineStyleBlocked: boolean
}

async function loadPage(src: string): Promise<CspReport> {
  const frame = document.createElement('iframe')
  frame.src = src
  frame.style.width = '800px'
  frame.style.height = '600px'
  document.body.append(frame)
  try {
    await new Promise((r) => frame.addEventListener('load', r, { once: true }))
    for (let i = 0; i < 500; i++) {
      const report = (frame.contentWindow as unknown as { cspReport?: Promise<CspReport> }).cspReport
      if (report) return await report
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error(`${src} never reported`)
  } finally {
    frame.remove()
  }
}

describe('<signpost-help> under Content Security Policy', () => {
  for (const [name, src] of [
    ['the sources', '/packages/widget/test/csp.html'],
    ['the production bundle', '/packages/widget/test/csp.html?dist'],
  ]) {
  it(`${name}: "searches, styles itself and shows articles with script-src 'self', style-src 'self' and Trusted Types enforced`, async () => {
    const report = await loadPage(src!)
    expect(report.error).to.equal(undefined)
    // The policy is live on that page: a raw innerHTML and an inline <style> are both refused.
    expect(report.trustedTypesEnforced).to.equal(true)
    expect(report.inlineStyleBlocked).to.equal(true)
    expect(report.widgetViolations).to.deep.equal([])
    expect(report.results).to.include('Refunds')
    expect(report.launcherColor).to.equal('rgb(31, 79, 209)')
    expect(report.article).to.contain('original card within ten days')
  })
  }
})
