"""Forms of the page « Communes & ateliers » (commune, plan period, workshop)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import vocab
from pac.i18n import t
from pac.i18n import vocab as label
from pac.services import communes
from pac.services.communes import CommuneView, PlanView, WorkshopView
from pac.ui.kit import bitext, state
from pac.ui.kit.text import bi, bi_raw, plain
from pac.ui.kit.widgets import flash, run


def fresh_key(key: str) -> str:
    """The current widget key of a creation form; `renew` changes it so the form comes back empty."""
    return f"{key}_{st.session_state.get(f'_gen_{key}', 0)}"


def renew(key: str) -> None:
    st.session_state[f"_gen_{key}"] = st.session_state.get(f"_gen_{key}", 0) + 1


def commune_form(key: str, lang: str, current: CommuneView | None = None) -> dict[str, Any] | None:
    """The commune's identity; returns the typed values when submitted."""
    c = current
    # Never cleared on submit: a refused form keeps what was typed; after a successful creation the
    # page bumps the form's key (see `fresh_key`) so the next one starts empty.
    with st.form(fresh_key(key) if current is None else key):
        a, b = st.columns(2)
        values: dict[str, Any] = {
            "name_fr": a.text_input(t("communes.name_fr", lang), value=c.name_fr if c else ""),
            "name_ar": b.text_input(t("communes.name_ar", lang), value=c.name_ar if c else ""),
            "province": a.text_input(t("communes.province", lang), value=c.province if c else ""),
            "region": b.text_input(t("communes.region", lang), value=c.region if c else "Souss-Massa"),
        }
        kinds = list(vocab.COMMUNE_KINDS)
        values["kind"] = a.selectbox(
            t("communes.kind", lang),
            kinds,
            index=kinds.index(c.kind) if c else 0,
            format_func=lambda k: label("commune_kinds", k, lang),
        )
        values["census_year"] = b.number_input(
            t("communes.census_year", lang),
            min_value=1960,
            max_value=2100,
            step=1,
            value=c.census_year if c else None,
        )
        p1, p2, p3, p4 = st.columns(4)
        values["population"] = p1.number_input(
            t("communes.population", lang), min_value=0, step=1, value=c.population if c else None
        )
        values["population_women"] = p2.number_input(
            t("communes.population_women", lang), min_value=0, step=1, value=c.population_women if c else None
        )
        values["population_men"] = p3.number_input(
            t("communes.population_men", lang), min_value=0, step=1, value=c.population_men if c else None
        )
        values["households"] = p4.number_input(
            t("communes.households", lang), min_value=0, step=1, value=c.households if c else None
        )
        values["area_km2"] = p1.number_input(
            t("communes.area", lang), min_value=0.0, step=1.0, value=c.area_km2 if c else None
        )
        values["notes"] = st.text_area(t("communes.notes", lang), value=c.notes if c else "")
        submitted = st.form_submit_button(
            t("communes.save" if c else "communes.create", lang), type="primary", icon=":material/save:"
        )
    return values if submitted else None


def plan_section(lang: str, commune: CommuneView) -> None:
    db = state.get_db()
    plans = communes.list_plans(db, commune.id)
    if plans:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("communes.plan_period", lang): t(
                            "communes.plan_label", lang, start=p.start_year, end=p.end_year
                        ),
                        **{
                            t(f"communes.plan_title_{x}", lang): p.title_ar if x == "ar" else p.title
                            for x in bitext.order(lang)
                        },
                        t("communes.plan_status", lang): t(f"communes.plan_status.{p.status}", lang),
                    }
                    for p in plans
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.info(t("communes.no_plan", lang), icon=":material/lightbulb:")
    current = plans[-1] if plans else None
    with st.form("plan_form"):
        st.markdown(f"**{t('communes.plan_edit' if current else 'communes.plan_new', lang)}**")
        a, c = st.columns([1, 1])
        start = a.number_input(
            t("communes.plan_start", lang),
            min_value=2015,
            max_value=2100,
            step=1,
            value=current.start_year if current else _default_start(),
        )
        statuses = ["draft", "adopted", "archived"]
        status = c.selectbox(
            t("communes.plan_status", lang),
            statuses,
            index=statuses.index(current.status) if current else 0,
            format_func=lambda s: t(f"communes.plan_status.{s}", lang),
        )
        title, title_ar = bitext.of(
            t("communes.plan_title", lang),
            f"plan_form_{current.id if current else 'new'}_title",
            current,
            "title",
            lang,
        )
        st.caption(t("communes.plan_six_years", lang))
        if st.form_submit_button(t("communes.save", lang), type="primary", icon=":material/save:"):
            values = {"start_year": start, "title": title, "title_ar": title_ar, "status": status}
            done = (
                run(communes.update_plan, db, current.id, values)
                if current
                else run(communes.create_plan, db, commune.id, values)
            )
            if done:
                # The title as saved, not only the period: the message read « Plan PAC 2027–2032 » whatever
                # title had been typed, as if another one had been saved.
                period = t("communes.plan_label", lang, start=done.start_year, end=done.end_year)
                flash(
                    t("communes.plan_saved_titled", lang, title=bi(done, "title", lang), period=period)
                    if done.title or done.title_ar
                    else t("communes.plan_saved", lang, period=period)
                )
                st.rerun()
    if current:
        with st.expander(t("communes.plan_another", lang)):
            with st.form("plan_new"):
                start = st.number_input(
                    t("communes.plan_start", lang),
                    min_value=2015,
                    max_value=2100,
                    step=1,
                    value=current.end_year + 1,
                )
                if st.form_submit_button(t("communes.plan_new", lang)):
                    done = run(communes.create_plan, db, commune.id, {"start_year": start})
                    if done:
                        period = t("communes.plan_label", lang, start=done.start_year, end=done.end_year)
                        flash(t("communes.plan_saved", lang, period=period))
                        st.rerun()


