import { css } from 'lit'

export const styles = css`
  :host {
    --accent: var(--signpost-accent, #1f4fd1);
    --good: #0a7a3d;
    --bad: #b42318;
    --muted: #545b66;
    --border: #c9ced6;
    --surface: #f6f7f9;
    display: block;
    max-width: 1200px;
    margin: 0 auto;
    padding: 16px;
    color: #1a1d23;
    font: 15px/1.45 system-ui, sans-serif;
  }
  *, *::before, *::after { box-sizing: border-box; }
  h1 { font-size: 1.4rem; margin: 0; }
  h2 { font-size: 1.15rem; margin: 0; }
  h3 { font-size: 0.9rem; font-weight: 600; margin: 0; color: var(--muted); }
  section { margin-top: 28px; }
  .top { display: flex; gap: 12px; align-items: center; justify-content: space-between; flex-wrap: wrap; }
  button, input, select { font: inherit; }
  button {
    min-height: 40px;
    padding: 6px 14px;
    border-radius: 6px;
    border: 1px solid var(--accent);
    background: var(--accent);
    color: #fff;
    cursor: pointer;
  }
  button.secondary { background: #fff; color: var(--accent); }
  button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible, .table-scroll:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  input, select { min-height: 40px; padding: 6px 8px; border: 1px solid #767d88; border-radius: 6px; background: #fff; color: inherit; }
  a { color: var(--accent); }
  .sign-in { display: grid; gap: 8px; max-width: 360px; margin: 40px auto; }
  .sign-in button { margin-top: 8px; }
  .message, .error { color: var(--bad); }
  .error { border: 1px solid var(--bad); border-radius: 6px; padding: 8px 12px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  .error p { margin: 0; flex: 1 1 200px; }
  .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin-top: 16px; }
  .field { display: grid; gap: 4px; }
  .field input { width: 11em; }
  .field select { max-width: 18em; }
  .status, .notice { color: var(--muted); margin: 12px 0 0; min-height: 1.45em; }
  .empty { padding: 16px; background: var(--surface); border-radius: 8px; }
  .section-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; margin-bottom: 12px; }
  .cards { list-style: none; padding: 0; margin: 12px 0 0; display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); }
  .card { border: 1px solid var(--border); border-radius: 8px; padding: 12px; background: #fff; }
  .value { font-size: 1.6rem; font-weight: 650; margin: 4px 0 0; font-variant-numeric: tabular-nums; }
  .detail { color: var(--muted); font-size: 0.85rem; margin: 2px 0 0; }
  .change { margin: 6px 0 0; font-size: 0.9rem; font-weight: 600; }
  .change.good { color: var(--good); }
  .change.bad { color: var(--bad); }
  .change.neutral { color: var(--muted); }
  .charts { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); align-items: start; }
  figure { margin: 0; border: 1px solid var(--border); border-radius: 8px; padding: 12px; min-width: 0; }
  figcaption { font-weight: 600; margin-bottom: 8px; }
  .chart { position: relative; height: 240px; }
  .funnel { display: grid; gap: 2px; padding-left: 1.4em; margin: 12px 0 0; font-size: 0.9rem; }
  .funnel li span { color: var(--muted); }
  h3.sub { font-size: 1rem; color: inherit; }
  .estimate { color: var(--muted); font-size: 0.85em; }
  .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 0 0 8px; font-size: 0.9rem; }
  .legend li { display: inline-flex; align-items: center; gap: 6px; }
  .note { color: var(--muted); font-size: 0.85rem; margin: 8px 0 0; }
  .table-scroll { position: relative; overflow-x: auto; border: 1px solid var(--border); border-radius: 8px; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  caption { text-align: left; padding: 8px 12px; color: var(--muted); font-size: 0.9rem; }
  th, td { padding: 6px 8px; border-top: 1px solid var(--border); text-align: left; vertical-align: top; }
  /* Headers wrap between words, so nine columns fit 1024 px and the query column keeps its room. */
  thead th { border-top: 0; background: var(--surface); vertical-align: bottom; }
  tbody th { font-weight: 500; }
  .query { display: block; min-width: 12em; overflow-wrap: anywhere; }
  td.date { white-space: nowrap; }
  .num { text-align: right; }
  th.num .sort { justify-content: flex-end; text-align: right; }
  .sort { display: inline-flex; gap: 4px; align-items: center; min-height: 32px; padding: 2px 0; background: none; border: 0; color: inherit; font-weight: 600; text-align: left; }
  .arrow { color: var(--muted); font-size: 0.8em; }
  button.draft { min-height: 32px; padding: 2px 10px; white-space: nowrap; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  @media (max-width: 480px) {
    :host { padding: 10px; }
    .field, .field input, .field select { width: 100%; max-width: none; }
    .filters button { width: 100%; }
    .value { font-size: 1.35rem; }
    .cards { grid-template-columns: 1fr 1fr; }
  }
`
