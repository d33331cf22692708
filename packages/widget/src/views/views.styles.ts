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
  article {
    overflow-wrap: anywhere;
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
  article .callout {
    padding: 8px 12px;
    border-inline-start: 4px solid var(--_accent);
    border-radius: 6px;
    background: var(--_surface-2);
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
  textarea {
    font: inherit;
    color: inherit;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    padding: 10px 12px;
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
  select {
    max-width: 40%;
  }
  .icon-button:hover {
    background: var(--_surface-2);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 15%);
  }
  .no-results h3 {
    margin-top: var(--_space);
  }
`
