/** The writer's preview: every article by locale and category, rendered as the build wrote it. */
export const PREVIEW_PAGE = `<!doctype html>
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
</style>
</head>
<body>
<nav><label>Locale <select id="locale"></select></label><div id="list"></div></nav>
<main id="article"><p>Pick an article.</p></main>
<script type="module">
  const list = document.getElementById('list'), main = document.getElementById('article'), pick = document.getElementById('locale')
  let manifest
  async function load() {
    manifest = await (await fetch('/manifest.json')).json()
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
    const shard = await (await fetch('/' + article.shard)).json()
    const html = shard.html.replace(/href="#signpost:([^"]+)"/g, (m, id) => 'href="#' + article.locale + '/' + id + '"').replace(/src="(images\\/[^"]+)"/g, 'src="/$1"')
    main.innerHTML = '<h1></h1><p class="meta"></p>' + html
    main.querySelector('h1').textContent = shard.title
    main.querySelector('.meta').textContent = article.id + (article.updated ? ' · updated ' + article.updated : '') + ' · ' + article.summary
  }
  pick.addEventListener('change', load)
  addEventListener('hashchange', show)
  new EventSource('/__signpost/reload').onmessage = load
  load()
</script>
</body>
</html>
`
