/**
 * The one stylesheet of the pages the API serves to buyers (checkout, hosted invoice, the test
 * provider's authentication page): inlined and allowed by its hash, so the CSP needs no
 * `'unsafe-inline'` and no second request. Light and dark follow the system.
 */
export const PAGE_CSS = `
:root{color-scheme:light dark;--bg:#fff;--panel:#f6f8fa;--text:#1a1f36;--muted:#545d70;--line:#dde2ea;--field:#fff;--field-line:#c3cad5;
--accent:#2451d6;--accent-hover:#1c43b8;--on-accent:#fff;--link:#2451d6;--focus:#2451d6;--error:#b42318;--error-bg:#fef3f2;--error-line:#f4b7b1;
--ok:#067647;--ok-bg:#ecfdf3;--warn:#8a4500;--warn-bg:#fff5e0;--warn-line:#f5cf8c;--neutral-bg:#eef1f5;--shadow:0 1px 2px rgba(16,24,40,.06),0 8px 24px rgba(16,24,40,.06)}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--panel:#161a21;--text:#e8ebf0;--muted:#a6afbf;--line:#2a303b;--field:#0b0d11;--field-line:#4a5261;
--accent:#3461e0;--accent-hover:#2a52c4;--on-accent:#fff;--link:#8fb1ff;--focus:#8fb1ff;--error:#ff9b91;--error-bg:#2a1513;--error-line:#6e2a24;
--ok:#6fdc9f;--ok-bg:#0f2519;--warn:#ffc46b;--warn-bg:#2a1f0c;--warn-line:#6b4d17;--neutral-bg:#222833;--shadow:none}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
h1,h2,h3,p,dl,dd,fieldset{margin:0}
a{color:var(--link);text-underline-offset:2px}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:4px}
.muted{color:var(--muted)}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;line-height:20px;letter-spacing:.02em;vertical-align:middle;white-space:nowrap}
.badge-test{background:var(--warn-bg);color:var(--warn);border:1px solid var(--warn-line)}
.badge-paid{background:var(--ok-bg);color:var(--ok)}
.badge-open{background:var(--warn-bg);color:var(--warn)}
.badge-void,.badge-draft{background:var(--neutral-bg);color:var(--muted)}
.badge-uncollectible{background:var(--error-bg);color:var(--error)}
.merchant{display:flex;align-items:center;gap:10px;flex-wrap:wrap;font-weight:600}
.back{font-weight:500;text-decoration:none;color:var(--muted)}
.back:hover{color:var(--text);text-decoration:underline}
.alert{border:1px solid var(--error-line);background:var(--error-bg);color:var(--error);border-radius:8px;padding:10px 12px;font-size:15px}
.note{border:1px solid var(--line);background:var(--panel);border-radius:8px;padding:12px 14px;font-size:15px}
.test-hint{border:1px dashed var(--warn-line);background:var(--warn-bg);color:var(--text);border-radius:8px;padding:10px 12px;font-size:14px}
.test-hint summary{cursor:pointer;color:var(--muted);margin-top:4px}
.test-hint ul{margin:6px 0 0;padding-left:18px}
.card-number{font-variant-numeric:tabular-nums;white-space:nowrap;font-weight:600}
.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:10px 18px;border-radius:8px;border:1px solid var(--accent);
background:var(--accent);color:var(--on-accent);font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button:hover{background:var(--accent-hover);border-color:var(--accent-hover)}
.button-secondary{background:transparent;color:var(--link);border-color:var(--field-line)}
.button-secondary:hover{background:var(--panel);border-color:var(--field-line)}
.button-wide{width:100%;font-size:17px}
.footer{font-size:13px;color:var(--muted);text-align:center;padding:24px 16px}
.pay-footer{font-size:13px;color:var(--muted);text-align:center;margin-top:12px}
/* checkout: the order on the left, the card on the right; one column on narrow screens */
.checkout-main{display:grid;grid-template-columns:1fr;min-height:100vh}
.summary{background:var(--panel);border-bottom:1px solid var(--line);padding:24px 20px 28px}
.pay{padding:28px 20px 32px}
.summary-inner,.pay-inner{width:100%;max-width:440px;margin:0 auto;display:grid;gap:20px}
.product-title{font-size:16px;font-weight:500;color:var(--muted)}
.price{display:block;font-size:36px;line-height:1.15;font-weight:700;letter-spacing:-.02em;color:var(--text);margin-top:4px;font-variant-numeric:tabular-nums}
.price-per{font-size:16px;font-weight:500;letter-spacing:0;color:var(--muted)}
.then{color:var(--muted);margin-top:4px}
.lines{display:grid;gap:0;border-top:1px solid var(--line)}
.lines>div{display:flex;justify-content:space-between;gap:16px;padding:12px 0;border-bottom:1px solid var(--line)}
.lines dt{display:grid}
.lines dt small{color:var(--muted);font-size:14px}
.lines dd{font-variant-numeric:tabular-nums;white-space:nowrap}
.lines .total{font-weight:700;border-bottom:0}
h2{font-size:20px;line-height:1.3}
fieldset{border:0;padding:0;min-width:0;display:grid;gap:14px}
legend{font-weight:600;padding:0;margin-bottom:10px}
.field{display:grid;gap:6px}
.field label{font-size:14px;font-weight:500}
.field-row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
input{font:inherit;font-size:16px;width:100%;min-height:44px;padding:10px 12px;border:1px solid var(--field-line);border-radius:8px;background:var(--field);color:var(--text);font-variant-numeric:tabular-nums}
input::placeholder{color:var(--muted);opacity:.8}
input:focus-visible{outline:3px solid var(--focus);outline-offset:1px;border-color:var(--focus);border-radius:8px}
input[aria-invalid="true"]{border-color:var(--error);border-width:2px}
.form{display:grid;gap:18px}
.cancel{text-align:center;font-size:15px}
@media (min-width:900px){
.checkout-main{grid-template-columns:1fr 1fr}
.summary{border-bottom:0;border-right:1px solid var(--line);padding:72px 56px}
.pay{padding:72px 56px}
.summary-inner,.pay-inner{margin:0 0 0 auto}
.pay-inner{margin:0 auto 0 0}
}
/* notice: one message in a card (done, expired, not found, the test authentication page) */
.notice-main{min-height:100vh;display:grid;place-items:center;padding:24px 16px}
.notice-card{width:100%;max-width:460px;background:var(--bg);border:1px solid var(--line);border-radius:12px;padding:28px 24px;display:grid;gap:16px;box-shadow:var(--shadow)}
.notice-card h1{font-size:22px;line-height:1.3}
.actions{display:flex;gap:12px;flex-wrap:wrap}
.actions form{display:contents}
body.notice{background:var(--panel)}
/* invoice: a sheet that prints on A4 or Letter */
body.invoice{background:var(--panel)}
.invoice-main{padding:24px 12px}
.sheet{max-width:800px;margin:0 auto;background:var(--bg);border:1px solid var(--line);border-radius:12px;padding:32px 24px;display:grid;gap:28px;box-shadow:var(--shadow)}
.sheet-head{display:grid;gap:6px}
.sheet h1{font-size:28px;line-height:1.2;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.sheet h2{font-size:13px;font-weight:600;color:var(--muted);margin-bottom:4px}
.parties{display:grid;gap:20px}
.facts{display:grid;gap:4px}
.facts>div{display:grid;grid-template-columns:140px 1fr;gap:12px}
.facts dt{color:var(--muted)}
@media (min-width:640px){.parties{grid-template-columns:3fr 2fr}}
.headline{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums;border-top:1px solid var(--line);padding-top:20px}
.table-wrap{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding-bottom:8px}
th,td{text-align:left;padding:10px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:13px;font-weight:600;color:var(--muted)}
.num{text-align:right;white-space:nowrap}
.totals{display:grid;gap:6px;margin-left:auto;width:100%;max-width:320px}
.totals>div{display:flex;justify-content:space-between;gap:16px}
.totals dd{font-variant-numeric:tabular-nums}
.totals .strong{font-weight:700;border-top:1px solid var(--line);padding-top:8px}
.print-hint{font-size:14px;color:var(--muted);text-align:right}
.invoice-pay{display:grid;gap:14px;max-width:440px;border-top:1px solid var(--line);padding-top:24px}
.invoice-pay h2{font-size:20px;color:var(--text);font-weight:600;margin:0}
@media (max-width:600px){.sheet{padding:24px 16px}.col-period{display:none}}
@media print{
:root{--bg:#fff;--panel:#fff;--text:#000;--muted:#333;--line:#bbb;--shadow:none;color-scheme:light}
body.invoice{background:#fff;font-size:12pt}
.invoice-main{padding:0}
.sheet{border:0;border-radius:0;padding:0;max-width:none;box-shadow:none}
.badge{border:1px solid #000;background:#fff!important;color:#000!important}
.print-hint,.footer,.invoice-pay{display:none}
.col-period{display:table-cell}
a{color:#000;text-decoration:none}
tr{break-inside:avoid}
@page{margin:18mm}
}
`.trim();
