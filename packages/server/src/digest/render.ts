import type { Alert, Digest } from './digest.ts'

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`)
const count = (x: number): string => x.toLocaleString('en')

interface Line {
  label: string
  value: string
  change: string
}

/** The headline figures with their change against the previous period, in words. */
function headline(d: Digest): Line[] {
  const s = d.summary
  const p = s.previous
  const rate = (now: number, before: number, goodWhen: 'up' | 'down') => {
    if (!d.comparable) return 'no previous data'
    const delta = (now - before) * 100
    if (Math.abs(delta) < 0.05) return 'unchanged'
    const better = delta > 0 === (goodWhen === 'up')
    return `${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)} pts, ${better ? 'better' : 'worse'}`
  }
  const num = (now: number, before: number, goodWhen: 'up' | 'down') => {
    if (!d.comparable || before === 0) return 'no previous data'
    const delta = ((now - before) / before) * 100
    if (Math.abs(delta) < 0.05) return 'unchanged'
    const better = delta > 0 === (goodWhen === 'up')
    return `${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)}%, ${better ? 'better' : 'worse'}`
  }
  return [
    { label: 'Help sessions', value: count(s.helpSessions), change: num(s.helpSessions, p.helpSessions, 'up') },
    { label: 'Deflection rate', value: pct(s.deflectionRate), change: rate(s.deflectionRate, p.deflectionRate, 'up') },
    { label: 'Escalation rate', value: pct(s.escalationRate), change: rate(s.escalationRate, p.escalationRate, 'down') },
    { label: 'Contacts', value: count(s.contacts), change: num(s.contacts, p.contacts, 'down') },
    {
      label: 'First-contact resolution (estimate)',
      value: pct(s.firstContactResolution),
      change: s.firstContactResolution === null || p.firstContactResolution === null ? 'no previous data' : rate(s.firstContactResolution, p.firstContactResolution, 'up'),
    },
    { label: 'Zero-result rate', value: pct(s.zeroResultRate), change: rate(s.zeroResultRate, p.zeroResultRate, 'down') },
    { label: 'Cost saved', value: s.costSaved.toFixed(2), change: num(s.costSaved, p.costSaved, 'up') },
  ]
}

const alertText = (a: Alert): string =>
  `${a.day}: ${a.metric === 'zeroResultRate' ? 'zero-result rate' : 'escalation rate'} ${pct(a.value)} against ${pct(a.baseline)} over the 4 weeks before (${count(a.volume)} ${a.metric === 'zeroResultRate' ? 'searches' : 'help sessions'})`

/** A Markdown table cell: pipes and line breaks would break the table. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ')

/** The digest as Markdown (also the e-mail's text part). */
export function renderMarkdown(d: Digest): string {
  const s = d.summary
  const out = [`# Signpost weekly digest — ${d.site}, ${s.from} to ${s.to}`, '']
  if (d.alerts.length > 0) {
    out.push('## Alerts', '')
    for (const a of d.alerts) out.push(`- ⚠ ${alertText(a)}`)
    out.push('')
  }
  out.push('## Headline figures', '', '| figure | this period | change |', '| --- | ---: | --- |')
  for (const l of headline(d)) out.push(`| ${l.label} | ${l.value} | ${l.change} |`)
  out.push('', '## Top content gaps', '')
  if (d.gaps.length === 0) out.push('None: every search found something and got a click.')
  else {
    out.push('| query | sessions affected | contacts after |', '| --- | ---: | ---: |')
    for (const g of d.gaps) out.push(`| ${cell(g.query)} | ${count(g.sessionsAffected)} | ${count(g.contacts)} |`)
  }
  out.push('', '## Articles that most often end in a contact', '')
  if (d.worstArticles.length === 0) out.push('None with a contact after reading.')
  else {
    out.push('| article | views | contact after view | helpful |', '| --- | ---: | ---: | ---: |')
    for (const a of d.worstArticles) out.push(`| ${cell(a.title ?? a.article)} | ${count(a.views)} | ${pct(a.contactAfterViewRate)} | ${pct(a.helpfulRate)} |`)
  }
  out.push('', '## What readers said was missing', '')
  if (d.reasons.length === 0) out.push('No reasons given.')
  else for (const r of d.reasons) out.push(`- ${cell(r.title ?? r.article)}: “${cell(r.reason)}” (${r.notHelpful} not helpful of ${r.votes})`)
  out.push('')
  return out.join('\n')
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** The digest as a self-contained HTML e-mail (inline styles: mail clients drop style sheets). */
export function renderHtml(d: Digest): string {
  const s = d.summary
  const th = 'style="text-align:left;padding:4px 8px;border-bottom:1px solid #c9ced6"'
  const td = 'style="padding:4px 8px;border-bottom:1px solid #eceef1"'
  const tdn = 'style="padding:4px 8px;border-bottom:1px solid #eceef1;text-align:right"'
  const table = (head: string[], rows: string[][], numeric: boolean[]) =>
    `<table style="border-collapse:collapse;margin:8px 0 16px"><thead><tr>${head.map((h) => `<th ${th}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c, i) => `<td ${numeric[i] ? tdn : td}>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signpost weekly digest — ${esc(d.site)}</title></head>`,
    '<body style="font:15px/1.45 system-ui,sans-serif;color:#1a1d23;max-width:720px;margin:0 auto;padding:16px">',
    `<h1 style="font-size:1.3rem">Signpost weekly digest — ${esc(d.site)}, ${esc(s.from)} to ${esc(s.to)}</h1>`,
  ]
  if (d.alerts.length > 0) {
    parts.push('<h2 style="font-size:1.1rem;color:#b42318">Alerts</h2><ul>')
    for (const a of d.alerts) parts.push(`<li><strong>⚠</strong> ${esc(alertText(a))}</li>`)
    parts.push('</ul>')
  }
  parts.push('<h2 style="font-size:1.1rem">Headline figures</h2>')
  parts.push(table(['figure', 'this period', 'change'], headline(d).map((l) => [l.label, l.value, l.change]), [false, true, false]))
  parts.push('<h2 style="font-size:1.1rem">Top content gaps</h2>')
  parts.push(
    d.gaps.length === 0
      ? '<p>None: every search found something and got a click.</p>'
      : table(['query', 'sessions affected', 'contacts after'], d.gaps.map((g) => [g.query, count(g.sessionsAffected), count(g.contacts)]), [false, true, true]),
  )
  parts.push('<h2 style="font-size:1.1rem">Articles that most often end in a contact</h2>')
  parts.push(
    d.worstArticles.length === 0
      ? '<p>None with a contact after reading.</p>'
      : table(
          ['article', 'views', 'contact after view', 'helpful'],
          d.worstArticles.map((a) => [a.title ?? a.article, count(a.views), pct(a.contactAfterViewRate), pct(a.helpfulRate)]),
          [false, true, true, true],
        ),
  )
  parts.push('<h2 style="font-size:1.1rem">What readers said was missing</h2>')
  parts.push(
    d.reasons.length === 0
      ? '<p>No reasons given.</p>'
      : `<ul>${d.reasons.map((r) => `<li>${esc(r.title ?? r.article)}: “${esc(r.reason)}” (${r.notHelpful} not helpful of ${r.votes})</li>`).join('')}</ul>`,
  )
  parts.push('</body></html>')
  return parts.join('\n')
}

/** Slack's mrkdwn: `*bold*`, no tables; the headline as lines. */
export function renderSlack(d: Digest): string {
  const s = d.summary
  const out = [`*Signpost weekly digest — ${d.site}, ${s.from} to ${s.to}*`]
  for (const a of d.alerts) out.push(`:warning: ${alertText(a)}`)
  for (const l of headline(d)) out.push(`• ${l.label}: *${l.value}* (${l.change})`)
  if (d.gaps.length > 0) out.push(`*Top content gaps:* ${d.gaps.map((g) => `“${g.query}” (${g.sessionsAffected})`).join(', ')}`)
  if (d.worstArticles.length > 0) out.push(`*Most often ends in a contact:* ${d.worstArticles.map((a) => `${a.title ?? a.article} (${pct(a.contactAfterViewRate)})`).join(', ')}`)
  return out.join('\n')
}