def _default_start() -> int:
    # Councils are elected in September; the plan starts the following year (mandates 2021, 2027...).
    return dt.date.today().year + 1


def workshops_section(lang: str, commune: CommuneView, plan: PlanView | None) -> None:
    db = state.get_db()
    items = communes.list_workshops(db, commune.id)
    if items:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("communes.ws_date", lang): w.held_on.strftime("%d/%m/%Y") if w.held_on else "",
                        # both versions, the reader's language first
                        **{
                            t(f"communes.ws_title_{x}", lang): w.title_ar if x == "ar" else w.title
                            for x in bitext.order(lang)
                        },
                        t("communes.ws_kind", lang): label("workshop_kinds", w.kind, lang),
                        # the reader's version, else the other one marked (never blank when one exists)
                        t("communes.ws_place", lang): bi_raw(w, "place", lang),
                        t("communes.ws_women", lang): w.women,
                        t("communes.ws_men", lang): w.men,
                    }
                    for w in items
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.info(t("communes.no_workshop", lang), icon=":material/lightbulb:")
    choices: list[int | None] = [None] + [w.id for w in items]
    names = {
        w.id: f"{w.held_on.strftime('%d/%m/%Y') if w.held_on else '—'} · {bi_raw(w, 'title', lang)}"
        for w in items
    }
    picked = st.selectbox(
        t("communes.ws_pick", lang),
        choices,
        format_func=lambda i: t("communes.ws_new", lang) if i is None else names[i],
    )
    current = next((w for w in items if w.id == picked), None)
    _workshop_form(lang, commune, current)


