"""Tabs under the SWOT board: add an item, edit / move / reorder / merge / link one, the history with undo.

Typed text is kept in session state (`state.keep`) until saved, so a page switch in
the middle of the workshop loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from pac.domain import vocab
from pac.i18n import t
from pac.services import diagnostic, swot
from pac.services.diagnostic import FindingView
from pac.services.swot import SwotItemView
from pac.ui.kit import state
from pac.ui.kit.labels import labels, sector_labels, username
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run

ADD = "swot_add"
EDIT = "swot_edit"


def finding_label(f: FindingView, kinds: dict[str, str], sectors: dict[str, str], width: int = 90) -> str:
    text = f.text if len(f.text) <= width else f.text[: width - 1] + "…"
    where = sectors.get(f.sector_code or "", "")
    return f"n° {f.number or f.id} · {kinds.get(f.kind, f.kind)}{' · ' + where if where else ''} — {text}"


def item_label(it: SwotItemView, width: int = 80) -> str:
    return f"{it.number} — {it.text if len(it.text) <= width else it.text[: width - 1] + '…'}"


def _kept(key: str, default: object = None) -> object:
    return state.keep(key, default)


def _quadrant_picker(lang: str, key: str, default: str) -> str:
    options = list(vocab.QUADRANTS)
    value = _kept(key, default)
    chosen = st.radio(
        t("swot.quadrant", lang),
        options,
        index=options.index(value) if value in options else 0,
        format_func=labels("quadrants", lang).get,
        horizontal=True,
        key=f"{key}_w",
    )
    state.remember(key, chosen)
    return chosen


def _sector_picker(lang: str, key: str, sectors: dict[str, str], default: str | None = None) -> str | None:
    options: list[str | None] = [None, *sectors]
    value = _kept(key, default)
    chosen = st.selectbox(
        t("swot.sector", lang),
        options,
        index=options.index(value) if value in options else 0,
        format_func=lambda c: t("diag.none", lang) if c is None else sectors[c],
        key=f"{key}_w",
    )
    state.remember(key, chosen)
    return chosen


def _findings_picker(
    lang: str, key: str, findings: Sequence[FindingView], sectors: dict[str, str], default: Sequence[int] = ()
) -> list[int]:
    kinds = labels("finding_kinds", lang)
    names = {f.id: finding_label(f, kinds, sectors) for f in findings}
    value = [i for i in _kept(key, list(default)) if i in names]  # type: ignore[union-attr]
    chosen = pick_many(
        t("swot.findings", lang),
        list(names),
        lang=lang,
        default=value,
        format_func=names.get,
        key=f"{key}_w",
        placeholder=t("swot.findings_placeholder", lang),
    )
    state.remember(key, chosen)
    return chosen


def _forget(prefix: str) -> None:
    starts = (f"_keep_{prefix}_", f"{prefix}_")
    for k in [k for k in st.session_state if str(k).startswith(starts)]:
        st.session_state.pop(k, None)


# --------------------------------------------------------------------------- add


def add_tab(ctx: PageContext, findings: Sequence[FindingView]) -> None:
    lang = ctx.lang
    assert ctx.plan is not None
    sectors = sector_labels(lang)
    quadrant = _quadrant_picker(lang, f"{ADD}_quadrant", "S")
    text = st.text_area(
        t("swot.text", lang),
        value=str(_kept(f"{ADD}_text", "")),
        key=f"{ADD}_text_w",
        height=80,
        placeholder=t("swot.text_placeholder", lang),
    )
    state.remember(f"{ADD}_text", text)
    a, b = st.columns([1, 2])
    with a:
        sector = _sector_picker(lang, f"{ADD}_sector", sectors)
    with b:
        linked = _findings_picker(lang, f"{ADD}_findings", findings, sectors)
    if st.button(t("swot.add", lang), type="primary", icon=":material/add:", key=f"{ADD}_go"):
        done = run(
            swot.add_item,
            ctx.db,
            ctx.plan.id,
            {"quadrant": quadrant, "text": text, "sector_code": sector, "finding_ids": linked},
            username(),
        )
        if done:
            for k in ("text", "findings"):
                state.remember(f"{ADD}_{k}", "" if k == "text" else [])
                st.session_state.pop(f"{ADD}_{k}_w", None)
            flash(t("swot.added", lang, number=done.number))
            st.rerun()


# --------------------------------------------------------------------------- edit


def edit_tab(ctx: PageContext, items: Sequence[SwotItemView], findings: Sequence[FindingView]) -> None:
    lang = ctx.lang
    if not items:
        empty_state(t("swot.edit_empty", lang))
        return
    by_id = {it.id: it for it in items}
    kept = _kept(f"{EDIT}_id")
    ids = list(by_id)
    chosen = st.selectbox(
        t("swot.pick", lang),
        ids,
        index=ids.index(kept) if kept in by_id else 0,
        format_func=lambda i: item_label(by_id[i]),
        key=f"{EDIT}_id_w",
    )
    state.remember(f"{EDIT}_id", chosen)
    it = by_id[chosen]
    sectors = sector_labels(lang)
    prefix = f"{EDIT}_{it.id}"
    left, right = st.columns([3, 2])
    with left:
        text = st.text_area(
            t("swot.text", lang),
            value=str(_kept(f"{prefix}_text", it.text)),
            key=f"{prefix}_text_w",
            height=100,
        )
        state.remember(f"{prefix}_text", text)
        quadrant = _quadrant_picker(lang, f"{prefix}_quadrant", it.quadrant)
        sector = _sector_picker(lang, f"{prefix}_sector", sectors, it.sector_code)
    with right:
        linked = _findings_picker(lang, f"{prefix}_findings", findings, sectors, it.finding_ids)
        if not linked:
            st.warning(t("swot.unsupported_one", lang), icon=":material/warning:")
    buttons = st.columns(5)
    if buttons[0].button(t("swot.save", lang), type="primary", icon=":material/save:", key=f"{prefix}_save"):
        values = {"text": text, "quadrant": quadrant, "sector_code": sector, "finding_ids": linked}
        done = run(swot.update_item, ctx.db, it.id, values, username())
        if done:
            _forget(prefix)
            state.remember(f"{EDIT}_id", done.id)
            flash(t("swot.saved", lang, number=done.number))
            st.rerun()
    for col, delta, icon, key in (
        (buttons[1], -1, ":material/arrow_upward:", "up"),
        (buttons[2], 1, ":material/arrow_downward:", "down"),
    ):
        if col.button(t(f"swot.{key}", lang), icon=icon, key=f"{prefix}_{key}") and run(
            swot.shift_item, ctx.db, it.id, delta, username()
        ):
            st.rerun()
    if buttons[4].button(t("swot.delete", lang), icon=":material/delete:", key=f"{prefix}_del"):
        st.session_state[f"{prefix}_confirm"] = True
    if st.session_state.get(f"{prefix}_confirm"):
        st.warning(t("swot.delete_confirm", lang, number=it.number))
        yes = st.button(t("diag.confirm", lang), type="primary", key=f"{prefix}_del_yes")
        if yes and run(swot.delete_item, ctx.db, it.id, username()):
            _forget(prefix)
            flash(t("swot.deleted", lang, number=it.number))
            st.rerun()
    _merge(ctx, it, items)
    _supporting(lang, it, findings, sectors)


def _merge(ctx: PageContext, it: SwotItemView, items: Sequence[SwotItemView]) -> None:
    lang = ctx.lang
    others = [x for x in items if x.id != it.id]
    if not others:
        return
    with st.expander(t("swot.merge_title", lang, number=it.number), icon=":material/merge:"):
        by_id = {x.id: x for x in others}
        other = st.selectbox(
            t("swot.merge_with", lang),
            list(by_id),
            format_func=lambda i: item_label(by_id[i]),
            key=f"{EDIT}_{it.id}_merge_w",
        )
        st.caption(t("swot.merge_help", lang, keep=it.number, absorb=by_id[other].number))
        if st.button(
            t("swot.merge", lang, absorb=by_id[other].number, keep=it.number),
            icon=":material/merge:",
            key=f"{EDIT}_{it.id}_merge_go",
        ):
            done = run(swot.merge_items, ctx.db, it.id, other, username())
            if done:
                _forget(f"{EDIT}_{it.id}")
                _forget(f"{EDIT}_{other}")
                state.remember(f"{EDIT}_id", done.id)
                flash(t("swot.merged", lang, number=done.number))
                st.rerun()


def _supporting(
    lang: str, it: SwotItemView, findings: Sequence[FindingView], sectors: dict[str, str]
) -> None:
    """The findings that support the item, as they stand in the diagnostic."""
    st.markdown(f"**{t('swot.supporting', lang, number=it.number, n=len(it.finding_ids))}**")
    cited = [f for f in findings if f.id in set(it.finding_ids)]
    if not cited:
        st.caption(t("swot.unsupported_one", lang))
        return
    kinds, sources, voices = labels("finding_kinds", lang), labels("sources", lang), labels("voices", lang)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("diag.col.id", lang): f.id,
                    t("diag.col.kind", lang): kinds.get(f.kind, f.kind),
                    t("diag.col.source", lang): sources.get(f.source, f.source),
                    t("diag.col.sector_code", lang): sectors.get(f.sector_code or "", ""),
                    t("diag.col.raised_by", lang): voices.get(f.raised_by, ""),
                    t("diag.col.douars", lang): ", ".join(f.douar_names),
                    t("diag.col.text", lang): f.text,
                }
                for f in cited
            ]
        ),
        hide_index=True,
        width="stretch",
    )


# --------------------------------------------------------------------------- history


def history_tab(ctx: PageContext) -> None:
    lang = ctx.lang
    entries = swot.history(ctx.db, ctx.commune.id, limit=40)
    if not entries:
        empty_state(t("swot.history_empty", lang))
        return
    last = next((e for e in entries if not e.undone and e.action != "undo"), None)
    clicked = last is not None and st.button(
        t("diag.undo", lang, what=plain(last.summary)),
        icon=":material/undo:",
        key="swot_undo",
        type="primary",
    )
    if clicked and last is not None and run(swot.undo_last, ctx.db, ctx.commune.id, username()):
        _forget(EDIT)
        flash(t("diag.undone", lang, what=plain(last.summary)))
        st.rerun()
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("diag.h_when", lang): e.local_time.strftime("%d/%m %H:%M:%S"),
                    t("diag.h_who", lang): e.username,
                    t("diag.h_what", lang): e.summary
                    + (f" ({t('diag.h_undone', lang)})" if e.undone else ""),
                }
                for e in entries
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def finding_views(ctx: PageContext) -> list[FindingView]:
    return diagnostic.list_findings(ctx.db, ctx.commune.id)
