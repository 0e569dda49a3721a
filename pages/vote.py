"""Atelier — open a voting round, show the join QR code, watch results live."""

import streamlit as st

from pac.i18n import t
from pac.services.vote import rounds
from pac.ui.kit import state
from pac.ui.kit.widgets import page, show_flashes
from pac.ui.vote.forms import (
    cards_section,
    kept_round,
    new_round,
    paper_section,
    pick_round,
    settings_section,
    status_bar,
)
from pac.ui.vote.live import wall
from pac.ui.vote.results import results_view

ctx = page("nav.vote", need_plan=True)
assert ctx.plan is not None
lang = ctx.lang
show_flashes()
summaries = rounds.list_rounds(ctx.db, ctx.plan.id)

if state.projection() and (round_id := kept_round(summaries)) is not None:
    r = rounds.get_round(ctx.db, round_id)
    wall(r, lang)  # the wall: code, QR code, live count and results; the controls below the fold
    with st.expander(t("vote.controls", lang)):
        pick_round(ctx, summaries)
        status_bar(ctx, r)
    st.stop()

if not summaries:
    st.caption(t("vote.intro", lang))
round_id = pick_round(ctx, summaries)
if round_id is None:
    new_round(ctx)
    st.stop()

r = rounds.get_round(ctx.db, round_id)
status_bar(ctx, r)
# Lazy tabs: only the open one runs, so a rerun does not recount the results behind the wall.
tab_wall, tab_results, tab_paper, tab_cards, tab_settings = st.tabs(
    [t(f"vote.tab_{name}", lang) for name in ("wall", "results", "paper", "cards", "settings")],
    key="vote_tab",
    on_change="rerun",
)
if tab_wall.open:
    with tab_wall:
        wall(r, lang)
if tab_results.open:
    with tab_results:
        results_view(rounds.results(ctx.db, r.id), lang)
if tab_paper.open:
    with tab_paper:
        paper_section(ctx, r)
if tab_cards.open:
    with tab_cards:
        cards_section(ctx, r)
if tab_settings.open:
    with tab_settings:
        settings_section(ctx, r, rounds.counter(ctx.db, r.id).total > 0)
