/** Styles of the contact form, adopted when its chunk arrives. */
const css = (strings: TemplateStringsArray) => strings[0]!

export const formStyles = css`
  .contact-form h2 {
    margin-block-end: 4px;
  }
  .contact-form .field {
    margin-block: var(--_space);
  }
  .contact-form label {
    display: block;
    font-weight: 600;
    margin-block-end: 4px;
  }
  .contact-form input {
    display: block;
    width: 100%;
    padding: 10px 12px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
  }
  .contact-form [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .contact-form .error {
    margin: 4px 0 0;
    color: var(--_error);
  }
  .contact-form .suggestions section {
    margin-block: var(--_space);
    padding: var(--_space);
    border-radius: 8px;
    background: var(--_surface-2);
  }
  .contact-form .sent {
    font-weight: 600;
  }
`
