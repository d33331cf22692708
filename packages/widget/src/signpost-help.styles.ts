import { css } from 'lit'

export const styles = css`
  :host {
    color-scheme: light dark;
    --_accent: var(--signpost-accent, light-dark(#1f4fd1, #9bb7ff));
    --_on-accent: var(--signpost-accent-contrast, light-dark(#fff, #0b1020));
    --_surface: var(--signpost-surface, light-dark(#fff, #1b1d22));
    --_surface-2: var(--signpost-surface-raised, light-dark(#f3f5f8, #262a31));
    --_text: var(--signpost-text, light-dark(#1a1d23, #f1f3f5));
    --_muted: var(--signpost-muted, light-dark(#545b66, #b6bcc6));
    --_border: var(--signpost-border, light-dark(#c9ced6, #4a505a));
    --_focus: var(--signpost-focus, var(--_accent));
    --_radius: var(--signpost-radius, 12px);
    --_space: var(--signpost-spacing, 12px);
    --_font: var(--signpost-font, system-ui, sans-serif);
    --_offset: var(--signpost-offset, 20px);
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.5;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([mode='inline']) {
    display: block;
  }
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  .launcher {
    position: fixed;
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    z-index: var(--signpost-z-index, 2147483000);
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 10px 18px;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    box-shadow: 0 4px 14px rgb(0 0 0 / 25%);
  }
  dialog {
    position: fixed;
    margin: 0;
    inset: auto;
    inset-block-end: calc(var(--_offset) + 56px);
    inset-inline-end: var(--_offset);
    width: min(var(--signpost-width, 420px), calc(100vw - 2 * var(--_offset)));
    height: min(640px, calc(100vh - 2 * var(--_offset) - 56px));
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 12px 40px rgb(0 0 0 / 30%);
    overflow: hidden;
    z-index: var(--signpost-z-index, 2147483000);
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  :host([position='bottom-left']) :is(.launcher, dialog) {
    inset-inline: var(--_offset) auto;
  }
  @media (max-width: 640px) {
    dialog {
      inset: 0;
      width: 100%;
      height: 100%;
      max-width: none;
      max-height: none;
      border: 0;
      border-radius: 0;
    }
  }
  .inline {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: var(--_space) var(--_space) 0;
  }
  h2 {
    margin: 0;
    font-size: 1.1rem;
  }
  .icon-button {
    min-width: 36px;
    min-height: 36px;
    border: 1px solid transparent;
    border-radius: 8px;
    background: transparent;
    font-size: 1.25rem;
    line-height: 1;
  }
  .body {
    flex: 1;
    overflow: auto;
    padding: var(--_space);
  }
  .search {
    display: flex;
    gap: 8px;
    padding: var(--_space) var(--_space) 0;
  }
  input[type='search'] {
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    padding: 10px 12px;
  }
  input[type='search'] {
    flex: 1;
    min-width: 0;
  }
  h3 {
    margin: 0 0 6px;
    font-size: 0.8rem;
    font-weight: 600;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [role='option'] {
    display: block;
    padding: 10px 12px;
    border: 2px solid transparent;
    border-radius: 8px;
    cursor: pointer;
  }
  [role='option']:hover,
  [role='option'][aria-selected='true'] {
    background: var(--_surface-2);
  }
  [role='option'][aria-selected='true'] {
    border-color: var(--_focus);
  }
  .result-title {
    display: block;
    font-weight: 600;
  }
  .result-snippet {
    display: block;
    color: var(--_muted);
    font-size: 0.9rem;
  }
  mark {
    background: var(--signpost-mark, #ffe58a);
    color: #111;
    border-radius: 2px;
  }
  .muted {
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`
