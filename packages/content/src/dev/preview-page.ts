/** The latest build's problems, as the terminal prints them. */
export interface PreviewDiagnostics {
  errors: number
  warnings: number
  /** `content/a.md:3:10: error: … [code]`, errors first. */
  lines: string[]
}

/**
 * The writer's preview: every article by locale and category, rendered as the build wrote it;
 * beside it the real widget searching the same build (when its bundle is at hand); over it, the
 * build's errors and warnings as file:line:col, live. A reader picker shows the knowledge base
 * of each audience the content names, as its readers see it.
 */
export const previewPage = ({ widget }: { widget: boolean }): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Signpost preview</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: minmax(14rem, 22rem) 1fr; min-height: 100vh; color: #1c2430; }
  nav { border-right: 1px solid #d8dde3; padding: 1rem; overflow: auto; max-height: 100vh; position: sticky; top: 0; }
  nav h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #5b6673; margin: 1rem 0 .25rem; }
  nav a { display: block; padding: .15rem .25rem; color: inherit; text-decoration: none; border-radius: 4px; }
  nav a[aria-current] { background: #e8eefc; }
  main { padding: 1.5rem 2rem; max-width: 46rem; }
  .callout { border-left: 4px solid #4a6cf7; background: #f3f6fe; padding: .25rem 1rem; margin: 1rem 0; }
  .callout-warning, .callout-caution { border-color: #c2410c; background: #fff4ec; }
  img { max-width: 100%; }
  .meta { color: #5b6673; font-size: .9rem; }
  select { margin-bottom: .5rem; }
  aside { position: fixed; right: 1rem; top: 1rem; width: 24rem; max-width: 40vw; }
  aside h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #5b6673; margin: 0 0 .25rem; }
  #problems { position: fixed; left: 0; right: 0; bottom: 0; max-height: 45vh; overflow: auto; margin: 0; padding: .75rem 1rem; font: 13px/1.5 ui-monospace, monospace; background: #fff8f6; border-top: 3px solid #c2410c; color: #3b0f02; white-space: pre-wrap; z-index: 10; }
  #problems.warnings-only { background: #fffbeb; border-color: #b45309; }
  #problems[hidden] { display: none; }
  #problems strong { display: block; font: 600 14px system-ui, sans-serif; margin-bottom: .25rem; }
</style>
</head>
<body>
<nav><label>Locale <select id="locale"></select></label> <label id="reader" hidden>Reader <select id="audience"><option value="">public</option></select></label><div id="list"></div></nav>
<main id="article"><p>Pick an article.</p></main>
${widget ? '<aside aria-label="The widget, over this build"><h2>Widget</h2><div id="widget"></div></aside>\n<script type="module" src="/__signpost/widget/signpost.js"></script>' : ''}
<section id="problems" role="status" aria-live="polite" hidden><strong></strong><div id="problem-lines"></div></section>
<script type="module">
  const list = document.getElementById('list'), main = document.getElementById('article'), pick = document.getElementById('locale'), audience = document.getElementById('audience')
  let manifest
  /** The knowledge base shown: the public one, or the audience's picked. */
  const base = () => (audience.value ? '/audiences/' + audience.value + '/' : '/')
  async function load() {
    const names = await (await fetch('/__signpost/audiences')).json()
    const reader = names.includes(audience.value) ? audience.value : ''
    audience.replaceChildren(new Option('public', ''), ...names.map((n) => new Option(n, n, false, n === reader)))
    document.getElementById('reader').hidden = names.length === 0
    manifest = await (await fetch(base() + 'manifest.json')).json()
    const current = pick.value || manifest.defaultLocale
    pick.replaceChildren(...manifest.locales.map((l) => new Option(l.locale + ' (' + l.articleCount + ')', l.locale, false, l.locale === current)))
    list.replaceChildren()
    const groups = Map.groupBy(manifest.articles.filter((a) => a.locale === pick.value), (a) => a.category ?? 'Uncategorized')
    for (const [category, items] of [...groups].sort()) {
      const h = document.createElement('h2'); h.textContent = category; list.append(h)
      for (const a of items.sort((x, y) => (x.order ?? 1e9) - (y.order ?? 1e9))) {
        const link = document.createElement('a'); link.href = '#' + a.locale + '/' + a.id; link.textContent = a.title + (a.draft ? ' (draft)' : ''); list.append(link)
      }
    }
    show()
  }
  async function show() {
    const key = decodeURIComponent(location.hash.slice(1))
    for (const a of list.querySelectorAll('a')) a.toggleAttribute('aria-current', a.getAttribute('href') === '#' + key)
    const article = manifest.articles.find((a) => a.locale + '/' + a.id === key)
    if (!article) return
    const shard = await (await fetch(base() + article.shard)).json()
    const html = shard.html.replace(/href="#signpost:([^"]+)"/g, (m, id) => 'href="#' + article.locale + '/' + id + '"').replace(/src="(images\\/[^"]+)"/g, 'src="' + base() + '$1"')
    main.innerHTML = '<h1></h1><p class="meta"></p>' + html
    main.querySelector('h1').textContent = shard.title
    main.querySelector('.meta').textContent = article.id + (article.updated ? ' · updated ' + article.updated : '') + ' · ' + article.summary
  }
  const holder = document.getElementById('widget')
  function widget() {
    if (!holder) return
    // A new element loads the rebuilt manifest and indexes from scratch.
    const help = document.createElement('signpost-help')
    help.setAttribute('kb', '/manifest.json')
    help.setAttribute('mode', 'inline')
    if (pick.value) help.setAttribute('locale', pick.value)
    if (audience.value) help.setAttribute('audience', audience.value)
    holder.replaceChildren(help)
  }
  const problems = document.getElementById('problems')
  function report({ errors, warnings, lines }) {
    problems.hidden = lines.length === 0
    problems.classList.toggle('warnings-only', errors === 0)
    problems.querySelector('strong').textContent = errors > 0
      ? errors + ' error' + (errors === 1 ? '' : 's') + ': the preview shows the last build without errors'
      : warnings + ' warning' + (warnings === 1 ? '' : 's')
    document.getElementById('problem-lines').replaceChildren(...lines.map((line) => Object.assign(document.createElement('div'), { textContent: line })))
  }
  pick.addEventListener('change', () => load().then(widget))
  audience.addEventListener('change', () => load().then(widget))
  addEventListener('hashchange', show)
  const events = new EventSource('/__signpost/reload')
  events.addEventListener('reload', () => load().then(widget))
  events.addEventListener('diagnostics', (e) => report(JSON.parse(e.data)))
  load().then(widget)
</script>
</body>
</html>
`
