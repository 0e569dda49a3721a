"""Atelier — the SWOT (AFOM): four quadrants on the wall, each item traced to the findings that support it."""

import streamlit as st

from pac.i18n import t, tn
from pac.services import swot
from pac.ui.kit import state
from pac.ui.kit.tabs import lazy_tabs
from pac.ui.kit.widgets import page, show_flashes
from pac.ui.swot import drafts as swot_drafts
from pac.ui.swot.board import board
from pac.ui.swot.forms import add_tab, edit_tab, finding_views, history_tab

ctx = page("nav.swot", need_plan=True)
assert ctx.plan is not None
show_flashes()
lang = ctx.lang
items = swot.list_items(ctx.db, ctx.plan.id, lang)

focus = state.keep("swot_focus", "all")
board(items, lang, projection=state.projection(), only=None if focus == "all" else focus)
if not items:
    st.info(t("swot.empty", lang), icon=":material/lightbulb:")
unsupported = sum(1 for it in items if not it.supported)
if unsupported:
    st.caption(tn("swot.unsupported", unsupported, lang))
focus_options = ["all", "S", "W", "O", "T"]
chosen = (
    st.segmented_control(
        t("swot.focus", lang),
        focus_options,
        default=focus if focus in focus_options else "all",
        format_func=lambda q: t(f"swot.focus.{q}", lang),
        key="swot_focus_w",
        label_visibility="collapsed",
    )
    or "all"
)
if chosen != focus:
    state.remember("swot_focus", chosen)
    st.rerun()

tabs = lazy_tabs(
    "swot", [t(k, lang) for k in ("swot.tab_add", "swot.tab_edit", "swot.tab_draft", "swot.tab_history")]
)
drawers = (
    lambda: add_tab(ctx, finding_views(ctx)),
    lambda: edit_tab(ctx, items, finding_views(ctx)),
    lambda: swot_drafts.render(ctx, finding_views(ctx)),
    lambda: history_tab(ctx),
)
for tab, draw in zip(tabs, drawers, strict=True):
    if tab.open:
        with tab:
            draw()
