"""Tab « Projets » of the subsidiarity page: the table of every project, then the editor of one project.

The catalogue's suggestion is shown beside the editor; « Reprendre la suggestion » only fills the
fields, and nothing is saved until the facilitator presses « Confirmer ».
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import subsidiarity as rules
from pac.domain.bilingual import isolate
from pac.i18n import t, vocab
from pac.services import subsidiarity
from pac.services.catalogues import CompetenceInfo, PartnerInfo
from pac.services.subsidiarity import SubsidiarityRow
from pac.ui.kit.current_project import current_id, set_current
from pac.ui.kit.editors import kept_widget
from pac.ui.kit.pickers import pick_many
from pac.ui.kit.text import bi, bi_raw, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run

ROLES = ("agreement", "funder", "partner")
FILTERS = ("all", "serious", "unconfirmed")


def render(
    ctx: PageContext, rows: list[SubsidiarityRow], comps: list[CompetenceInfo], partners: list[PartnerInfo]
) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    if not rows:
        empty_state(t("subsidiarity.no_projects", lang))
        return
    names = {p.code: p.name(lang) for p in partners}
    by_code = {c.code: c for c in comps}
    which = (
        st.segmented_control(
            t("subsidiarity.filter", lang),
            FILTERS,
            format_func=lambda f: t(f"subsidiarity.filter_{f}", lang, n=_count(rows, f)),
            **kept_widget(f"subs_filter_{ctx.plan.id}", "all", FILTERS),
        )
        or "all"
    )
    shown = [r for r in rows if _keep(r, which)]
    if shown:
        _table(ctx, shown, rows, by_code, names)
    else:
        st.success(t("subsidiarity.filter_empty", lang), icon=":material/check_circle:")
    current = current_id(ctx.plan.id, [r.project_id for r in rows])
    row = subsidiarity.with_suggestion(ctx.db, next((r for r in rows if r.project_id == current), rows[0]))
    st.divider()
    _editor(ctx, row, rows, comps, by_code, partners, names)


def _count(rows: list[SubsidiarityRow], which: str) -> int:
    return sum(1 for r in rows if _keep(r, which))


def _keep(r: SubsidiarityRow, which: str) -> bool:
    if which == "serious":
        # Every alert the table shows (a missing competence too), « à confirmer » having its own filter.
        alerts = [w for w in r.warnings if w != rules.NOT_CONFIRMED]
        return bool(alerts) and r.status != rules.REJECTED
    if which == "unconfirmed":
        return not r.confirmed
    return True


def _short_warnings(r: SubsidiarityRow, lang: str) -> str:
    return " · ".join(t(f"subsidiarity.short.{w}", lang) for w in r.warnings)


def _table(
    ctx: PageContext,
    shown: list[SubsidiarityRow],
    rows: list[SubsidiarityRow],
    by_code: dict[str, CompetenceInfo],
    names: dict[str, str],
) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    frame = pd.DataFrame(
        [
            {
                t("subsidiarity.col.code", lang): r.code,
                t("subsidiarity.col.title", lang): bi_raw(r, "title", lang),
                t("subsidiarity.col.alerts", lang): ("⚠ " if r.serious else "") + _short_warnings(r, lang),
                t("subsidiarity.col.lead", lang): names.get(r.lead_code or "", r.lead_code or "—"),
                t("subsidiarity.col.level", lang): t(f"subsidiarity.level.{r.level}", lang)
                if r.level
                else "—",
                t("subsidiarity.col.competence", lang): by_code[r.competence_code].domain(lang)
                if r.competence_code in by_code
                else "—",
                t("subsidiarity.col.partners", lang): ", ".join(names.get(c, c) for c, _ in r.partners),
            }
            for r in shown
        ]
    )
    # The alerts are what the room reads first: their column is as wide as its longest text (about 6.8 px a
    # character at the table's font, measured in chromium), within bounds, so « commune seule hors
    # compétence · à confirmer » is never cut at 1366 px; the title is held to 330 px so that the lead
    # still shows on a laptop (longer titles are read in full in the editor below).
    alerts = frame[t("subsidiarity.col.alerts", lang)]
    longest = int(alerts.str.len().max() or 0) if len(alerts) else 0
    widths: dict[str, Any] = {
        "code": 70,
        "title": 330,
        "alerts": max(110, min(400, 24 + int(6.8 * longest))),
        "lead": 150,
        "level": 150,
        "competence": 200,
        "partners": 170,
    }
    config = {
        t(f"subsidiarity.col.{k}", lang): st.column_config.TextColumn(width=w) for k, w in widths.items()
    }
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        column_config=config,
        selection_mode="single-row",
        key=f"subs_table_{ctx.plan.id}_{len(shown)}",
        height=min(420, 38 + 35 * len(shown)),
    )
    picked = event.selection.rows if event is not None and hasattr(event, "selection") else []
    if picked:
        chosen = shown[picked[0]].project_id
        if chosen != current_id(ctx.plan.id, [r.project_id for r in rows]):
            set_current(ctx.plan.id, chosen)
            st.rerun()
    st.caption(t("subsidiarity.table_help", lang))


def _competence_options(row: SubsidiarityRow, comps: list[CompetenceInfo]) -> list[str]:
    """The project's sector first (own competences first within it), then every other competence."""
    first = [c.code for c in comps if row.sector_code and c.sector_code == row.sector_code]
    return ["", *first, *(c.code for c in comps if c.code not in first)]


