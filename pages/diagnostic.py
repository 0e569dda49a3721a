"""Préparer — the three diagnostic reports: findings, their import, key figures, finances, summary."""

from pac.i18n import t
from pac.ui.diagnostic import figures, finance, findings, import_file, summary
from pac.ui.kit.tabs import lazy_tabs
from pac.ui.kit.widgets import page, show_flashes

ctx = page("nav.diagnostic", caption_key="diag.caption")
show_flashes()

sections = {
    "diag.tab_findings": findings.render,
    "diag.tab_import": import_file.render,
    "diag.tab_figures": figures.render,
    "diag.tab_finances": finance.render,
    "diag.tab_summary": summary.render,
}
# Only the open tab runs: the page stays fast with hundreds of findings.
for tab, draw in zip(lazy_tabs("diag", [t(k, ctx.lang) for k in sections]), sections.values(), strict=True):
    if tab.open:
        with tab:
            draw(ctx)
