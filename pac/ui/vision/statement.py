"""Tab « Mission, vision, valeurs »: one form holding the three texts, each in French and in Arabic.

One form, not a text area saved on each change: a text area that saves on blur reruns the page, and
whatever is typed or pasted into the next box during that rerun was lost (issue #10: save the mission,
fill the vision at once, the vision vanished).  Inside a form nothing reruns until « Enregistrer »; the
widgets are keyed per plan and seeded once, so a refused save keeps every text as typed, with the
reason naming the field, and saves nothing.

Nothing above the form comes or goes between two runs: the message « enregistré » is the page's flash (drawn
in a container every run draws, pac.ui.kit.widgets.show_flashes) and a conflict is drawn in a slot that is
always there.  When an element above the form appeared or vanished, the browser rebuilt the form after the
save's rerun, and a box being typed into then came back with what it last sent (the vision typed just after
the mission's save went back to the previous vision, and was lost).
"""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from pac.domain.conflict import ConflictError
from pac.domain.errors import DomainError
from pac.i18n import t
from pac.services import vision as vision_service
from pac.services.vision import StrategyView
from pac.ui.kit import bitext, conflict, state
from pac.ui.kit.text import bi_raw
from pac.ui.kit.widgets import PageContext, flash, show_error

CSS = """
<style>
  [class*="st-key-strategy_mission_"] textarea, [class*="st-key-strategy_vision_"] textarea
      {font-size: 1.3rem; line-height: 1.45;}
  [class*="st-key-strategy_values_"] textarea {font-size: 1.15rem; line-height: 1.5;}
  .pac-values {display: flex; flex-wrap: wrap; gap: .5rem; margin: .4rem 0 1rem 0;}
  .pac-values span {background: #e8f1f4; color: #17495b; border: 1px solid #b7d3dc; border-radius: 999px;
                    padding: .25rem .9rem; font-size: 1.15rem; font-weight: 600;}
</style>
"""
# Projection: the saved mission and vision whole, in large type, above the boxes (which show a few lines).
WALL_CSS = """
<style>
  .pac-wall {display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem 2.5rem; margin: .2rem 0 1rem 0;}
  .pac-wall section {border-inline-start: 6px solid #17495b; padding-block: .1rem; padding-inline-start: 1rem;}
  .pac-wall h3 {margin: 0 0 .3rem 0; padding: 0; font-size: 1.5rem; color: #17495b;}
  .pac-wall p {margin: 0; font-size: 1.75rem; line-height: 1.45; white-space: pre-wrap;
               overflow-wrap: anywhere; unicode-bidi: plaintext;}
  .pac-wall .pac-values {grid-column: 1 / -1; margin: 0;}
  .pac-wall .pac-values span {font-size: 1.45rem;}
  @media (max-width: 1100px) {.pac-wall {grid-template-columns: 1fr;}}
</style>
"""
FIELDS = ("mission", "vision", "values")


def _key(plan_id: int, field: str) -> str:
    return f"strategy_{field}_{plan_id}"  # per plan: switching commune shows that commune's text


def _draft_key(plan_id: int) -> str:
    return f"strategy_draft_{plan_id}"


def _current(view: StrategyView, field: str) -> tuple[str, str]:
    if field == "values":
        return "\n".join(view.values), "\n".join(view.values_ar)
    return getattr(view, field), getattr(view, f"{field}_ar")


def render(ctx: PageContext) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    view = vision_service.get_strategy(ctx.db, ctx.plan.id)
    st.html(CSS)
    st.caption(t("vision.statement_intro", lang))
    # A refused save is kept as a draft: after a page switch the boxes come back as typed, not as saved.
    draft: dict[str, str] = state.keep(_draft_key(ctx.plan.id)) or {}
    typed: dict[str, str] = {}
    # What the boxes were seeded with (until the next save or reset): a save compares it with the stored
    # texts, so that a colleague's save is never overwritten silently (pac.domain.conflict).
    base = st.session_state.setdefault(_base_key(ctx.plan.id), vision_service.statement_texts(view))
    with st.container():  # always there, empty or not: the form below never moves (see the module's doc)
        _conflict(ctx)
    if state.projection():
        with st.container():
            _wall(view, lang)
    with st.form(f"strategy_statement_{ctx.plan.id}", border=False, enter_to_submit=False):
        for field, height in (("mission", 140), ("vision", 140), ("values", 150)):
            fr, ar = _current(view, field)
            fr, ar = draft.get(field, fr), draft.get(f"{field}_ar", ar)
            typed[field], typed[f"{field}_ar"] = bitext.inputs(
                t("vision.values_field" if field == "values" else f"vision.{field}", lang),
                _key(ctx.plan.id, field),
                fr,
                ar,
                lang,
                area=True,
                height=height,
                help=t(f"vision.{field}_help", lang),
                placeholder=t(f"vision.{field}_placeholder", lang),
                init=True,  # seeded once: what is typed survives every rerun until saved
            )
        saved = st.form_submit_button(
            t("vision.save_statement", lang), type="primary", icon=":material/save:"
        )
    if saved:
        _save(ctx, typed, base)
    if view.values and not state.projection():
        st.html(_chips(view, lang))


