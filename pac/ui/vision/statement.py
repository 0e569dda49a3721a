"""Tab « Mission, vision, valeurs »: large text areas saved as soon as they change.

Each text area saves through its on_change callback, so leaving the page or the tab loses
nothing; a refused text (HTML, too long) stays on screen as a draft with the French reason
until it is corrected.
"""

from __future__ import annotations

import html

import streamlit as st

from pac.domain.errors import DomainError
from pac.i18n import t
from pac.services import vision as vision_service
from pac.ui.kit import state
from pac.ui.kit.widgets import PageContext, show_error

CSS = """
<style>
  [class*="st-key-strategy_mission_"] textarea, [class*="st-key-strategy_vision_"] textarea
      {font-size: 1.35rem; line-height: 1.45;}
  [class*="st-key-strategy_values_"] textarea {font-size: 1.15rem; line-height: 1.5;}
  [class*="st-key-strategy_mission_"] label p, [class*="st-key-strategy_vision_"] label p,
  [class*="st-key-strategy_values_"] label p {font-size: 1.15rem; font-weight: 700;}
  .pac-values {display: flex; flex-wrap: wrap; gap: .5rem; margin: .4rem 0 1rem 0;}
  .pac-values span {background: #e8f1f4; color: #17495b; border: 1px solid #b7d3dc; border-radius: 999px;
                    padding: .25rem .9rem; font-size: 1.15rem; font-weight: 600;}
</style>
"""


def _draft_key(plan_id: int, field: str) -> str:
    return f"strategy_draft_{plan_id}_{field}"


def _save(plan_id: int, field: str, widget: str) -> None:
    """on_change: save what was typed; keep it as a draft with the reason when refused."""
    db = state.get_db()
    text = st.session_state.get(widget, "")
    try:
        if field == "values":
            vision_service.save_values(db, plan_id, text.splitlines())
        else:
            vision_service.save_statement(db, plan_id, field, text)
    except DomainError as e:
        state.remember(_draft_key(plan_id, field), (text, e.messages))
    else:
        state.remember(_draft_key(plan_id, field), None)
        st.toast(t("vision.saved_auto", state.lang()), icon=":material/check_circle:")


def _area(ctx: PageContext, field: str, current: str, height: int) -> None:
    assert ctx.plan is not None
    widget = f"strategy_{field}_{ctx.plan.id}"  # per plan: switching commune shows that commune's text
    draft = state.keep(_draft_key(ctx.plan.id, field))
    if draft is not None:
        show_error(DomainError(draft[1]))
    # Set on every run, not only the first: after a page switch the browser forgets the widget while the
    # server may still hold it, and only a value set here is sent again.  Every change is saved by the
    # callback before this runs, so what is saved (or the refused draft) is what was typed.
    st.session_state[widget] = draft[0] if draft is not None else current
    st.text_area(
        t(f"vision.{field}", ctx.lang),
        key=widget,
        height=height,
        help=t(f"vision.{field}_help", ctx.lang),
        on_change=_save,
        args=(ctx.plan.id, field, widget),
        placeholder=t(f"vision.{field}_placeholder", ctx.lang),
    )


def render(ctx: PageContext) -> None:
    assert ctx.plan is not None
    view = vision_service.get_strategy(ctx.db, ctx.plan.id)
    st.html(CSS)
    st.caption(t("vision.statement_intro", ctx.lang))
    _area(ctx, "mission", view.mission, 150)
    _area(ctx, "vision", view.vision, 150)
    _area(ctx, "values", "\n".join(view.values), 170)
    if view.values:
        chips = "".join(f"<span>{html.escape(v)}</span>" for v in view.values)
        st.html(f'<div class="pac-values">{chips}</div>')
