"""Préparer — the three diagnostic reports: findings, their import, key figures, finances, summary."""

from pac.i18n import t
from pac.ui import (
    diagnostic_figures,
    diagnostic_finance,
    diagnostic_findings,
    diagnostic_import,
    diagnostic_summary,
)
from pac.ui.diagnostic_common import lazy_tabs
from pac.ui.widgets import page, show_flashes

ctx = page("nav.diagnostic", caption_key="diag.caption")
show_flashes()

sections = {
    "diag.tab_findings": diagnostic_findings.render,
    "diag.tab_import": diagnostic_import.render,
    "diag.tab_figures": diagnostic_figures.render,
    "diag.tab_finances": diagnostic_finance.render,
    "diag.tab_summary": diagnostic_summary.render,
}
# Only the open tab runs: the page stays fast with hundreds of findings.
for tab, draw in zip(lazy_tabs("diag", [t(k, ctx.lang) for k in sections]), sections.values(), strict=True):
    if tab.open:
        with tab:
            draw(ctx)
