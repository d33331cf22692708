/**
 * The fictional product's pages. Static markup only (no user data), so innerHTML is safe here;
 * each page names the help articles its route suggests, which is what the widget shows before typing.
 */
export interface Page {
  title: string
  html: string
}

const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`

export const PAGES: Record<string, Page> = {
  '/dashboard': {
    title: 'Dashboard',
    html: `<div class="cards"><section><h2>Outstanding</h2><p class="big">$12,480</p></section><section><h2>Paid this month</h2><p class="big">$31,205</p></section><section><h2>Overdue</h2><p class="big">3 invoices</p></section></div>
      <p>Welcome back. Open <strong>Help</strong> in the corner for answers about anything on this screen.</p>`,
  },
  '/invoices': {
    title: 'Invoices',
    html: `<p><a href="/invoices/new" data-route class="button">New invoice</a></p>${table(
      ['Number', 'Client', 'Amount', 'Status'],
      [
        ['<a href="/invoices/1042" data-route>INV-1042</a>', 'Harbor Bakery', '$1,200.00', 'Overdue'],
        ['<a href="/invoices/1043" data-route>INV-1043</a>', 'Lumen Studio', '$860.00', 'Sent'],
        ['<a href="/invoices/1044" data-route>INV-1044</a>', 'Northwind Co.', '$4,310.00', 'Paid'],
      ],
    )}`,
  },
  '/invoices/new': {
    title: 'New invoice',
    html: `<form class="card"><label>Client <input value="Harbor Bakery"></label><label>Due <input type="date"></label><label>Line item <input value="Sourdough workshop"></label><button type="button">Save draft</button></form>`,
  },
  '/invoices/*': {
    title: 'Invoice',
    html: `<section class="card"><h2>INV-1042 · Harbor Bakery</h2><p>$1,200.00 · due 14 days ago</p><p><button type="button">Send reminder</button> <button type="button">Record payment</button></p></section>`,
  },
  '/clients': { title: 'Clients', html: table(['Client', 'Email', 'Open invoices'], [['Harbor Bakery', 'ap@harbor.example', '1'], ['Lumen Studio', 'hello@lumen.example', '1']]) },
  '/expenses': { title: 'Expenses', html: `<p><button type="button">Scan a receipt</button></p>${table(['Date', 'Merchant', 'Amount'], [['2026-11-02', 'Paper & Co', '$42.10']])}` },
  '/reports': { title: 'Reports', html: '<p>Revenue, outstanding and tax summaries for any period.</p>' },
  '/settings/billing': {
    title: 'Billing',
    html: `<section class="card"><h2>Your plan: Team, monthly</h2><p>Next charge $29 on 1 December. Card ending 4242.</p><p><button type="button">Change plan</button> <button type="button">Cancel subscription</button></p></section>`,
  },
  '/settings/account': { title: 'Account', html: '<section class="card"><h2>Sign-in and security</h2><p>Password last changed 3 months ago. Two-factor authentication: off.</p></section>' },
  '/settings/integrations': { title: 'Integrations', html: '<section class="card"><h2>Connected apps</h2><p>Stripe: not connected · QuickBooks: not connected · Slack: connected</p></section>' },
  '/settings/security': { title: 'Security', html: '<section class="card"><h2>Security</h2><p>Sessions, API keys and two-factor authentication.</p></section>' },
}

export function pageFor(path: string): Page {
  if (PAGES[path]) return PAGES[path]
  if (path.startsWith('/invoices/')) return PAGES['/invoices/*']!
  return { title: 'Not found', html: '<p>There is no page here. <a href="/dashboard" data-route>Back to the dashboard</a>.</p>' }
}
