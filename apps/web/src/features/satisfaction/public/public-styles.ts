// The stylesheet of the spectators' pages, inlined in each page (≈3 KB: no extra request on a
// phone, nothing to cache-bust). Plain CSS rather than the app's Tailwind build: these pages are
// rendered outside Next's React pipeline and cannot link its hashed stylesheet. Colours keep
// WCAG 2.1 AA contrast on white (text ≥ 4.5:1, control borders ≥ 3:1); --brand is the venue's
// colour, checked against white text in the builder.
export const PUBLIC_STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px;line-height:1.5;background:#f8fafc;color:#0f172a}
a{color:inherit}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid var(--brand);outline-offset:2px}
.sv-header{background:var(--brand);color:#fff;padding:16px}
.sv-wrap{max-width:42rem;margin:0 auto}
.sv-venue{margin:0;font-size:.875rem;font-weight:500}
.sv-header h1{margin:0;font-size:1.5rem;line-height:1.3}
.sv-main{max-width:42rem;margin:0 auto;padding:24px 16px}
.sv-lead{font-size:1.125rem;margin:0}
.sv-attended{margin:0 0 16px;padding:12px;border-radius:8px;background:#f1f5f9;color:#1e293b}
.sv-attended ul{margin:0;padding:0;list-style:none}
.sv-attended p{margin:8px 0 0}
.sv-small{font-size:.875rem;color:#334155}
.sv-progress-text{margin:0 0 12px}
.sv-progress{display:block;width:100%;height:8px;margin:0 0 16px;accent-color:var(--brand)}
.sv-page-title{font-size:1.25rem;margin:0 0 12px}
.sv-alert{margin:0 0 16px;padding:12px;border:1px solid #b91c1c;border-radius:6px;background:#fef2f2;color:#7f1d1d}
.sv-alert p{margin:0;font-weight:600}
.sv-alert ul{margin:4px 0 0;padding-left:20px}
.sv-done{margin:0 0 24px;padding:12px;border:1px solid #166534;border-radius:6px;background:#f0fdf4;color:#052e16}
.sv-form{display:flex;flex-direction:column;gap:20px}
.sv-q{margin:0;min-width:0;padding:16px;border:1px solid #cbd5e1;border-radius:8px;background:#fff}
.sv-q.sv-invalid{border-color:#b91c1c}
.sv-q>legend,.sv-q-label{float:left;width:100%;padding:0;margin:0 0 8px;font-size:1.125rem;font-weight:600}
.sv-q>legend+*,.sv-q-label+*{clear:both}
.sv-req{margin-left:4px;font-size:.875rem;font-weight:400;color:#475569}
.sv-help{margin:0 0 8px;font-size:.875rem;color:#334155}
.sv-error{margin:8px 0 0;font-weight:500;color:#991b1b}
.sv-scale{display:grid;gap:6px;grid-template-columns:repeat(5,minmax(0,1fr))}
.sv-scale.sv-wide{grid-template-columns:repeat(6,minmax(0,1fr))}
@media (min-width:640px){.sv-scale.sv-wide{grid-template-columns:repeat(11,minmax(0,1fr))}}
.sv-yesno{display:grid;gap:8px;grid-template-columns:1fr 1fr}
.sv-box{position:relative;display:flex;min-height:44px;align-items:center;justify-content:center;padding:0 8px;border:1px solid #64748b;border-radius:6px;background:#fff;font-weight:500;cursor:pointer}
.sv-box:has(:checked){border-color:var(--brand);background:var(--brand);color:#fff}
.sv-box:has(:focus-visible){outline:3px solid var(--brand);outline-offset:2px}
.sv-ends{display:flex;justify-content:space-between;gap:8px;margin:4px 0 0;font-size:.875rem;color:#334155}
.sv-options{display:flex;flex-direction:column;gap:8px}
.sv-option{display:flex;min-height:44px;align-items:center;gap:12px;padding:0 12px;border:1px solid #64748b;border-radius:6px;cursor:pointer}
.sv-option input{width:20px;height:20px;margin:0;accent-color:var(--brand)}
.sv-other{display:flex;flex-direction:column;gap:4px}
.sv-other label{font-size:.875rem;font-weight:500}
.sv-rows{display:flex;flex-direction:column;gap:12px}
.sv-row{margin:0;padding:0;border:0;min-width:0}
.sv-row>legend{float:left;width:100%;padding:0;margin:0 0 4px;font-weight:500}
.sv-row>legend+*{clear:both}
.sv-input{display:block;width:100%;min-height:44px;padding:8px 12px;border:1px solid #64748b;border-radius:6px;font:inherit;color:inherit;background:#fff}
.sv-actions{display:flex;flex-wrap:wrap;gap:12px}
.sv-btn{min-height:44px;padding:0 20px;border-radius:6px;font:inherit;font-weight:600;cursor:pointer}
.sv-btn-primary{flex:1;border:0;background:var(--brand);color:#fff}
.sv-btn-secondary{border:1px solid #64748b;background:#fff;color:#0f172a}
.sv-links{display:flex;flex-wrap:wrap;gap:16px;margin:24px 0 0}
.sv-footer{margin:32px 0 0;font-size:.875rem}
.sv-next{margin:32px 0 0}
.sv-next h2{font-size:1.125rem;margin:0 0 8px}
.sv-next ul{margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:8px}
.sv-next li{padding:12px;border:1px solid #cbd5e1;border-radius:8px;background:#fff}
.sv-next strong{display:block}
.sv-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
`.replace(/\n/g, "");

// The brand colour is validated as #rrggbb by the survey schema; anything else (a draft in the
// builder, a stale row) falls back, so nothing but a colour can reach the stylesheet.
const safeColour = (colour: string) => (/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#1f3a68");

/** The page's whole stylesheet in the venue's colour: inlined by the public pages and the builder's preview. */
export function publicStylesheet(colour: string): string {
  return `:root{--brand:${safeColour(colour)}}${PUBLIC_STYLES}`;
}
