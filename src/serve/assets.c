/*
 * assets.c — the web app's stylesheet and script, compiled in so the
 * binary is the whole app: nothing is read from disk or fetched from
 * elsewhere. The script only improves pages that work without it.
 */
#include <stddef.h>

const char srv_css[] =
	":root{--fg:#1d1f21;--mute:#5f6368;--line:#dadce0;--bg:#fff;--acc:#0b57d0;--src:#fde7c8;--cue:#d7ecff;"
	"--content:#e6f4ea;--hit:#fff3a3}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:var(--fg);background:var(--bg)}\n"
	"header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;border-bottom:1px solid var(--line)}\n"
	"header .brand{font-weight:700;color:var(--fg);text-decoration:none}\n"
	"header nav a{margin-right:.8rem}\n"
	"header form{margin-left:auto}\n"
	"header input{width:14rem;max-width:60vw}\n"
	"main{max-width:72rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.5rem;line-height:1.25;overflow-wrap:anywhere}\n"
	"a{color:var(--acc)}\n"
	"input,button{font:inherit;padding:.25rem .4rem}\n"
	".filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:0 0 1rem}\n"
	".filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--mute)}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:break-word}\n"
	"th{cursor:pointer;white-space:nowrap}\n"
	".num{text-align:right}\n"
	".date,.meta,.count,.type{color:var(--mute)}\n"
	".date{white-space:nowrap}\n"
	".badge{font-size:.75rem;border:1px solid var(--line);border-radius:.6rem;padding:0 .4rem;text-decoration:none}\n"
	".statements{padding-left:1.5rem}\n"
	".st{margin:.5rem 0}\n"
	".st .meta{font-size:.9rem}\n"
	".st .sentence{color:var(--fg);text-decoration:none;display:block}\n"
	".st .sentence:hover{text-decoration:underline}\n"
	".stance{font-size:.8rem;border-radius:.3rem;padding:0 .3rem;background:#eee}\n"
	".stance-denies{background:#fce8e6}.stance-asserts{background:#e6f4ea}.stance-questions{background:#fef7e0}\n"
	".text{white-space:pre-wrap;overflow-wrap:anywhere;max-width:46rem;font-size:1.05rem;line-height:1.6}\n"
	".src{background:var(--src)}.cue{background:var(--cue)}.content{background:var(--content)}\n"
	".s.hit,.legend .hit{background:var(--hit);outline:2px solid #e0b400}\n"
	".legend span{padding:0 .3rem;margin-right:.3rem;font-size:.85rem}\n"
	"iframe.map{width:100%;height:70vh;border:1px solid var(--line)}\n"
	"@media (max-width:40rem){header form{margin-left:0;width:100%}header input{width:100%;max-width:none}"
	".stories th:nth-child(3),.stories td:nth-child(3),.stories th:nth-child(4),.stories td:nth-child(4){display:none}.date{white-space:normal}"
	"th{white-space:normal}main{padding:.6rem}table{table-layout:fixed}}\n";
const size_t srv_css_len = sizeof srv_css - 1;

const char srv_js[] =
	"'use strict';\n"
	"// Sorts a table.sortable by the column whose header is clicked.\n"
	"document.querySelectorAll('table.sortable th').forEach(function (th, i) {\n"
	"  th.addEventListener('click', function () {\n"
	"    var col = Array.prototype.indexOf.call(th.parentNode.children, th);\n"
	"    var body = th.closest('table').tBodies[0];\n"
	"    var rows = Array.prototype.slice.call(body.rows);\n"
	"    var dir = th.dataset.dir === 'asc' ? -1 : 1;\n"
	"    th.dataset.dir = dir === 1 ? 'asc' : 'desc';\n"
	"    rows.sort(function (a, b) {\n"
	"      var x = a.cells[col].textContent, y = b.cells[col].textContent;\n"
	"      var nx = parseFloat(x), ny = parseFloat(y);\n"
	"      if (!isNaN(nx) && !isNaN(ny)) return dir * (nx - ny);\n"
	"      return dir * x.localeCompare(y);\n"
	"    });\n"
	"    rows.forEach(function (r) { body.appendChild(r); });\n"
	"  });\n"
	"});\n"
	"// The story map's frame grows to its page, so the page scrolls once.\n"
	"document.querySelectorAll('iframe.map').forEach(function (f) {\n"
	"  f.addEventListener('load', function () {\n"
	"    try { f.style.height = (f.contentDocument.documentElement.scrollHeight + 20) + 'px'; } catch (e) {}\n"
	"  });\n"
	"});\n";
const size_t srv_js_len = sizeof srv_js - 1;
