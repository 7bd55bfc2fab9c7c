import { STYLES } from '../html/styles.js';

/** The public stylesheet (same tokens) plus the admin's forms and lists; no < & " characters. */
export const ADMIN_STYLES = `${STYLES}
.wrap-wide{max-width:68rem}
.admin-header{background:var(--soft);border-bottom:1px solid var(--line);padding:.75rem 0 0}
.admin-bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem}
.admin-bar .site-name{font-size:1.25rem}
.account-bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;font-size:.875rem}
.account-bar form{margin:0}
.admin-nav ul{list-style:none;margin:.5rem auto 0;display:flex;flex-wrap:wrap;gap:.25rem}
main.wrap{padding-top:1.5rem;padding-bottom:2.5rem}
.admin-nav li:first-child a{margin-left:-.65rem}
.admin-nav a{display:inline-block;padding:.4rem .65rem;border-radius:.375rem .375rem 0 0;text-decoration:none}
.admin-nav a[aria-current=page]{background:var(--bg);color:var(--fg);font-weight:700;box-shadow:0 1px 0 var(--bg),0 0 0 1px var(--line)}
form{margin:0}
form.stack{display:grid;gap:1rem;max-width:44rem}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.field{display:grid;gap:.25rem;min-width:0}
.field-inline{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
.field-inline select{width:auto}
label{font-weight:600}
.choice label{font-weight:400}
.hint{color:var(--muted);font-size:.875rem;margin:0;font-weight:400}
.error-text{color:var(--major-ink);font-size:.875rem;font-weight:600;margin:0}
input[type=text],input[type=email],input[type=password],input[type=datetime-local],input[type=date],input[type=search],select,textarea{
font:inherit;padding:.45rem .6rem;border:1px solid #6e7781;border-radius:.375rem;width:100%;max-width:100%;background:var(--bg);color:var(--fg)}
textarea{min-height:8rem;resize:vertical;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem}
[aria-invalid=true]{border-color:var(--major-ink);box-shadow:0 0 0 1px var(--major-ink)}
input:focus-visible,select:focus-visible,textarea:focus-visible,button:focus-visible,.button:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
button,.button{font:inherit;font-weight:600;padding:.45rem .9rem;border-radius:.375rem;border:1px solid var(--fg);background:var(--fg);
color:#fff;cursor:pointer;text-decoration:none;display:inline-block;line-height:1.4}
button.secondary,.button.secondary{background:var(--bg);color:var(--fg);border-color:#6e7781}
button.danger{background:var(--major-ink);border-color:var(--major-ink)}
button.small,.button.small{padding:.2rem .55rem;font-size:.875rem}
button:disabled{opacity:.45;cursor:not-allowed}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
fieldset{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:0;min-width:0;display:grid;gap:.75rem}
legend{font-weight:700;padding:0 .25rem}
.choices{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}
.choice{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.flash{padding:.75rem 1rem;border-radius:.5rem;border:1px solid;margin:0 0 1.25rem}
.flash>:first-child{margin-top:0}.flash>:last-child{margin-bottom:0}
.flash-ok{border-color:var(--ok);background:#dafbe1}
.flash-error{border-color:var(--major);background:#ffebe9}
.reveal{border:2px solid var(--maint);border-radius:.5rem;padding:1rem;margin:0 0 1.25rem;background:#ddf4ff}
.reveal code,.secret{display:block;font-size:1rem;padding:.5rem;background:var(--bg);border:1px solid var(--line);border-radius:.375rem;overflow-wrap:anywhere;user-select:all}
.rows{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:.5rem}
.rows>li{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.75rem 1rem;border-top:1px solid var(--line)}
.rows>li:first-child{border-top:0}
.rows>li.child{padding-left:2.25rem}
.rows>li.group-row{background:var(--soft)}
.row-main{flex:1 1 14rem;min-width:0}
.row-main>p{margin:0}
.row-tools{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
.row-tools select{width:auto;max-width:100%}
.preview{border:1px dashed #6e7781;padding:1rem;border-radius:.5rem;background:var(--soft)}
.preview>h2,.preview>h3{margin-top:0}
.table-scroll{overflow-x:auto;max-width:100%}
.data{width:100%;border-collapse:collapse;font-size:.875rem}
.data th,.data td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.data th{white-space:nowrap}
pre.json{background:var(--soft);padding:.5rem;border-radius:.375rem;overflow-x:auto;font-size:.8125rem;white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0}
.diff .before{background:#ffebe9}.diff .after{background:#dafbe1}
.diff td{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8125rem;overflow-wrap:anywhere}
.audit>li{display:block}
.pager{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;margin-top:1.5rem}
.cards{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));margin:1rem 0}
.panel{border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem}
.panel>h2,.panel>h3{margin-top:0}
.tag{display:inline-block;font-size:.75rem;font-weight:600;padding:.05rem .5rem;border-radius:1rem;border:1px solid var(--line);background:var(--soft)}
.section{margin-top:2rem}
details>summary{cursor:pointer;font-weight:600}
@media (max-width:40rem){
.rows>li{padding:.6rem .75rem}
.rows>li.child{padding-left:1.25rem}
.admin-nav a{padding:.35rem .5rem}
.admin-nav li:first-child a{margin-left:-.5rem}
}
`;
