/** `/docs/docs.css`: the reference's whole look (a file of its own: the page's CSP allows no inline style). */
export const DOCS_CSS = `
:root {
  color-scheme: light dark;
  --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --bg: #ffffff; --link: #0969da;
  --get: #1a7f37; --post: #0969da; --patch: #9a6700; --put: #9a6700; --delete: #cf222e;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root { --text: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --bg: #0d1117; --link: #4493f8;
    --get: #3fb950; --post: #4493f8; --patch: #d29922; --put: #d29922; --delete: #f85149; }
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: var(--bg); }
a { color: var(--link); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
code { font: 0.875em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); border-radius: 4px; padding: 0.1em 0.35em; overflow-wrap: anywhere; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem 1rem; border: 2px solid var(--link); z-index: 1; }
.layout { display: grid; grid-template-columns: 19rem minmax(0, 1fr); }
.sidebar { position: sticky; top: 0; height: 100vh; overflow-y: auto; padding: 1.25rem 1rem 2rem; border-right: 1px solid var(--line); background: var(--panel); font-size: 0.8125rem; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar > ul > li { margin-top: 0.9rem; }
.sidebar > ul > li > a { font-weight: 600; color: var(--text); }
.sidebar li li a { display: flex; gap: 0.1rem; align-items: baseline; padding: 0.15rem 0 0.15rem 0.25rem; color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.75rem; overflow-wrap: break-word; }
.sidebar li li a:hover { color: var(--text); }
.sidebar .method { flex: none; }
.brand { margin: 0; font-size: 1rem; font-weight: 700; }
.brand a { color: var(--text); }
.version { color: var(--muted); font-weight: 400; font-size: 0.8125rem; }
main { padding: 2rem 3rem 6rem; max-width: 58rem; }
h1 { font-size: 2rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.5rem; margin: 3.5rem 0 0.5rem; padding-bottom: 0.4rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 0 0 0.4rem; }
h4 { font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 1.4rem 0 0.4rem; }
.lead { font-size: 1.05rem; color: var(--muted); }
.operation, .object { padding: 1.75rem 0; border-bottom: 1px solid var(--line); scroll-margin-top: 1rem; }
.endpoint { margin: 0 0 0.75rem; }
.endpoint code { font-size: 0.95rem; background: none; padding: 0; }
.method { display: inline-block; min-width: 3.6em; text-align: center; font: 700 0.7rem/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #fff; border-radius: 4px; padding: 0 0.35em; margin-right: 0.35em; }
.method-get { background: var(--get); } .method-post { background: var(--post); } .method-patch, .method-put { background: var(--patch); } .method-delete { background: var(--delete); }
@media (prefers-color-scheme: dark) { .method { color: #0d1117; } }
.auth, .errors, .see, .rules, .variant-name { color: var(--muted); font-size: 0.9rem; }
.status { color: var(--text); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.media { text-transform: none; letter-spacing: 0; font-weight: 400; margin-left: 0.35em; }
.fields { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--line); }
.field { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
.field p { margin: 0.2rem 0 0; }
.field .fields { margin: 0.5rem 0 0 1rem; padding-left: 0.75rem; border-top: 0; border-left: 2px solid var(--line); }
.field .field:last-child { border-bottom: 0; }
.field-head { font-size: 0.9375rem; }
.field-name { font-weight: 600; background: none; padding: 0; }
.type { color: var(--muted); font-size: 0.875rem; margin-left: 0.35em; }
.badge { font-size: 0.75rem; color: var(--muted); border: 1px solid var(--line); border-radius: 999px; padding: 0 0.5em; margin-left: 0.35em; }
.badge.required { color: var(--delete); border-color: currentColor; }
.variants { margin-top: 0.4rem; }
.variant { margin-top: 0.5rem; }
.variant-name { margin: 0.5rem 0 0.25rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; font-size: 0.8125rem; }
.schemes dt { font-weight: 600; margin-top: 0.75rem; scroll-margin-top: 1rem; }
.schemes dd { margin: 0.2rem 0 0; color: var(--muted); }
.servers { margin-top: 0; }
@media (max-width: 52rem) {
  .layout { display: block; }
  .sidebar { position: static; height: auto; border-right: 0; border-bottom: 1px solid var(--line); }
  .sidebar li li { display: none; }
  .sidebar > ul { display: flex; flex-wrap: wrap; gap: 0 1rem; }
  main { padding: 1.5rem 1.25rem 4rem; }
}
`;
