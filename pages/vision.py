"""Atelier — mission, vision and values; strategic axes and objectives; their SWOT links; the tree."""

from pac.i18n import t
from pac.ui import strategy_axes, strategy_links, strategy_statement, strategy_tree
from pac.ui.diagnostic_common import lazy_tabs
from pac.ui.widgets import page, show_flashes

ctx = page("nav.vision", need_plan=True, caption_key="strategy.caption")
show_flashes()

sections = {
    "strategy.tab_statement": strategy_statement.render,
    "strategy.tab_axes": strategy_axes.render,
    "strategy.tab_links": strategy_links.render,
    "strategy.tab_tree": strategy_tree.render,
}
# Only the open tab runs; the open tab is kept across page switches.
for tab, draw in zip(
    lazy_tabs("strategy", [t(k, ctx.lang) for k in sections]), sections.values(), strict=True
):
    if tab.open:
        with tab:
            draw(ctx)
