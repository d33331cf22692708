/** Styles of the lazy views, adopted by the element's shadow root when the chunk arrives. */
const css = (strings: TemplateStringsArray) => strings[0]!

export const viewStyles = css`
  .link-button {
    display: inline;
    padding: 2px 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    text-align: start;
  }
:host {
    --_error: light-dark(#b42318, #ffa198);
    --_note: var(--_accent);
  }
  .primary {
    padding: 8px 16px;
    border: 0;
    border-radius: 8px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .secondary {
    padding: 6px 14px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
  }
  /* break-word, not anywhere: table cells keep whole words (the table scrolls sideways instead). */
  article {
    overflow-wrap: break-word;
  }
  article :is(h2, h3, h4) {
    scroll-margin-top: var(--_space);
  }
  /* Headings take focus only so screen readers start there: no ring, they are not controls. */
  article [tabindex='-1']:focus {
    outline: none;
  }
  article a {
    color: var(--_accent);
  }
  article img {
    max-width: 100%;
    height: auto;
  }
  article pre {
    overflow: auto;
    padding: 8px;
    background: var(--_surface-2);
  }
  article h2[tabindex] {
    margin-block-end: var(--_space);
    font-size: 1.3rem;
  }
  /* The article body: the build's HTML, so typography comes from here. */
  article :is(p, ul, ol, table, pre, blockquote, .callout) {
    margin: 0 0 0.75em;
  }
  article :is(h2, h3, h4):not([tabindex]) {
    margin: 1.2em 0 0.4em;
    line-height: 1.3;
    font-size: 1.05rem;
  }
  article :is(ul, ol) {
    padding-inline-start: 1.4em;
  }
  article li + li {
    margin-top: 0.25em;
  }
  article table {
    display: block;
    overflow-x: auto;
    border-collapse: collapse;
    font-size: 0.9em;
  }
  article :is(th, td) {
    padding: 4px 8px;
    border: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  article :not(pre) > code {
    padding: 0 3px;
    border-radius: 4px;
    background: var(--_surface-2);
    font-size: 0.9em;
  }
  /* The panel's lists are bare; an article's lists keep their markers, nested ones their own. */
  article ul {
    list-style: disc;
  }
  article ol {
    list-style: decimal;
  }
  article :is(ul, ol) :is(ul, ol) {
    margin: 0.25em 0 0;
  }
  article :is(ul, ol) ul {
    list-style: circle;
  }
  article :is(ul, ol) :is(ul, ol) ul {
    list-style: square;
  }
  article li > p {
    margin: 0;
  }
  article h2[tabindex] {
    margin-block-start: 0;
  }
  .back {
    margin-block-end: var(--_space);
  }
  article .callout {
    --_kind: var(--_note);
    --_on-kind: var(--_on-accent);
    padding: 8px 12px;
    border-inline-start: 4px solid var(--_kind);
    border-radius: 6px;
    background: var(--_surface-2);
  }
  article .callout-tip {
    --_kind: light-dark(#067647, #75e0a7);
    --_on-kind: light-dark(#fff, #0b1020);
  }
  article :is(.callout-warning, .callout-important) {
    --_kind: light-dark(#b54708, #fdb022);
    --_on-kind: light-dark(#fff, #0b1020);
  }
  article :is(.callout-caution, .callout-danger) {
    --_kind: var(--_error);
    --_on-kind: light-dark(#fff, #0b1020);
  }
  article .callout-label {
    display: flex;
    align-items: center;
    gap: 6px;
    margin-bottom: 0.35em;
  }
  .callout-icon {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 1.25em;
    height: 1.25em;
    border-radius: 50%;
    background: var(--_kind);
    color: var(--_on-kind);
    font-size: 0.85em;
    font-weight: 700;
    line-height: 1;
  }
  .reason label {
    display: block;
    margin-top: var(--_space);
    font-weight: 600;
  }
  article .callout > :last-child {
    margin-bottom: 0;
  }
  section.footer {
    margin-top: calc(2 * var(--_space));
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  fieldset {
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
  }
  legend {
    margin-bottom: 6px;
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  /* The category filter comes with this chunk, so its look does too. */
  textarea,
  select {
    font: inherit;
    color: inherit;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    padding: 10px 12px;
  }
  textarea {
    display: block;
    width: 100%;
    margin: 6px 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: rise 160ms ease-out;
    }
    @keyframes rise {
      from {
        opacity: 0;
        transform: translateY(8px);
      }
    }
  }
  .icon-button:hover {
    background: var(--_surface-2);
  }
  select {
    max-width: none;
    flex: none;
  }
  /* The search field and the category filter share a row while both fit, whole; then the filter wraps. */
  .search {
    flex-wrap: wrap;
  }
  input[type='search'] {
    flex: 1 1 10em;
  }
  :is(.home, .no-results) h3 {
    margin-top: calc(1.5 * var(--_space));
  }
  .links li + li {
    margin-top: 2px;
  }
  .greeting {
    margin: 0 0 var(--_space);
    font-size: 1.25rem;
    font-weight: 700;
  }
  header h2 {
    flex: 1;
  }
  .logo,
  ::slotted([slot='logo']) {
    max-height: 28px;
    width: auto;
  }
  .contact-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 10px var(--_space);
    border-top: 1px solid var(--_border);
    background: var(--_surface);
  }
`