def _editor(
    ctx: PageContext,
    row: SubsidiarityRow,
    rows: list[SubsidiarityRow],
    comps: list[CompetenceInfo],
    by_code: dict[str, CompetenceInfo],
    partners: list[PartnerInfo],
    names: dict[str, str],
) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    ids = [r.project_id for r in rows]
    labels = {r.project_id: f"{r.code} · {bi_raw(r, 'title', lang)}" for r in rows}
    pick = f"subs_pick_{ctx.plan.id}"
    st.session_state[pick] = row.project_id  # always sent again (see pac.ui.kit.current_project.pick_project)
    st.selectbox(
        t("subsidiarity.project", lang),
        ids,
        key=pick,
        format_func=labels.get,
        on_change=lambda: set_current(ctx.plan.id, st.session_state[pick]),
    )
    st.caption(
        t(
            "subsidiarity.project_facts",
            lang,
            # each value isolated: a French run in an Arabic line (or the reverse) keeps its order
            cost=isolate(_money(row.total_cost, lang)),
            status=isolate(vocab("project_statuses", row.status, lang)),
            confirmed=t("subsidiarity.confirmed" if row.confirmed else "subsidiarity.not_confirmed", lang),
        )
    )
    keys = {k: f"subs_{k}_{row.project_id}" for k in ("competence", "lead", *ROLES)}
    _init(keys, row)
    left, right = st.columns([3, 2])
    with right:
        _suggestion(row, by_code, names, keys, lang)
    with left:
        options = _competence_options(row, comps)
        st.selectbox(
            t("subsidiarity.competence", lang),
            options,
            key=keys["competence"],
            format_func=lambda c: _competence_label(by_code.get(c), lang),
        )
        partner_codes = [p.code for p in partners]
        st.selectbox(
            t("subsidiarity.lead", lang),
            ["", *partner_codes],
            key=keys["lead"],
            format_func=lambda c: names.get(c, t("subsidiarity.nobody", lang)),
        )
        for role in ROLES:
            pick_many(
                t(f"subsidiarity.role.{role}", lang),
                partner_codes,
                lang=lang,
                key=keys[role],
                format_func=names.get,
                placeholder=t("subsidiarity.none_chosen", lang),
                help=t(f"subsidiarity.role_help.{role}", lang),
            )
    chosen = _chosen(keys)
    comp = by_code.get(chosen["competence"] or "")
    preview = rules.warnings(
        rules.SubsidiarityState(
            row.project_id,
            row.total_cost,
            row.status,
            chosen["competence"] or None,
            comp.level if comp else None,
            chosen["lead"] or None,
            tuple(chosen["partners"]),
            True,
        )
    )
    for w in preview:
        st.warning(t(f"subsidiarity.warn.{w}", lang), icon=":material/warning:")
    a, b = st.columns(2)
    if a.button(
        t("subsidiarity.confirm", lang),
        type="primary",
        icon=":material/task_alt:",
        key=f"subs_save_{row.project_id}",
    ):
        missing = [k for k in ("competence", "lead") if not chosen[k]]
        if missing:  # said in the reader's language; the service refuses it too
            st.error("\n\n".join(t(f"subsidiarity.need_{k}", lang) for k in missing), icon=":material/error:")
            return
        done = run(
            subsidiarity.save_subsidiarity,
            ctx.db,
            ctx.plan.id,
            row.project_id,
            chosen["competence"] or None,
            chosen["lead"] or None,
            chosen["partners"],
            lang=lang,
        )
        if done is not None:
            flash(t("subsidiarity.saved", lang, label=f"{plain(done.code)} · {bi(done, 'title', lang)}"))
            st.rerun()
    if row.confirmed and b.button(
        t("subsidiarity.reopen", lang), icon=":material/undo:", key=f"subs_reopen_{row.project_id}"
    ):
        subsidiarity.unconfirm(ctx.db, ctx.plan.id, row.project_id)
        st.rerun()


