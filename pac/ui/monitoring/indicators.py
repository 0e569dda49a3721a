"""Page « Suivi-évaluation »: indicators per objective and per project, at three levels."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import monitoring as rules
from pac.domain import vocab
from pac.domain.conflict import ConflictError
from pac.domain.errors import DomainError
from pac.i18n import t, tn
from pac.i18n import vocab as label
from pac.services import monitoring
from pac.services.monitoring import IndicatorBoard, IndicatorView
from pac.ui.kit import bitext, conflict, state
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import bi, bi_raw, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run, show_error

NEW = 0


def indicators_view(ctx: PageContext) -> None:
    assert ctx.plan is not None
    board = monitoring.load_indicators(ctx.db, ctx.plan.id)
    _coverage(ctx, board)
    _table(ctx, board)
    _editor(ctx, board)


def _coverage(ctx: PageContext, board: IndicatorBoard) -> None:
    lang = ctx.lang
    if not board.coverage:
        st.info(t("monitoring.ind.no_retained", lang), icon=":material/lightbulb:")
        return
    missing = board.without_indicator
    if missing:
        st.warning(
            tn(
                "monitoring.ind.without",
                len(missing),
                lang,
                total=len(board.coverage),
                codes=plain(", ".join(p.code for p in missing)),
            ),
            icon=":material/warning:",
        )
    else:
        st.success(
            t("monitoring.ind.all_covered", lang, total=len(board.coverage)), icon=":material/check_circle:"
        )
    gender = board.missing_gender
    if gender:
        st.warning(
            tn(
                "monitoring.ind.gender_missing",
                len(gender),
                lang,
                codes=plain(", ".join(p.code for p in gender)),
            ),
            icon=":material/wc:",
        )


def _table(ctx: PageContext, board: IndicatorBoard) -> None:
    lang = ctx.lang
    if not board.indicators:
        empty_state(t("monitoring.ind.empty", lang))
        return
    levels = st.pills(
        t("monitoring.ind.filter", lang),
        vocab.INDICATOR_LEVELS,
        selection_mode="multi",
        format_func=lambda x: label("indicator_levels", x, lang),
        key=f"me_levels_{board.plan.id}",
    )
    years = board.plan.years
    rows = []
    for i in board.indicators:
        if levels and i.level not in levels:
            continue
        row: dict[str, Any] = {
            t("monitoring.ind.code", lang): i.code,
            t("monitoring.ind.level", lang): label("indicator_levels", i.level, lang),
            # Both versions of the name, each in its column (an empty one shows which is missing).
            t("monitoring.ind.name_fr", lang): i.name,
            t("monitoring.ind.name_ar", lang): i.name_ar,
            t("monitoring.ind.anchor", lang): bi_raw({"a": i.anchor, "a_ar": i.anchor_ar}, "a", lang),
            # Shorter texts in the reader's language, the other version marked when theirs is missing.
            t("monitoring.ind.unit", lang): bi_raw(i, "unit", lang),
            t("monitoring.ind.baseline", lang): i.baseline_value,
            t("monitoring.ind.baseline_year", lang): str(i.baseline_year or ""),
        }
        for y in years:
            row[str(y)] = i.targets.get(y)
        row[t("monitoring.ind.target_final", lang)] = i.target_final
        # NB the year columns above are numbers: the table is read, not edited.
        row[t("monitoring.ind.source", lang)] = bi_raw(i, "source", lang)
        row[t("monitoring.ind.frequency", lang)] = label("frequencies", i.frequency, lang)
        row[t("monitoring.ind.responsible", lang)] = bi_raw(i, "responsible", lang)
        row[t("monitoring.ind.disaggregation", lang)] = ", ".join(
            label("disaggregations", d, lang) for d in i.disaggregation
        )
        row[t("monitoring.ind.gender", lang)] = i.gender_sensitive
        rows.append(row)
    df = pd.DataFrame(rows)
    if lang == "ar":  # the reader's language first
        cols = list(df.columns)
        fr, ar = t("monitoring.ind.name_fr", lang), t("monitoring.ind.name_ar", lang)
        i_fr, i_ar = cols.index(fr), cols.index(ar)
        cols[i_fr], cols[i_ar] = ar, fr
        df = df[cols]
    # A year without a target shows an empty cell, not an English « None ».
    st.dataframe(df, hide_index=True, width="stretch", height=min(38 + 35 * len(rows), 560), placeholder="")


def _anchor_options(board: IndicatorBoard, lang: str) -> dict[tuple[str, int], str]:
    retained = {p.project_id for p in board.coverage}
    out: dict[tuple[str, int], str] = {}
    for p in board.projects:
        if p.id in retained:
            out[("project", p.id)] = p.label_in(lang)
    for o in board.objectives:
        out[("objective", o.id)] = o.label_in(lang)
    for p in board.projects:
        if p.id not in retained:
            out[("project", p.id)] = p.label_in(lang)
    return out


def _editor(ctx: PageContext, board: IndicatorBoard) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('monitoring.ind.edit_title', lang)}")
    ids = [NEW] + [i.id for i in board.indicators]
    names = {i.id: f"{i.code} — {bi_raw(i, 'name', lang)}" for i in board.indicators}
    kept = state.keep(f"me_ind_{board.plan.id}", NEW)
    picked = st.selectbox(
        t("monitoring.ind.pick", lang),
        ids,
        index=ids.index(kept) if kept in ids else 0,
        format_func=lambda i: t("monitoring.ind.new", lang) if i == NEW else names[i],
        key=f"me_ind_pick_{board.plan.id}",
    )
    state.remember(f"me_ind_{board.plan.id}", picked)
    current = board.get(picked, lang) if picked != NEW else None
    base = None
    if current is not None:  # what the form was first drawn with, until the next save or reset
        base = st.session_state.setdefault(_base_key(current.id), current.values())
        _conflict(ctx, board, current)
    values = _form(ctx, board, current)
    if values is not None:
        done = _save(ctx, board, current, values, base)
        if done is not None:
            if current is None:
                state.remember(
                    f"me_ind_form_{board.plan.id}", state.keep(f"me_ind_form_{board.plan.id}", 0) + 1
                )
            state.remember(f"me_ind_{board.plan.id}", done.id)
            flash(t("monitoring.ind.saved", lang, code=plain(done.code)))
            st.rerun()
    if current is not None:
        if st.button(
            t("monitoring.ind.delete", lang), icon=":material/delete:", key=f"me_ind_del_{current.id}"
        ):
            st.session_state["_me_ind_confirm"] = current.id
        if st.session_state.get("_me_ind_confirm") == current.id:
            st.warning(
                t(
                    "monitoring.ind.delete_confirm",
                    lang,
                    code=plain(current.code),
                    name=bi(current, "name", lang),
                )
            )
            if st.button(t("monitoring.confirm", lang), type="primary", key=f"me_ind_yes_{current.id}"):
                st.session_state.pop("_me_ind_confirm", None)
                if run(monitoring.delete_indicator, ctx.db, current.id) is not None:
                    state.remember(f"me_ind_{board.plan.id}", NEW)
                    flash(t("monitoring.ind.deleted", lang, code=plain(current.code)))
                    st.rerun()


_GEN = "me_ind_gen_{}"


def _base_key(indicator_id: int) -> str:
    return f"me_ind_base_{indicator_id}"


def _reset(indicator_id: int) -> None:
    st.session_state[_GEN.format(indicator_id)] = st.session_state.get(_GEN.format(indicator_id), 0) + 1
    st.session_state.pop(_base_key(indicator_id), None)


def _save(
    ctx: PageContext,
    board: IndicatorBoard,
    current: IndicatorView | None,
    values: dict[str, Any],
    base: dict[str, Any] | None,
) -> IndicatorView | None:
    lang = ctx.lang
    try:
        done = monitoring.save_indicator(
            ctx.db, board.plan.id, values, current.id if current else None, lang, base=base
        )
    except ConflictError as err:  # a colleague saved this indicator meanwhile: the user chooses
        assert current is not None
        conflict.remember(_base_key(current.id), err, values=values, base=base or {})
        st.rerun()
    except DomainError as err:
        show_error(err)
        return None
    if current is not None:
        _reset(current.id)
    return done


def _conflict(ctx: PageContext, board: IndicatorBoard, current: IndicatorView) -> None:
    lang = ctx.lang

    def keep_mine(pending: conflict.Pending) -> None:
        base = pending.base_over_theirs
        done = _save(ctx, board, current, pending.values, base)
        if done is not None:
            flash(t("monitoring.ind.saved", lang, code=plain(done.code)))
            st.rerun()

    def take_theirs(pending: conflict.Pending) -> None:
        _reset(current.id)
        flash(t("conflict.taken", lang))
        st.rerun()

    keys = {"baseline_value": "baseline", "objective_id": "anchor", "project_id": "anchor"}
    labels = {}
    for field in current.values():
        name = field.removesuffix("_ar")
        text = t(f"monitoring.ind.{keys.get(name, name)}", lang)
        labels[field] = f"{text} ({t('bitext.lang.ar', lang)})" if field.endswith("_ar") else text
    conflict.show(_base_key(current.id), labels, keep_mine=keep_mine, take_theirs=take_theirs)


def _form(ctx: PageContext, board: IndicatorBoard, i: IndicatorView | None) -> dict[str, Any] | None:
    lang = ctx.lang
    years = board.plan.years
    anchors = _anchor_options(board, lang)
    keys = list(anchors)
    if i is not None:
        anchor = ("project", i.project_id) if i.project_id else ("objective", i.objective_id or 0)
    else:  # a new indicator goes first to a retained project that has none
        todo = board.without_indicator
        anchor = ("project", todo[0].project_id) if todo else (keys[0] if keys else ("objective", 0))
    if not keys:
        empty_state(t("monitoring.ind.no_anchor", lang))
        return None
    v: dict[str, Any] = i.values() if i else {}
    # Never cleared on submit: a refused indicator keeps every field as typed.  After a new one is saved, the
    # form gets a new name (_new_form) and comes back empty for the next.
    form_id = i.id if i else f"new{state.keep(f'me_ind_form_{board.plan.id}', 0)}"
    # Keyed widgets keep what was typed even when the stored indicator changes under them (a colleague's
    # save); a new generation (after a save or « take theirs ») draws them again from the stored one.
    wk = f"me_ind_{form_id}_g{st.session_state.get(_GEN.format(form_id), 0)}"
    with st.form(f"me_ind_form_{form_id}"):
        a, b = st.columns([3, 1])
        where = a.selectbox(
            t("monitoring.ind.anchor", lang),
            keys,
            index=keys.index(anchor) if anchor in keys else 0,
            format_func=lambda k: t(f"monitoring.ind.anchor_{k[0]}", lang, label=anchors[k]),
            key=f"{wk}_anchor",
        )
        levels = list(vocab.INDICATOR_LEVELS)
        level = b.selectbox(
            t("monitoring.ind.level", lang),
            levels,
            index=levels.index(v.get("level") or "output"),
            format_func=lambda x: label("indicator_levels", x, lang),
            key=f"{wk}_level",
        )
        a, c = st.columns([1, 2])
        code = a.text_input(
            t("monitoring.ind.code", lang),
            value=v.get("code", ""),
            help=t("monitoring.ind.code_help", lang),
            key=f"{wk}_code",
        )
        with c:
            unit, unit_ar = bitext.inputs(
                t("monitoring.ind.unit", lang), f"{wk}_unit", v.get("unit", ""), v.get("unit_ar", ""), lang
            )
        # French | العربية side by side (the reader's language first); one name is enough.
        name, name_ar = bitext.inputs(
            t("monitoring.ind.name", lang),
            f"{wk}_name",
            v.get("name", ""),
            v.get("name_ar", ""),
            lang,
        )
        definition, definition_ar = bitext.inputs(
            t("monitoring.ind.definition", lang),
            f"{wk}_def",
            v.get("definition", ""),
            v.get("definition_ar", ""),
            lang,
        )
        # Numbers are typed as text: a number box takes no letters and refuses out-of-range values with an
        # English tooltip; here every value reaches the rules, which name the field in French.
        a, b, c = st.columns(3)
        baseline = a.text_input(
            t("monitoring.ind.baseline", lang), value=_num(v.get("baseline_value")), key=f"{wk}_baseline"
        )
        baseline_year = b.text_input(
            t("monitoring.ind.baseline_year", lang), value=_num(v.get("baseline_year")), key=f"{wk}_byear"
        )
        final = c.text_input(
            t("monitoring.ind.target_final", lang), value=_num(v.get("target_final")), key=f"{wk}_final"
        )
        st.markdown(t("monitoring.ind.targets", lang))
        cols = st.columns(len(years))
        targets = {
            y: col.text_input(
                str(y),
                value=_num((v.get("targets") or {}).get(y)),
                key=f"{wk}_target_{y}",
            )
            for col, y in zip(cols, years, strict=True)
        }
        source, source_ar = bitext.inputs(
            t("monitoring.ind.source", lang),
            f"{wk}_source",
            v.get("source", ""),
            v.get("source_ar", ""),
            lang,
        )
        responsible, responsible_ar = bitext.inputs(
            t("monitoring.ind.responsible", lang),
            f"{wk}_responsible",
            v.get("responsible", ""),
            v.get("responsible_ar", ""),
            lang,
        )
        a, c = st.columns(2)
        freqs = list(vocab.FREQUENCIES)
        frequency = a.selectbox(
            t("monitoring.ind.frequency", lang),
            freqs,
            index=freqs.index(v.get("frequency") or "yearly"),
            format_func=lambda x: label("frequencies", x, lang),
            key=f"{wk}_frequency",
        )
        statuses = list(rules.INDICATOR_STATUSES)
        status = c.selectbox(
            t("monitoring.ind.status", lang),
            statuses,
            index=statuses.index(v.get("status") or "proposed")
            if (v.get("status") or "proposed") in statuses
            else 0,
            format_func=lambda x: t(f"monitoring.ind.status.{x}", lang),
            key=f"{wk}_status",
        )
        a, b = st.columns([2, 1])
        with a:
            dis = pick_many(
                t("monitoring.ind.disaggregation", lang),
                list(vocab.DISAGGREGATIONS),
                lang=lang,
                default=v.get("disaggregation") or [],
                format_func=lambda x: label("disaggregations", x, lang),
                placeholder=t("monitoring.ind.disaggregation_none", lang),
                key=f"{wk}_dis",
            )
        is_gender = b.checkbox(
            t("monitoring.ind.is_gender", lang),
            value=bool(v.get("is_gender")),
            help=t("monitoring.ind.is_gender_help", lang),
            key=f"{wk}_gender",
        )
        comment = st.text_input(
            t("monitoring.ind.comment", lang), value=v.get("comment", ""), key=f"{wk}_comment"
        )
        submitted = st.form_submit_button(
            t("monitoring.ind.save" if i else "monitoring.ind.add", lang),
            type="primary",
            icon=":material/save:",
        )
    if not submitted:
        return None
    return {
        "objective_id": where[1] if where[0] == "objective" else None,
        "project_id": where[1] if where[0] == "project" else None,
        "code": code,
        "level": level,
        "name": name,
        "name_ar": name_ar,
        "unit": unit,
        "unit_ar": unit_ar,
        "definition": definition,
        "definition_ar": definition_ar,
        "baseline_value": baseline,
        "baseline_year": baseline_year,
        "target_final": final,
        "targets": {y: x for y, x in targets.items() if x.strip()},
        "source": source,
        "source_ar": source_ar,
        "frequency": frequency,
        "responsible": responsible,
        "responsible_ar": responsible_ar,
        "status": status,
        "disaggregation": dis,
        "is_gender": is_gender,
        "comment": comment,
    }


def _num(x: float | int | None) -> str:
    """A stored number as a French facilitator types it back: « 12 », « 12,5 », empty when unknown."""
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")