def _workshop_form(lang: str, commune: CommuneView, w: WorkshopView | None) -> None:
    db = state.get_db()
    key = f"ws_form_{w.id if w else 'new'}"
    with st.form(fresh_key(key) if w is None else key):
        # Bilingual texts: both versions side by side, the reader's language first; one title is enough.
        title, title_ar = bitext.of(t("communes.ws_title", lang), f"{key}_title", w, "title", lang)
        a, b = st.columns([2, 1])
        kinds = list(vocab.WORKSHOP_KINDS)
        kind = b.selectbox(
            t("communes.ws_kind", lang),
            kinds,
            index=kinds.index(w.kind) if w else 2,
            format_func=lambda k: label("workshop_kinds", k, lang),
        )
        held_on = a.date_input(
            t("communes.ws_date", lang), value=w.held_on if w else None, format="DD/MM/YYYY"
        )
        place, place_ar = bitext.of(t("communes.ws_place", lang), f"{key}_place", w, "place", lang)
        facilitators, facilitators_ar = bitext.of(
            t("communes.ws_facilitators", lang), f"{key}_facilitators", w, "facilitators", lang
        )
        st.markdown(f"**{t('communes.ws_attendance', lang)}**")
        rows = [
            {
                "role": r,
                t("communes.ws_role", lang): label("roles", r, lang),
                t("communes.ws_women", lang): str(w.attendance.get(r, (0, 0))[0] if w else 0),
                t("communes.ws_men", lang): str(w.attendance.get(r, (0, 0))[1] if w else 0),
            }
            for r in vocab.ROLES
        ]
        grid = st.data_editor(
            pd.DataFrame(rows),
            hide_index=True,
            width="stretch",
            key=f"{fresh_key(key) if w is None else key}_att",
            # Text cells, not number cells: a number cell drops the « - » typed first, so « -3 » was saved as 3
            # without a word. The service reads the count and refuses « -3 » (or « trois ») naming the cell.
            column_config={
                "role": None,
                t("communes.ws_role", lang): st.column_config.TextColumn(disabled=True),
                t("communes.ws_women", lang): st.column_config.TextColumn(),
                t("communes.ws_men", lang): st.column_config.TextColumn(),
            },
        )
        decisions, decisions_ar = bitext.of(
            t("communes.ws_decisions", lang),
            f"{key}_decisions",
            w,
            "decisions",
            lang,
            area=True,
            help=t("communes.ws_decisions_help", lang),
        )
        notes, notes_ar = bitext.of(t("communes.notes", lang), f"{key}_notes", w, "notes", lang, area=True)
        save = st.form_submit_button(
            t("communes.save" if w else "communes.ws_add", lang), type="primary", icon=":material/save:"
        )
    if save:
        attendance = {
            r["role"]: (r[t("communes.ws_women", lang)], r[t("communes.ws_men", lang)])
            for r in grid.to_dict("records")
        }
        values = {
            "title": title,
            "title_ar": title_ar,
            "decisions": decisions,
            "decisions_ar": decisions_ar,
            "notes_ar": notes_ar,
            "kind": kind,
            "held_on": held_on,
            "place": place,
            "place_ar": place_ar,
            "facilitators": facilitators,
            "facilitators_ar": facilitators_ar,
            "notes": notes,
            "attendance": attendance,
        }
        done = run(communes.save_workshop, db, commune.id, values, w.id if w else None, lang)
        if done:
            if w is None:
                renew(key)
            flash(t("communes.ws_saved", lang, title=bi(done, "title", lang)))
            st.rerun()
    if w is not None and st.button(t("communes.ws_delete", lang), icon=":material/delete:", key=f"{key}_del"):
        st.session_state[f"{key}_confirm"] = True
    if w is not None and st.session_state.get(f"{key}_confirm"):
        st.warning(t("communes.ws_delete_confirm", lang, title=bi(w, "title", lang)))
        if st.button(t("communes.confirm", lang), type="primary", key=f"{key}_yes"):
            communes.delete_workshop(db, w.id)
            st.session_state.pop(f"{key}_confirm", None)
            flash(t("communes.ws_deleted", lang))
            st.rerun()


def archived_section(lang: str) -> None:
    """Bring an archived commune back (archived ones are in no selector)."""
    db = state.get_db()
    archived = [c for c in communes.list_communes(db, include_archived=True) if c.archived]
    if not archived:
        return
    names = {c.id: c.name(lang) for c in archived}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    picked = left.selectbox(t("communes.archived_pick", lang), list(names), format_func=names.get)
    if right.button(t("communes.unarchive_this", lang), icon=":material/unarchive:"):
        communes.set_archived(db, picked, False)
        state.select_commune(picked)
        flash(t("communes.unarchive_done", lang, name=plain(names[picked])))
        st.rerun()


def backup_section(lang: str, commune: CommuneView) -> None:
    """The commune workbook: download it (backup, exchange with the NGO), or import one."""
    from pac.services import workbook

    db = state.get_db()
    st.write(t("communes.backup_intro", lang))
    a, b = st.columns(2)
    a.download_button(
        t("communes.backup_xlsx", lang),
        data=lambda: workbook.export_workbook(db, commune.id, "xlsx"),
        file_name=f"{commune.slug}.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    b.download_button(
        t("communes.backup_json", lang),
        data=lambda: workbook.export_workbook(db, commune.id, "json"),
        file_name=f"{commune.slug}.json",
        mime="application/json",
        icon=":material/download:",
    )
    st.markdown(f"**{t('communes.import_title', lang)}**")
    with st.form("workbook_import"):
        upload = st.file_uploader(t("communes.import_file", lang), type=["xlsx", "json"])
        replace = st.checkbox(t("communes.import_replace", lang))
        go = st.form_submit_button(t("communes.import_go", lang), icon=":material/upload:")
    if go and upload is not None:
        fmt = upload.name.rsplit(".", 1)[-1].lower()
        if fmt not in ("xlsx", "json"):
            st.error(t("communes.import_bad_ext", lang))
            return
        done = run(workbook.import_workbook, db, upload.getvalue(), fmt, replace=replace)
        if done:
            state.select_commune(done.commune_id)
            flash(t("communes.import_done", lang, name=plain(done.name), rows=done.total))
            st.rerun()
