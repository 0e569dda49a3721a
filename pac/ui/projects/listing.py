"""Tab « Liste » of the projects: the editable grid (AgGrid), a filter by axis, and the add form.

A cell edited in the grid is saved at once (one service call); a refused value is put back and
the French reason shown.  Ticking one row makes it the current project of the other tabs.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pac.domain import vocab
from pac.domain.errors import DomainError
from pac.i18n import t, tn, vocab_labels
from pac.services import catalogues, projects
from pac.services.projects import Choices, ProjectView
from pac.ui.kit import bitext, state
from pac.ui.kit.current_project import current_id, set_current
from pac.ui.kit.editors import kept_widget
from pac.ui.kit.grid import data_grid, refresh
from pac.ui.kit.text import bi, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run, show_error
from pac.ui.projects.common import marker_summary

GRID = "projects_grid"
REFUSED = "projects_grid_refused"  # the French reasons of the last refused grid edit, shown after the redraw
ALL = 0  # the axis filter's « all axes » (axis ids start at 1)
EDITABLE = [
    "objective",
    "code",
    "title",
    "title_ar",
    "sector",
    "total_cost",
    "women",
    "men",
    "youth",
    "owner",
    "owner_ar",
    "status",
]
COLUMNS = ["id", *EDITABLE, "markers", "alerts"]
OPTIONAL = [
    "women",
    "men",
    "youth",
    "owner",
    "owner_ar",
]  # shown on demand: the title needs the room on a laptop


def render(ctx: PageContext, items: list[ProjectView], choices: Choices, flagged: dict[int, int]) -> None:
    assert ctx.plan is not None
    lang, db = ctx.lang, ctx.db
    sectors = catalogues.sector_names(db, lang)
    with st.expander(t("projects.add_title", lang), expanded=not items, icon=":material/add_circle:"):
        _add_form(ctx, choices, sectors)
    if not choices.objectives:
        empty_state(t("projects.no_objectives", lang))
        return
    if not items:
        empty_state(t("projects.empty", lang))
        return
    axes = {
        ALL: t("projects.all_axes", lang),
        **{a: label.split(" · ")[0] for a, label in choices.axes.items()},
    }
    axis = st.segmented_control(
        t("projects.filter_axis", lang),
        list(axes),
        format_func=axes.get,
        **kept_widget(f"projects_axis_{ctx.plan.id}", ALL, list(axes)),
    )
    axis = ALL if axis is None else axis
    shown = [p for p in items if axis == ALL or p.axis_id == axis]
    more = st.toggle(
        t("projects.more_columns", lang), **kept_widget(f"projects_more_cols_{ctx.plan.id}", False)
    )
    st.caption(tn("projects.grid_help", len(shown), lang))
    if REFUSED in st.session_state:
        show_error(DomainError(st.session_state.pop(REFUSED)))
    frame, maps = _frame(shown, choices, sectors, flagged, lang)
    result = data_grid(
        frame,
        f"{GRID}_{ctx.plan.id}",
        id_column="id",
        editable=EDITABLE,
        choices={
            "objective": list(maps["objective"].values()),
            "sector": ["", *maps["sector"].values()],
            "status": list(maps["status"].values()),
        },
        labels={
            **{c: t(f"projects.col.{c}", lang) for c in COLUMNS},
            "title": t("projects.col.title_fr", lang),
            "owner": t("projects.col.owner_fr", lang),
        },
        hidden=["id"] if more else ["id", *OPTIONAL],
        wrap=["title", "title_ar"],
        widths={
            "objective": 100,
            "code": 80,
            "sector": 150,
            "total_cost": 130,
            "women": 90,
            "men": 90,
            "youth": 90,
            "owner": 140,
            "owner_ar": 140,
            "status": 100,
            "markers": 120,
            "alerts": 80,
        },
        height=560 if state.projection() else 480,
        font_size=18 if state.projection() else None,
    )
    if not result.changed.empty:
        rows = [_codes(r, maps) for r in result.changed.to_dict("records")]
        try:
            done = projects.update_from_grid(db, ctx.plan.id, rows, lang=lang)
        except DomainError as e:
            # Redraw the grid from the database at once (the refused value goes) and say why above it.
            st.session_state[REFUSED] = e.messages
            refresh(f"{GRID}_{ctx.plan.id}")
            st.rerun()
        st.toast(tn("projects.grid_saved", done, lang), icon=":material/check_circle:")
    picked = result.selected_ids
    if len(picked) == 1 and picked[0] != current_id(ctx.plan.id, [p.id for p in items]):
        set_current(ctx.plan.id, int(picked[0]))
        st.toast(
            t(
                "projects.now_current",
                lang,
                label=next(
                    f"{plain(p.code)} · {bi(p, 'title', lang)}" for p in items if p.id == int(picked[0])
                ),
            )
        )
    _totals(shown, lang)


def _frame(
    items: list[ProjectView], choices: Choices, sectors: dict[str, str], flagged: dict[int, int], lang: str
) -> tuple[pd.DataFrame, dict[str, dict[Any, str]]]:
    maps: dict[str, dict[Any, str]] = {
        "objective": dict(choices.objective_codes),
        "sector": sectors,
        "status": vocab_labels("project_statuses", vocab.PROJECT_STATUSES, lang),
    }
    rows = [
        {
            "id": p.id,
            "objective": maps["objective"].get(p.objective_id, ""),
            "code": p.code,
            "title": p.title,
            "title_ar": p.title_ar,
            "sector": sectors.get(p.sector_code or "", p.sector_code or ""),
            "total_cost": p.total_cost,
            "women": p.beneficiaries_women,
            "men": p.beneficiaries_men,
            "youth": p.beneficiaries_youth,
            "owner": p.owner,
            "owner_ar": p.owner_ar,
            "status": maps["status"].get(p.status, p.status),
            "markers": marker_summary(p),
            "alerts": f"⚠ {flagged[p.id]}" if flagged.get(p.id) else "",
        }
        for p in items
    ]
    columns = list(COLUMNS)
    if lang == "ar":  # the reader's language first: the Arabic title and owner before the French ones
        for name in ("title", "owner"):
            i = columns.index(name)
            columns[i : i + 2] = [f"{name}_ar", name]
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("women", "men", "youth"):
        frame[col] = frame[col].astype("Int64")
    return frame, maps


def _codes(row: dict[str, Any], maps: dict[str, dict[Any, str]]) -> dict[str, Any]:
    """A grid row back in codes; a label not in the list goes to the service as typed (it is refused there)."""
    back = {col: {label: code for code, label in m.items()} for col, m in maps.items()}
    objective = back["objective"].get(row["objective"])
    return {
        "id": int(row["id"]),
        "objective_id": objective if objective is not None else -1,
        "code": row["code"],
        "title": row["title"] or "",
        "title_ar": row["title_ar"] or "",
        "sector_code": back["sector"].get(row["sector"], row["sector"]) or None,
        "total_cost": row["total_cost"],
        "beneficiaries_women": row["women"],
        "beneficiaries_men": row["men"],
        "beneficiaries_youth": row["youth"],
        "owner": row["owner"] or "",
        "owner_ar": row["owner_ar"] or "",
        "status": back["status"].get(row["status"], row["status"]),
    }


def _totals(items: list[ProjectView], lang: str) -> None:
    from pac.domain.fmt import mdh

    retained = [p for p in items if p.status == "retained"]
    a, b, c = st.columns(3)
    a.metric(t("projects.count", lang), len(items))
    b.metric(
        t("projects.cost_all", lang),
        mdh(sum(p.total_cost for p in items if p.status != "rejected"), lang=lang),
    )
    c.metric(t("projects.cost_retained", lang), mdh(sum(p.total_cost for p in retained), lang=lang))


def _add_form(ctx: PageContext, choices: Choices, sectors: dict[str, str]) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    if not choices.objectives:
        st.info(t("projects.no_objectives", lang))
        return
    objectives = list(choices.objectives)
    # Never cleared on submit: a refused project keeps what was typed.  Once one is created, the form takes
    # a new name and comes back empty for the next.
    version = state.keep(f"projects_new_v_{ctx.plan.id}", 0)
    with st.form(f"projects_new_{ctx.plan.id}_{version}"):
        a, b = st.columns([2, 1])
        objective = a.selectbox(
            t("projects.col.objective", lang), objectives, format_func=choices.objectives.get
        )
        code = b.text_input(t("projects.col.code", lang), placeholder=t("projects.code_auto", lang))
        title, title_ar = bitext.inputs(
            t("projects.col.title", lang), f"projects_new_{version}_title", "", "", lang
        )
        c, d, e = st.columns(3)
        sector_codes = ["", *sectors]
        sector = c.selectbox(
            t("projects.col.sector", lang),
            sector_codes,
            format_func=lambda s: sectors.get(s, t("projects.none", lang)),
        )
        cost = d.number_input(t("projects.col.total_cost", lang), step=10_000.0, value=None)
        statuses = list(vocab.PROJECT_STATUSES)
        status = e.selectbox(
            t("projects.col.status", lang),
            statuses,
            format_func=lambda s: vocab_labels("project_statuses", statuses, lang)[s],
        )
        if st.form_submit_button(t("projects.add", lang), type="primary", icon=":material/add:"):
            values = {
                "objective_id": objective,
                "code": code,
                "title": title,
                "title_ar": title_ar,
                "sector_code": sector or None,
                "total_cost": cost,
                "status": status,
            }
            created = run(projects.create_project, ctx.db, ctx.plan.id, values, lang=lang)
            if created is not None:
                state.remember(f"projects_new_v_{ctx.plan.id}", version + 1)
                set_current(ctx.plan.id, created.id)
                refresh(f"{GRID}_{ctx.plan.id}")
                flash(
                    t("projects.created", lang, label=f"{plain(created.code)} · {bi(created, 'title', lang)}")
                )
                st.rerun()
