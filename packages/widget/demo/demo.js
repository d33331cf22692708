// Wires the demo controls: SPA-style routes (pushState), locale and theme switches, an event log.
const help = document.getElementById('help')
const inline = document.querySelector('signpost-help[mode="inline"]')
const log = document.getElementById('log')

for (const a of document.querySelectorAll('a[data-route]')) {
  a.addEventListener('click', (e) => {
    e.preventDefault()
    history.pushState({}, '', a.getAttribute('href'))
  })
}
document.getElementById('locale').addEventListener('change', (e) => {
  for (const el of [help, inline]) el.locale = e.target.value
})
document.getElementById('theme').addEventListener('change', (e) => {
  for (const el of [help, inline]) el.theme = e.target.value
})
const analytics = { track: (event) => (log.textContent = `track ${JSON.stringify(event)}\n${log.textContent}`) }
help.analytics = analytics
inline.analytics = analytics
for (const type of ['signpost-open', 'signpost-close', 'signpost-search', 'signpost-article', 'signpost-feedback', 'signpost-contact']) {
  document.addEventListener(type, (e) => (log.textContent = `${type} ${JSON.stringify(e.detail ?? {})}\n${log.textContent}`))
}
document.addEventListener('signpost-contact', (e) => e.preventDefault())
