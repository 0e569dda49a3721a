"""Tabs under the SWOT board: add an item, edit / move / reorder / merge / link one, the history with undo.

Typed text is kept in session state (`state.keep`) until saved, so a page switch in
the middle of the workshop loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from pac.domain import vocab
from pac.domain.conflict import ConflictError
from pac.domain.errors import DomainError
from pac.i18n import t, tn
from pac.services import diagnostic, swot
from pac.services.diagnostic import FindingView
from pac.services.swot import SwotItemView
from pac.ui.kit import bitext, conflict, history, state
from pac.ui.kit.labels import labels, sector_labels, username
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import bi_raw, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run, show_error

ADD = "swot_add"
EDIT = "swot_edit"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def finding_label(
    f: FindingView, kinds: dict[str, str], sectors: dict[str, str], lang: str, width: int = 90
) -> str:
    """« n° 3 · Contrainte · Eau — text » in the reader's language (the text in its version, else the other)."""
    where = sectors.get(f.sector_code or "", "")
    text = _cut(bi_raw(f, "text", lang), width)
    return (
        t("swot.finding_label", lang, n=f.number or f.id, kind=kinds.get(f.kind, f.kind), text=text)
        if not where
        else t(
            "swot.finding_label_sector",
            lang,
            n=f.number or f.id,
            kind=kinds.get(f.kind, f.kind),
            sector=where,
            text=text,
        )
    )


def item_label(it: SwotItemView, lang: str, width: int = 80) -> str:
    return f"{it.number} — {_cut(bi_raw(it, 'text', lang), width)}"


def kept_texts(
    name: str, key: str, fr: str, ar: str, lang: str, *, height: int = 80, placeholder: str | None = None
) -> tuple[str, str]:
    """Both versions of a text typed outside a form, side by side, kept across page switches (`state.keep`)."""
    fr = str(_kept(f"{key}_fr", fr) or "")
    ar = str(_kept(f"{key}_ar", ar) or "")
    typed = bitext.inputs(
        name, key, fr, ar, lang, area=True, height=height, placeholder=placeholder, init=True
    )
    state.remember(f"{key}_fr", typed[0])
    state.remember(f"{key}_ar", typed[1])
    return typed


def clear_texts(key: str) -> None:
    """Empty both versions (kept values and widgets): the next item starts blank."""
    for which in ("fr", "ar"):
        state.remember(f"{key}_{which}", "")
        st.session_state.pop(f"{key}_bi_{which}", None)


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
    names = {f.id: finding_label(f, kinds, sectors, lang) for f in findings}
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
    text, text_ar = kept_texts(
        t("swot.text", lang), f"{ADD}_text", "", "", lang, placeholder=t("swot.text_placeholder", lang)
    )
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
            {
                "quadrant": quadrant,
                "text": text,
                "text_ar": text_ar,
                "sector_code": sector,
                "finding_ids": linked,
            },
            username(),
            lang,
        )
        if done:
            clear_texts(f"{ADD}_text")
            state.remember(f"{ADD}_findings", [])
            st.session_state.pop(f"{ADD}_findings_w", None)
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
        format_func=lambda i: item_label(by_id[i], lang),
        key=f"{EDIT}_id_w",
    )
    state.remember(f"{EDIT}_id", chosen)
    it = by_id[chosen]
    sectors = sector_labels(lang)
    prefix = f"{EDIT}_{it.id}"
    # What the (kept) widgets were first drawn with, until the next save or reset: a save compares it with
    # the stored item, so that a colleague's save is never overwritten silently (pac.domain.conflict).
    base = st.session_state.setdefault(
        f"{prefix}_base",
        {
            "text": it.text,
            "text_ar": it.text_ar,
            "quadrant": it.quadrant,
            "sector_code": it.sector_code,
            "finding_ids": list(it.finding_ids),
        },
    )
    _conflict(ctx, prefix)
    left, right = st.columns([3, 2])
    with left:
        text, text_ar = kept_texts(
            t("swot.text", lang), f"{prefix}_text", it.text, it.text_ar, lang, height=100
        )
        quadrant = _quadrant_picker(lang, f"{prefix}_quadrant", it.quadrant)
        sector = _sector_picker(lang, f"{prefix}_sector", sectors, it.sector_code)
    with right:
        linked = _findings_picker(lang, f"{prefix}_findings", findings, sectors, it.finding_ids)
        if not linked:
            st.warning(t("swot.unsupported_one", lang), icon=":material/warning:")
    buttons = st.columns(5)
    if buttons[0].button(t("swot.save", lang), type="primary", icon=":material/save:", key=f"{prefix}_save"):
        values = {
            "text": text,
            "text_ar": text_ar,
            "quadrant": quadrant,
            "sector_code": sector,
            "finding_ids": linked,
        }
        _save(ctx, it.id, prefix, values, base)
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
            format_func=lambda i: item_label(by_id[i], lang),
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
    st.markdown(f"**{tn('swot.supporting', len(it.finding_ids), lang, number=it.number)}**")
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
                    t("diag.col.text_ar", lang): f.text_ar,
                }
                for f in cited
            ]
        ),
        hide_index=True,
        width="stretch",
    )


# --------------------------------------------------------------------------- history


def _save(ctx: PageContext, item_id: int, prefix: str, values: dict, base: dict | None) -> None:
    lang = ctx.lang
    try:
        done = swot.update_item(ctx.db, item_id, values, username(), lang, base=base)
    except ConflictError as err:  # a colleague saved this item meanwhile: the user chooses
        conflict.remember(prefix, err, values=values, base=base or {})
        st.rerun()
    except DomainError as err:
        show_error(err)
        return
    _forget(prefix)
    state.remember(f"{EDIT}_id", done.id)
    flash(t("swot.saved", lang, number=done.number))
    st.rerun()


def _conflict(ctx: PageContext, prefix: str) -> None:
    lang = ctx.lang
    item_id = int(prefix.rsplit("_", 1)[1])

    def keep_mine(pending: conflict.Pending) -> None:
        _save(
            ctx,
            item_id,
            prefix,
            pending.values,
            pending.base_over_theirs,
        )

    def take_theirs(pending: conflict.Pending) -> None:
        _forget(prefix)
        flash(t("conflict.taken", lang))
        st.rerun()

    labels = {
        "text": t("swot.text", lang),
        "text_ar": f"{t('swot.text', lang)} ({t('bitext.lang.ar', lang)})",
        "quadrant": t("swot.quadrant", lang),
        "sector_code": t("swot.sector", lang),
        "finding_ids": t("swot.findings", lang),
    }
    conflict.show(prefix, labels, keep_mine=keep_mine, take_theirs=take_theirs)


def history_tab(ctx: PageContext) -> None:
    lang = ctx.lang
    entries = swot.history(ctx.db, ctx.commune.id, limit=40)
    if not entries:
        empty_state(t("swot.history_empty", lang))
        return
    done = history.show(
        entries,
        lang,
        key="swot_undo",
        undo=lambda: run(swot.undo_last, ctx.db, ctx.commune.id, username()),
        primary=True,
    )
    if done is not None:
        _forget(EDIT)
        flash(t("diag.undone", lang, what=plain(done.text(lang))))
        st.rerun()


def finding_views(ctx: PageContext) -> list[FindingView]:
    return diagnostic.list_findings(ctx.db, ctx.commune.id)