def _chips(view: StrategyView, lang: str) -> str:
    chips = "".join(f"<span>{html.escape(bi_raw(v, 'text', lang))}</span>" for v in view.value_items)
    return f'<div class="pac-values">{chips}</div>'


def _wall(view: StrategyView, lang: str) -> None:
    """The saved mission and vision whole, in the reader's language (the other one, marked, when it is all
    there is), and the values as chips: what the room reads on the wall, the boxes being for the typing."""
    parts = [
        f"<section><h3>{html.escape(t(f'vision.{field}', lang))}</h3>"
        f'<p dir="auto">{html.escape(bi_raw(view, field, lang))}</p></section>'
        for field in ("mission", "vision")
        if getattr(view, field) or getattr(view, f"{field}_ar")
    ]
    if view.values:
        parts.append(_chips(view, lang))
    if parts:
        st.html(WALL_CSS + f'<div class="pac-wall">{"".join(parts)}</div>')


def _base_key(plan_id: int) -> str:
    return f"strategy_base_{plan_id}"


def _save(ctx: PageContext, typed: dict[str, str], base: dict[str, Any] | None) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    try:
        vision_service.save_strategy_text(ctx.db, ctx.plan.id, typed, lang=lang, base=base)
    except ConflictError as err:  # a colleague saved the same texts meanwhile: the user chooses
        state.remember(_draft_key(ctx.plan.id), typed)
        conflict.remember(_base_key(ctx.plan.id), err, values=typed, base=base or {})
        st.rerun()
    except DomainError as err:
        show_error(err)
        state.remember(_draft_key(ctx.plan.id), typed)  # the reason is on screen; nothing was saved
        return
    state.remember(_draft_key(ctx.plan.id), None)
    _settle(ctx, typed)
    flash(t("vision.statement_saved", lang))
    st.rerun()


def _conflict(ctx: PageContext) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    plan_id = ctx.plan.id

    def keep_mine(pending: conflict.Pending) -> None:
        _save(ctx, pending.values, pending.base_over_theirs)

    def take_theirs(pending: conflict.Pending) -> None:
        state.remember(_draft_key(plan_id), None)
        _forget(plan_id)
        flash(t("conflict.taken", lang))
        st.rerun()

    labels = {
        "mission": t("vision.mission", lang),
        "mission_ar": f"{t('vision.mission', lang)} ({t('bitext.lang.ar', lang)})",
        "vision": t("vision.vision", lang),
        "vision_ar": f"{t('vision.vision', lang)} ({t('bitext.lang.ar', lang)})",
        "values": t("vision.values_field", lang),
    }
    conflict.show(_base_key(plan_id), labels, keep_mine=keep_mine, take_theirs=take_theirs)


def _settle(ctx: PageContext, typed: dict[str, str]) -> None:
    """After a save, a box is re-seeded only where the database holds another text than the one typed
    (trimmed, say).  A box re-seeded is rewritten in the browser: on a slow machine, whatever the user
    typed into it while the save was under way would be lost (the vision typed just after the mission's
    save).  A box whose text was saved as typed is left alone, and so is what is being typed in it."""
    assert ctx.plan is not None
    plan_id = ctx.plan.id
    st.session_state.pop(_base_key(plan_id), None)
    view = vision_service.get_strategy(ctx.db, plan_id)
    for field in FIELDS:
        fr, ar = _current(view, field)  # what a box seeded now would show
        for which, now in (("fr", fr), ("ar", ar)):
            if (typed.get(field if which == "fr" else f"{field}_ar") or "") != (now or ""):
                st.session_state.pop(f"{_key(plan_id, field)}_bi_{which}", None)


def _forget(plan_id: int) -> None:
    """After a save, the next run seeds the boxes from what the database now holds (trimmed, paired)."""
    st.session_state.pop(_base_key(plan_id), None)
    for field in FIELDS:
        for which in ("fr", "ar"):
            st.session_state.pop(f"{_key(plan_id, field)}_bi_{which}", None)
