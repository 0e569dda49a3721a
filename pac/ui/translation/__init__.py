"""The translation view: a commune's texts lacking their French or Arabic version, step by step.

One editable table per step (French | Arabic, the reader's language first), inside a form so that
nothing reruns while a text is typed; « Enregistrer » saves the step's changed rows at once, or
refuses them all with the message naming the text, keeping what was typed.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pac.domain.bilingual import isolate
from pac.i18n import has, t, tn
from pac.services import translation as tr
from pac.ui.kit.widgets import PageContext, empty_state, flash, run


def _where(item: tr.TextItem, lang: str) -> str:
    """« Projet P03 · Intitulé »: what the text belongs to and which of its texts it is."""
    entity = t(f"translation.entity.{item.entity}", lang)
    # a field named for its entity when the common name does not fit (a member's « nom ou fonction »)
    own = f"translation.field.{item.entity}.{item.field}"
    field = t(own if has(own) else f"translation.field.{item.field}", lang)
    return f"{entity} {isolate(item.where)} · {field}"


def _frame(items: list[tr.TextItem], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": [f"{i.entity}:{i.id}:{i.field}" for i in items],
            "where": [_where(i, lang) for i in items],
            "fr": [i.fr for i in items],
            "ar": [i.ar for i in items],
        }
    )


def _edits(items: list[tr.TextItem], edited: pd.DataFrame) -> list[dict[str, Any]]:
    by_key = {f"{i.entity}:{i.id}:{i.field}": i for i in items}
    out: list[dict[str, Any]] = []
    for row in edited.to_dict("records"):
        item = by_key.get(str(row["key"]))
        fr, ar = str(row.get("fr") or ""), str(row.get("ar") or "")
        if item is None or (fr, ar) == (item.fr, item.ar):
            continue
        out.append(
            {
                "entity": item.entity,
                "id": item.id,
                "field": item.field,
                "where": item.where,
                "fr": fr,
                "ar": ar,
            }
        )
    return out


def _step(ctx: PageContext, step: str, items: list[tr.TextItem], only_missing: bool) -> None:
    lang = ctx.lang
    first, second = ("ar", "fr") if lang == "ar" else ("fr", "ar")
    with st.form(f"tr_form_{step}_{only_missing}", border=False):
        edited = st.data_editor(
            _frame(items, lang),
            key=f"tr_{ctx.commune.id}_{step}_{only_missing}",
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(items), 600),
            num_rows="fixed",
            column_order=("where", first, second),
            column_config={
                "key": None,
                "where": st.column_config.TextColumn(
                    t("translation.col.where", lang), disabled=True, width="medium"
                ),
                "fr": st.column_config.TextColumn(t("translation.col.fr", lang), width="large"),
                "ar": st.column_config.TextColumn(t("translation.col.ar", lang), width="large"),
            },
        )
        saved = st.form_submit_button(t("translation.save", lang), type="primary", icon=":material/save:")
    if saved:
        edits = _edits(items, edited)
        if not edits:
            st.info(t("translation.nothing_changed", lang))
            return
        user = ctx.user.username if ctx.user else ""
        changed = run(tr.save_texts, ctx.db, ctx.commune.id, edits, username=user)
        if changed is not None:
            flash(tn("translation.saved", changed, lang))
            st.rerun()


def translation_view(ctx: PageContext) -> None:
    lang = ctx.lang
    only_missing = st.toggle(t("translation.only_missing", lang), value=True, key="tr_only_missing")
    items = tr.texts(ctx.db, ctx.commune.id, only_missing=only_missing)
    left = sum(1 for i in items if i.missing)
    st.metric(t("translation.metric", lang), left)
    if not items:
        empty_state(t("translation.all_done" if only_missing else "translation.no_text", lang))
        return
    by_step = {step: [i for i in items if i.step == step] for step, _ in tr.STEPS}
    steps = [step for step, mine in by_step.items() if mine]
    counts = tr.counts_by_step(items)
    labels = {
        step: f"{t(f'translation.step.{step}', lang)} · {tn('translation.left', counts[step], lang)}"
        if counts[step]
        else f"{t(f'translation.step.{step}', lang)} ✓"
        for step in steps
    }
    chosen = st.radio(
        t("translation.col.step", lang),
        steps,
        format_func=lambda step: labels[step],
        horizontal=True,
        key=f"tr_step_{only_missing}",
    )
    _step(ctx, chosen or steps[0], by_step[chosen or steps[0]], only_missing)
