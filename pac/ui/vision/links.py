"""Tab « Liens avec l'AFOM »: which SWOT items each objective answers, and the gaps both ways."""

from __future__ import annotations

import streamlit as st

from pac.db import ROOT
from pac.domain.errors import DomainError
from pac.i18n import t, tn, vocab
from pac.services import vision
from pac.services.vision import StrategyView, SwotItemView
from pac.ui.kit import state
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import bi, bi_raw, plain
from pac.ui.kit.widgets import PageContext, empty_state, show_error

ERROR = "strategy_links_error"


def _short(item: SwotItemView, lang: str, width: int = 90) -> str:
    text = bi_raw(item, "text", lang)
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f"{vocab('quadrants', item.quadrant, lang)} · {text}"


def _save(plan_id: int, objective_id: int, widget: str) -> None:
    try:
        vision.set_objective_swot(
            state.get_db(), plan_id, objective_id, st.session_state.get(widget) or [], lang=state.lang()
        )
    except DomainError as e:
        st.session_state[ERROR] = e
        st.session_state.pop(widget, None)  # back to what is saved
    else:
        st.session_state.pop(ERROR, None)


def render(ctx: PageContext) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    view = vision.get_strategy(ctx.db, ctx.plan.id)
    if ERROR in st.session_state:
        show_error(st.session_state.pop(ERROR))
    if not view.swot:
        empty_state(t("vision.no_swot", lang))
        if (ROOT / "pages/swot.py").exists():
            st.page_link("pages/swot.py", label=t("nav.swot", lang), icon=":material/grid_view:")
        return
    if not view.objectives:
        empty_state(t("vision.no_objectives", lang))
        return
    _gaps(view, lang)
    st.caption(t("vision.links_help", lang))
    items = {i.id: i for i in view.swot}
    for axis in view.axes:
        st.markdown(f"#### {plain(axis.code)} · {bi(axis, 'title', lang)}")
        for obj in axis.objectives:
            widget = f"strategy_swot_{obj.id}"
            st.session_state[widget] = [i for i in obj.swot_ids if i in items]  # saved on change: the truth
            pick_many(
                f"{plain(obj.code)} · {bi(obj, 'title', lang)}",
                list(items),
                lang=lang,
                key=widget,
                format_func=lambda i: _short(items[i], lang),
                on_change=_save,
                args=(view.plan_id, obj.id, widget),
                placeholder=t("vision.links_none", lang),
            )


def _gaps(view: StrategyView, lang: str) -> None:
    lonely = [o for o in view.objectives if o.id in set(view.links.objectives_without_link)]
    unanswered = [view.swot_item(i) for i in view.links.unanswered]
    if view.links.ok:
        st.success(t("vision.links_ok", lang), icon=":material/check_circle:")
        return
    blocks = []
    if lonely:
        blocks.append(
            tn("vision.lonely_objectives", len(lonely), lang)
            + "\n\n"
            + "\n".join(f"- **{plain(o.code)}** · {bi(o, 'title', lang)}" for o in lonely)
        )
    if unanswered:
        blocks.append(
            tn("vision.unanswered_items", len(unanswered), lang)
            + "\n\n"
            + "\n".join(f"- {plain(_short(i, lang, 140))}" for i in unanswered if i is not None)
        )
    for col, text in zip(st.columns(len(blocks)), blocks, strict=True):
        col.warning(text, icon=":material/warning:")
