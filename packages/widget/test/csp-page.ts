// Drives the widget inside csp.html and reports what happened on window.cspReport.
// `csp.html?dist` runs the production bundle (packages/widget/dist, built by make-fixture.ts).
import type { SignpostHelp } from '../src/signpost-help.ts'

const violations: string[] = []
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`))

const until = async (check: () => unknown, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function run() {
  if (location.search.includes('dist')) await import('/packages/widget/dist/signpost.js' as string)
  else await import('../src/index.ts')
  await customElements.whenDefined('signpost-help')
  const el = document.querySelector('signpost-help') as SignpostHelp
  const root = el.shadowRoot!
  await el.search('refund')
  await until(() => root.querySelector('[role="option"]'), 'results')
  const results = [...root.querySelectorAll('[role="option"] .result-title')].map((e) => e.textContent)
  const launcherColor = getComputedStyle(root.querySelector('.launcher')!).backgroundColor
  await el.showArticle('billing/refunds')
  await until(() => root.querySelector('[part="article"] p'), 'the article')
  const article = root.querySelector('[part="article"]')!.textContent
  const widgetViolations = [...violations]
  // Positive controls: the policy is really enforced on this page.
  let trustedTypesEnforced = false
  try {
    document.createElement('div').innerHTML = '<b>raw string</b>'
  } catch {
    trustedTypesEnforced = true
  }
  const style = document.createElement('style')
  style.textContent = 'body { color: red }'
  document.head.append(style)
  await new Promise((r) => setTimeout(r, 50))
  const inlineStyleBlocked = violations.some((v) => v.startsWith('style-src'))
  return { results, launcherColor, article, widgetViolations, trustedTypesEnforced, inlineStyleBlocked }
}

;(window as unknown as { cspReport: Promise<unknown> }).cspReport = run().catch((e) => ({ error: String(e) }))
