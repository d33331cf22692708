import '@signpost/widget'
import type {} from '@signpost/widget/react'
import { useState } from 'react'
import { createRoot } from 'react-dom/client'

function App() {
  const [searched, setSearched] = useState('')
  return (
    <>
      <signpost-help kb="/kb/manifest.json" mode="inline" locale="en" onsignpost-search={(event) => setSearched(`${event.query}:${event.results}`)} />
      <output id="searched">{searched}</output>
    </>
  )
}

// The element's props are typed: a mode it does not have is a compile error.
// @ts-expect-error 'sideways' is not a mode
export const wrongMode = <signpost-help mode="sideways" />

createRoot(document.getElementById('root')!).render(<App />)
