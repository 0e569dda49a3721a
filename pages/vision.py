"""Atelier — mission, vision and values; strategic axes and objectives; their SWOT links; the tree."""

from pac.i18n import t
from pac.ui.kit.tabs import lazy_tabs
from pac.ui.kit.widgets import page, show_flashes
from pac.ui.vision import axes, links, statement, tree

ctx = page("nav.vision", need_plan=True, caption_key="vision.caption")
show_flashes()

sections = {
    "vision.tab_statement": statement.render,
    "vision.tab_axes": axes.render,
    "vision.tab_links": links.render,
    "vision.tab_tree": tree.render,
}
# Only the open tab runs; the open tab is kept across page switches.
for tab, draw in zip(
    lazy_tabs("strategy", [t(k, ctx.lang) for k in sections]), sections.values(), strict=True
):
    if tab.open:
        with tab:
            draw(ctx)
