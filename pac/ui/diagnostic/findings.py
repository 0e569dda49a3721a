"""Tab « Constats » of the diagnostic: the findings grid, the add form, bulk re-tagging, history and undo."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import vocab
from pac.domain.errors import DomainError
from pac.i18n import t, tn
from pac.services import diagnostic
from pac.ui.kit import bitext, history, state
from pac.ui.kit.grid import clear_selection, data_grid, refresh
from pac.ui.kit.labels import labels, sector_labels, username
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run, show_error

GRID = "diag_findings"
DRAFT = "diag_new_finding"
REFUSED = "diag_grid_refused"  # messages of a refused grid edit, shown after the grid is redrawn
SAVED = "diag_grid_saved"  # the add form's values, kept across page switches
COLUMNS = ["id", "number", "source", "sector_code", "douars", "kind", "text", "text_ar", "raised_by"]


def render(ctx: PageContext) -> None:
    lang, db, cid = ctx.lang, ctx.db, ctx.commune.id
    frame = diagnostic.findings_frame(db, cid)
    sectors = sector_labels(lang)
    douars = diagnostic.douar_labels(db, cid, lang)  # for the pickers (by id); the grid keeps the names
    # Open while the list is empty, and kept open once a finding was added from it: the message says the
    # choices are kept for the next one, and the facilitator types findings one after another.
    opened = frame.empty or bool(state.keep(f"{DRAFT}_open", False))
    with st.expander(t("diag.add_title", lang), expanded=opened, icon=":material/add_circle:"):
        _add_form(ctx, sectors, douars)
    if frame.empty:
        empty_state(t("diag.findings_empty", lang))
        _history(ctx)
        return
    st.caption(tn("diag.grid_help", len(frame), lang))
    saved = st.session_state.pop(SAVED, None)
    if saved:
        st.toast(saved, icon=":material/check_circle:")
    refused = st.session_state.pop(REFUSED, None)
    if refused:  # the refused edit was taken back out of the grid; say why
        show_error(DomainError(refused))
    shown, maps = _display(frame, sectors, lang)
    # Both versions of each finding, the reader's one first: at 1366 px the other one may need a scroll.
    texts = ["text_ar", "text"] if lang == "ar" else ["text", "text_ar"]
    shown = shown[[c for c in COLUMNS if c not in texts][:6] + texts + ["raised_by"]]
    result = data_grid(
        shown,
        GRID,
        id_column="id",
        editable=["source", "sector_code", "douars", "kind", "text", "text_ar", "raised_by"],
        choices={
            "source": list(maps["source"].values()),
            "sector_code": ["", *maps["sector_code"].values()],
            "kind": list(maps["kind"].values()),
            "raised_by": ["", *maps["raised_by"].values()],
        },
        # Both versions of each finding, the French and the Arabic one, each in its own column.
        labels={c: t("diag.col.text_fr" if c == "text" else f"diag.col.{c}", lang) for c in COLUMNS},
        hidden=["id"],  # the row's identity; the commune's own number is shown
        wrap=["text", "text_ar"],
        widths={
            "number": 60,
            "source": 130,
            "sector_code": 140,
            "douars": 115,
            "kind": 105,
            "raised_by": 115,
        },
        height=520,
        font_size=18 if state.projection() else None,
    )
    if not result.changed.empty:
        changes = {int(r["id"]): _codes(r, maps) for r in result.changed.to_dict("records")}
        try:
            diagnostic.update_findings(db, cid, changes, username(), lang)
        except DomainError as e:
            st.session_state[REFUSED] = e.messages
            refresh(GRID)
        else:
            st.session_state[SAVED] = tn("diag.saved_edit", len(changes), lang)
        st.rerun()  # the grid shows what the database now holds (the refused value goes away)
    _bulk(ctx, result.selected_ids, sectors, douars)
    _history(ctx)


def _display(frame: pd.DataFrame, sectors: dict[str, str], lang: str) -> tuple[pd.DataFrame, dict[str, dict]]:
    """The findings with labels instead of codes, and the maps to go back."""
    maps = {
        "source": labels("sources", lang),
        "sector_code": sectors,
        "kind": labels("finding_kinds", lang),
        "raised_by": labels("voices", lang),
    }
    shown = frame[COLUMNS].copy()
    for col, m in maps.items():
        shown[col] = shown[col].map(lambda code, m=m: m.get(code, code) if code else "")
    return shown, maps


def _codes(row: dict[str, Any], maps: dict[str, dict]) -> dict[str, Any]:
    """A grid row back in codes (a label not in the list goes to the service as typed: it is refused there)."""
    back = {col: {label: code for code, label in m.items()} for col, m in maps.items()}
    out = {col: back[col].get(row[col], row[col]) for col in maps}
    return {
        "source": out["source"],
        "sector": out["sector_code"],
        "kind": out["kind"],
        "raised_by": out["raised_by"],
        "text": row["text"],
        "text_ar": row["text_ar"],
        "douars": row["douars"],
    }


def _kept_select(label: str, key: str, options: list, fmt: dict, default: Any = None) -> Any:
    """A selectbox whose value is kept across page switches."""
    value = state.keep(f"{DRAFT}_{key}", default)
    index = options.index(value) if value in options else 0
    chosen = st.selectbox(
        label, options, index=index, format_func=lambda x: fmt.get(x, x), key=f"{DRAFT}_{key}_w"
    )
    state.remember(f"{DRAFT}_{key}", chosen)
    return chosen


def _add_form(ctx: PageContext, sectors: dict[str, str], douars: dict[int, str]) -> None:
    lang = ctx.lang
    none = {None: t("diag.none", lang), "": t("diag.none", lang)}
    a, b, c = st.columns(3)
    with a:
        source = _kept_select(
            t("diag.col.source", lang),
            "source",
            list(vocab.SOURCES),
            labels("sources", lang),
            "diagnostic_workshop",
        )
    with b:
        kind = _kept_select(
            t("diag.col.kind", lang), "kind", list(vocab.FINDING_KINDS), labels("finding_kinds", lang)
        )
    with c:
        voice = _kept_select(
            t("diag.col.raised_by", lang), "voice", list(vocab.VOICES), {**labels("voices", lang), **none}
        )
    d, e = st.columns(2)
    with d:
        sector = _kept_select(
            t("diag.col.sector_code", lang), "sector", [None, *sectors], {**sectors, **none}
        )
    with e:
        kept = [i for i in state.keep(f"{DRAFT}_douars", []) if i in douars]
        picked = pick_many(
            t("diag.col.douars", lang),
            list(douars),
            lang=lang,
            default=kept,
            format_func=douars.get,
            key=f"{DRAFT}_douars_w",
            placeholder=t("diag.douars_placeholder", lang),
        )
        state.remember(f"{DRAFT}_douars", picked)
    if st.session_state.pop(f"{DRAFT}_clear", False):
        # Emptied before the boxes are drawn (a keyed box ignores a new `value` once the browser has one).
        for which in ("fr", "ar"):
            st.session_state[f"{DRAFT}_text_bi_{which}"] = ""
            state.remember(f"{DRAFT}_text_{which}", "")
    # Both versions side by side (the reader's language first); one is enough, kept across page switches.
    text, text_ar = bitext.inputs(
        t("diag.col.text", lang),
        f"{DRAFT}_text",
        state.keep(f"{DRAFT}_text_fr", ""),
        state.keep(f"{DRAFT}_text_ar", ""),
        lang,
        area=True,
        height=90,
        placeholder=t("diag.text_placeholder", lang),
        init=True,
    )
    state.remember(f"{DRAFT}_text_fr", text)
    state.remember(f"{DRAFT}_text_ar", text_ar)
    if st.button(t("diag.add", lang), type="primary", icon=":material/add:", key=f"{DRAFT}_submit"):
        values = {
            "source": source,
            "kind": kind,
            "raised_by": voice,
            "sector": sector,
            "douars": picked,
            "text": text,
            "text_ar": text_ar,
        }
        done = run(diagnostic.add_finding, ctx.db, ctx.commune.id, values, username(), lang)
        if done:
            # Keep source, kind, voice, sector, douars: the next finding of the report often shares them.
            state.remember(f"{DRAFT}_open", True)
            st.session_state[f"{DRAFT}_clear"] = True
            flash(t("diag.added", lang, n=done.number))
            st.rerun()


def _bulk(ctx: PageContext, ids: list[Any], sectors: dict[str, str], douars: dict[int, str]) -> None:
    lang = ctx.lang
    if not ids:
        st.caption(t("diag.bulk_hint", lang))
        return
    ids = [int(i) for i in ids]
    keep = "__keep__"
    with st.container(border=True):
        st.markdown(f"**{tn('diag.bulk_title', len(ids), lang)}**")
        unchanged = {keep: t("diag.unchanged", lang), "": t("diag.none", lang)}
        a, b, c, d = st.columns(4)
        source = a.selectbox(
            t("diag.col.source", lang),
            [keep, *vocab.SOURCES],
            key="diag_bulk_source",
            format_func=lambda x: {**unchanged, **labels("sources", lang)}.get(x, x),
        )
        kind = b.selectbox(
            t("diag.col.kind", lang),
            [keep, *vocab.FINDING_KINDS],
            key="diag_bulk_kind",
            format_func=lambda x: {**unchanged, **labels("finding_kinds", lang)}.get(x, x),
        )
        sector = c.selectbox(
            t("diag.col.sector_code", lang),
            [keep, "", *sectors],
            key="diag_bulk_sector",
            format_func=lambda x: {**unchanged, **sectors}.get(x, x),
        )
        voice = d.selectbox(
            t("diag.col.raised_by", lang),
            [keep, *vocab.VOICES],
            key="diag_bulk_voice",
            format_func=lambda x: {**unchanged, **labels("voices", lang)}.get(x, x),
        )
        new_douars = pick_many(
            t("diag.bulk_douars", lang),
            list(douars),
            lang=lang,
            format_func=douars.get,
            key="diag_bulk_douars",
            placeholder=t("diag.unchanged", lang),
        )
        left, right = st.columns([1, 1])
        if left.button(
            tn("diag.bulk_apply", len(ids), lang),
            type="primary",
            icon=":material/sell:",
            key="diag_bulk_apply",
        ):
            changes = {
                k: v
                for k, v in (("source", source), ("kind", kind), ("sector", sector), ("raised_by", voice))
                if v != keep
            }
            if new_douars:
                changes["douars"] = list(new_douars)
            done = run(diagnostic.retag_findings, ctx.db, ctx.commune.id, ids, changes, username())
            if done:
                clear_selection(GRID)
                flash(tn("diag.bulk_done", done, lang))
                st.rerun()
        if right.button(
            tn("diag.delete_selected", len(ids), lang), icon=":material/delete:", key="diag_bulk_delete"
        ):
            st.session_state["diag_confirm_delete"] = ids
        if st.session_state.get("diag_confirm_delete") == ids:
            st.warning(tn("diag.delete_confirm", len(ids), lang))
            if st.button(t("diag.confirm", lang), type="primary", key="diag_bulk_delete_yes"):
                st.session_state.pop("diag_confirm_delete", None)
                done = run(diagnostic.delete_findings, ctx.db, ctx.commune.id, ids, username())
                if done:
                    clear_selection(GRID)
                    flash(tn("diag.deleted", done, lang))
                    st.rerun()


def _history(ctx: PageContext) -> None:
    lang = ctx.lang
    entries = diagnostic.history(ctx.db, ctx.commune.id, limit=15)
    with st.expander(t("diag.history", lang), icon=":material/history:"):
        if not entries:
            st.caption(t("diag.history_empty", lang))
            return
        done = history.show(
            entries,
            lang,
            key="diag_undo",
            undo=lambda: run(diagnostic.undo_last, ctx.db, ctx.commune.id, username()),
        )
        if done is not None:
            clear_selection(GRID)
            flash(t("diag.undone", lang, what=plain(done.text(lang))))
            st.rerun()