def _init(keys: dict[str, str], row: SubsidiarityRow) -> None:
    """The fields start from what is saved (never from the suggestion), then keep what is being chosen.

    Each value is set again on every run: after a page switch the browser shows a widget's value only
    when the server sends it, and the choice not yet confirmed must look exactly as it will be saved.
    """
    saved: dict[str, Any] = {"competence": row.competence_code or "", "lead": row.lead_code or ""}
    for role in ROLES:
        saved[role] = [code for code, r in row.partners if r == role]
    for k, key in keys.items():
        st.session_state[key] = st.session_state.get(key, saved[k])


def _chosen(keys: dict[str, str]) -> dict[str, Any]:
    partners: list[tuple[str, str]] = []
    for role in ROLES:
        partners += [(code, role) for code in st.session_state.get(keys[role]) or []]
    return {
        "competence": st.session_state.get(keys["competence"]) or "",
        "lead": st.session_state.get(keys["lead"]) or "",
        "partners": partners,
    }


def _fill(keys: dict[str, str], s: rules.Suggestion) -> None:
    """on_click of « Reprendre la suggestion »: fill the fields; saving still needs « Confirmer »."""
    st.session_state[keys["competence"]] = s.competence_code
    st.session_state[keys["lead"]] = s.lead_code or ""
    for role in ROLES:
        st.session_state[keys[role]] = [code for code, r in s.partners if r == role]


def _suggestion(
    row: SubsidiarityRow,
    by_code: dict[str, CompetenceInfo],
    names: dict[str, str],
    keys: dict[str, str],
    lang: str,
) -> None:
    s = row.suggestion
    with st.container(border=True):
        st.markdown(f"**{t('subsidiarity.suggestion', lang)}**")
        if s is None:
            st.caption(t("subsidiarity.no_suggestion", lang))
            return
        comp = by_code.get(s.competence_code)
        st.markdown(plain(_competence_label(comp, lang)))
        st.caption(
            t(
                f"subsidiarity.confidence.{s.confidence}",
                lang,
                words=", ".join(f"« {plain(k)} »" for k in _in_reader_script(s.matched, lang)),
            )
        )
        if s.lead_code:
            st.markdown(
                t("subsidiarity.suggested_lead", lang, lead=plain(names.get(s.lead_code, s.lead_code)))
            )
        for code, role in s.partners:
            st.markdown(
                t(
                    "subsidiarity.suggested_partner",
                    lang,
                    partner=plain(names.get(code, code)),
                    role=t(f"subsidiarity.role.{role}", lang).lower(),
                )
            )
        if s.alternatives:
            alts = ", ".join(plain(_competence_label(by_code.get(c), lang)) for c in s.alternatives)
            st.caption(t("subsidiarity.alternatives", lang, alts=alts))
        same = (
            st.session_state.get(keys["competence"]) == s.competence_code
            and (st.session_state.get(keys["lead"]) or None) == s.lead_code
        )
        st.button(
            t("subsidiarity.use_suggestion", lang),
            icon=":material/content_paste:",
            disabled=same,
            on_click=_fill,
            args=(keys, s),
            key=f"subs_fill_{row.project_id}",
        )


def _in_reader_script(words: tuple[str, ...], lang: str) -> list[str]:
    """The keywords found in the reader's script when there are any (a bilingual title matches in both)."""
    from pac.domain.bilingual import is_arabic

    mine = [w for w in words if is_arabic(w) == (lang == "ar")]
    return mine or list(words)


def _competence_label(c: CompetenceInfo | None, lang: str) -> str:
    if c is None:
        return t("subsidiarity.no_competence", lang)
    where = f", {c.article}" if c.article else ""
    return f"{c.domain(lang)} — {t(f'subsidiarity.level.{c.level}', lang)}{where}"


def _money(x: float, lang: str) -> str:
    from pac.domain.fmt import money

    return money(x, lang=lang)
