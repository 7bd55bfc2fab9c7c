/**
 * The one stylesheet, inlined in every page. It avoids the characters < & " so it can be a plain text
 * child of <style>. Status colours pair with a pattern or shape, never colour alone.
 */
export const STYLES = `
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--link:#0550ae;--focus:#0969da;
--ok:#1a7f37;--deg:#d4a72c;--part:#d1670b;--major:#cf222e;--maint:#0969da;--none:#d0d7de;
--ok-ink:#116329;--deg-ink:#7d4e00;--part-ink:#953800;--major-ink:#a40e26;--maint-ink:#0550ae}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans',sans-serif;
font-size:1rem;line-height:1.5;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
a{color:var(--link)}
a:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.wrap{max-width:56rem;margin:0 auto;padding:0 1rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip-link{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem 1rem}
.skip-link:focus{left:1rem;z-index:1}
.site-header{border-bottom:1px solid var(--line);padding:1.25rem 0}
.site-name{margin:0;font-size:1.5rem;font-weight:700;line-height:1.2}
.site-name a{color:var(--fg);text-decoration:none}
.site-name a:hover{text-decoration:underline}
main{padding-top:2rem;padding-bottom:2rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0}
.site-footer{border-top:1px solid var(--line);padding:1.5rem 0;color:var(--muted);font-size:.875rem}
.site-footer ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.banner{--tone:var(--ok);display:flex;align-items:center;gap:.75rem;padding:1rem 1.25rem;border-radius:.5rem;
color:#fff;font-size:1.2rem;font-weight:600;margin:0;background:var(--tone)}
.banner .icon{width:1.5rem;height:1.5rem}
.banner .ink{stroke:var(--tone)}
.banner-minor{--tone:var(--deg-ink)}.banner-major{--tone:var(--part-ink)}
.banner-critical{--tone:var(--major-ink)}.banner-maintenance{--tone:var(--maint-ink)}
.icon{width:1rem;height:1rem;flex:none;vertical-align:-.15em}
.ink{stroke:#fff}
.status{display:inline-flex;align-items:center;gap:.35rem;font-size:.875rem;font-weight:600;white-space:nowrap}
.s-operational{color:var(--ok-ink)}.s-degraded_performance{color:var(--deg-ink)}.s-partial_outage{color:var(--part-ink)}
.s-major_outage{color:var(--major-ink)}.s-under_maintenance{color:var(--maint-ink)}
.notice-cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.card{border:1px solid var(--line);border-left:.4rem solid var(--muted);border-radius:.5rem;padding:1rem 1.25rem}
.i-minor{border-left-color:var(--deg)}.i-major{border-left-color:var(--part)}.i-critical{border-left-color:var(--major)}
.i-maintenance{border-left-color:var(--maint)}
.card>:first-child{margin-top:0}.card>:last-child{margin-bottom:0}
.components,.children{list-style:none;margin:0;padding:0}
.components{border:1px solid var(--line);border-radius:.5rem;margin-top:1.5rem}
.components>li{padding:1rem 1.25rem;border-top:1px solid var(--line)}
.components>li:first-child{border-top:0}
.group-head,.component-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.25rem 1rem}
.group-head{padding-bottom:.5rem}
.group-name{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 .75rem}
.group-uptime{color:var(--muted);font-size:.875rem}
.children>li{padding:.75rem 0 .75rem 1rem;border-top:1px solid var(--soft)}
.component-name{font-weight:600}
.description{margin:.15rem 0 0;color:var(--muted);font-size:.875rem}
.bars{list-style:none;margin:.5rem 0 0;padding:0;display:flex;gap:2px;height:2.125rem;align-items:flex-end}
.bars>li{flex:1 1 0;min-width:0;height:100%;border-radius:1px;background:var(--ok);overflow:hidden;white-space:nowrap;
text-indent:200%;font-size:1px;color:transparent}
.bars>.t-degraded_performance{background:var(--deg) repeating-linear-gradient(45deg,transparent 0 3px,rgba(0,0,0,.25) 3px 4px)}
.bars>.t-partial_outage{background:var(--part) repeating-linear-gradient(-45deg,transparent 0 2px,rgba(0,0,0,.3) 2px 4px)}
.bars>.t-major_outage{background:var(--major) repeating-linear-gradient(0deg,transparent 0 2px,rgba(255,255,255,.45) 2px 4px)}
.bars>.t-under_maintenance{background:var(--maint) repeating-linear-gradient(90deg,transparent 0 1px,rgba(255,255,255,.5) 1px 2px);height:70%}
.bars>.t-no_data{background:var(--none);height:40%}
.bars>li:hover{opacity:.7}
.uptime-large .bars{height:3.5rem;gap:3px}
.bars-legend{display:flex;justify-content:space-between;gap:.5rem;margin:.25rem 0 0;color:var(--muted);font-size:.75rem}
.narrow-only{display:none}
.notice-month{margin-top:1.5rem}
.notice-month>h3,.notice-month>h2{border-bottom:1px solid var(--line);padding-bottom:.25rem;margin-bottom:.75rem}
.empty{color:var(--muted);margin:.5rem 0}
.notices{list-style:none;margin:0;padding:0}
.notices>li{margin:0 0 1.5rem}
.notice-title{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .75rem;margin:0}
.impact{display:inline-block;font-size:.75rem;font-weight:600;padding:.05rem .5rem;border-radius:1rem;border:1px solid currentColor;white-space:nowrap}
.impact-none{color:var(--muted)}.impact-minor{color:var(--deg-ink)}.impact-major{color:var(--part-ink)}
.impact-critical{color:var(--major-ink)}.impact-maintenance{color:var(--maint-ink)}
.meta{color:var(--muted);font-size:.875rem;margin:.25rem 0}
.timeline{list-style:none;margin:.5rem 0 0;padding:0 0 0 1rem;border-left:2px solid var(--line)}
.timeline>li{margin:0 0 1rem}
.entry-label{font-weight:700;margin:0;font-size:1rem}
.entry-time{color:var(--muted);font-size:.8125rem;margin:.15rem 0 0}
.changes{margin:.25rem 0 0;padding-left:1.25rem;font-size:.875rem}
.markdown>:first-child{margin-top:.25rem}.markdown>:last-child{margin-bottom:0}
.markdown h1,.markdown h2,.markdown h3,.markdown h4,.markdown h5,.markdown h6{font-size:1rem;margin:1rem 0 .25rem}
.markdown pre,.markdown table{display:block;max-width:100%;overflow-x:auto}
.markdown code{font-size:.875em;background:var(--soft);padding:0 .2em;border-radius:3px}
.history-nav{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;margin-top:2rem}
.history-nav .newer{margin-left:auto}
.day-table{width:100%;border-collapse:collapse;font-size:.875rem;margin-top:1rem}
.day-table caption{text-align:left;font-weight:600;padding-bottom:.5rem}
.day-table th,.day-table td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line);overflow-wrap:normal}
.day-table tbody th{white-space:nowrap;font-weight:600}
.day-table ul{margin:0;padding-left:1rem}
@media (max-width:40rem){
.wrap{padding:0 .75rem}
.components>li{padding:.75rem}
.children>li{padding-left:.5rem}
.bars>li:nth-last-child(n+31){display:none}
.wide-only{display:none}.narrow-only{display:inline}
.day-table th,.day-table td{padding:.3rem .25rem}
.day-table td:nth-child(2){white-space:nowrap}
.day-table td:last-child{overflow-wrap:anywhere}
}
@media (forced-colors:active){.bar{border:1px solid CanvasText}.bars>.t-no_data{border-style:dashed}}
`;
