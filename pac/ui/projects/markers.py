"""Tab « Marqueurs »: the seven cross-cutting markers of one project, each 0/1/2 with its definitions shown."""

from __future__ import annotations

import html

import streamlit as st

from pac.domain import markers as mk
from pac.i18n import t
from pac.services import catalogues, projects
from pac.services.catalogues import MarkerInfo
from pac.services.projects import ProjectView
from pac.ui.kit import bitext
from pac.ui.kit.current_project import pick_project
from pac.ui.kit.grid import refresh
from pac.ui.kit.text import bi, plain
from pac.ui.kit.widgets import PageContext, empty_state, flash, run
from pac.ui.projects.common import warning_text
from pac.ui.projects.listing import GRID

# The texts each marker's rule asks for, edited under its scores; and their help keys.
TEXTS = {
    "gender": ("gender_analysis_note", "gender_objective"),
    "climate_adaptation": ("vulnerability_context",),
}
HELP = {
    "gender_analysis_note": "gender_note_help",
    "gender_objective": "gender_objective_help",
    "vulnerability_context": "vulnerability_context_help",
}
NOT_ASSESSED = -1  # the radio's value for « non évalué » (None cannot be told from « nothing chosen »)
CSS = """
<style>
  .pac-levels {margin: 0; padding: 0; list-style: none; font-size: .9rem; color: #444;}
  .pac-levels li {margin: .15rem 0; padding: .15rem .4rem; border-radius: 4px;}
  .pac-levels li.on {background: #e8f5e9; color: #1b3d1f; font-weight: 600;}
  .pac-levels b {display: inline-block; min-width: 1.4rem;}
</style>
"""


def render(ctx: PageContext, items: list[ProjectView], warnings: list[mk.MarkerWarning]) -> None:
    assert ctx.plan is not None
    lang = ctx.lang
    p = pick_project(ctx.plan.id, items, "projects_markers_pick", lang)
    if p is None:
        empty_state(t("projects.empty", lang))
        return
    st.html(CSS)
    for w in (w for w in warnings if w.project_id == p.id):
        (st.warning if w.blocking else st.info)(
            warning_text(w, lang), icon=":material/warning:" if w.blocking else ":material/info:"
        )
    infos = catalogues.markers(ctx.db)
    criteria = catalogues.migration_criteria(ctx.db, lang)
    with st.form(f"projects_markers_{p.id}"):
        chosen: dict[str, int | None] = {}
        texts: dict[str, str] = {}
        ticked: list[str] = list(p.migration_criteria)
        for info in infos:
            with st.container(border=True):
                left, right = st.columns([2, 3])
                value = _marker(left, info, p.markers.get(info.code), lang, p.id)
                chosen[info.code] = None if value == NOT_ASSESSED else value
                _definitions(right, info, p.markers.get(info.code), lang)
                # The texts the marker's rule looks at, under its scores (pac.domain.markers)
                for name in TEXTS.get(info.code, ()):
                    texts[name], texts[f"{name}_ar"] = bitext.inputs(
                        t(f"projects.{name}", lang),
                        f"projects_markers_{p.id}_{name}",
                        getattr(p, name),
                        getattr(p, f"{name}_ar"),
                        lang,
                        area=True,
                        height=80,
                        help=t(f"projects.{HELP[name]}", lang),
                    )
                if info.code == "migration" and criteria:
                    st.markdown(f"**{t('projects.migration_criteria', lang)}**")
                    cols = st.columns(2)
                    ticked = [
                        code
                        for i, (code, label) in enumerate(criteria.items())
                        if cols[i % 2].checkbox(
                            label, value=code in p.migration_criteria, key=f"crit_{p.id}_{code}"
                        )
                    ]
        saved = st.form_submit_button(
            t("projects.save_markers", lang), type="primary", icon=":material/save:"
        )
    if saved:
        done = run(
            projects.save_markers,
            ctx.db,
            p.id,
            chosen,
            ticked,
            texts.pop("gender_analysis_note"),
            texts,
            lang=lang,
        )
        if done is not None:
            refresh(f"{GRID}_{ctx.plan.id}")
            flash(t("projects.markers_saved", lang, label=f"{plain(done.code)} · {bi(done, 'title', lang)}"))
            st.rerun()


def _marker(col, info: MarkerInfo, value: int | None, lang: str, project_id: int) -> int:  # type: ignore[no-untyped-def]
    options = [NOT_ASSESSED, 0, 1, 2]
    current = NOT_ASSESSED if value is None else value
    return col.radio(
        f"**{info.label(lang)}**",
        options,
        index=options.index(current),
        horizontal=True,
        format_func=lambda v: t("projects.value_none", lang) if v == NOT_ASSESSED else str(v),
        key=f"marker_{project_id}_{info.code}",
    )


def _definitions(col, info: MarkerInfo, value: int | None, lang: str) -> None:  # type: ignore[no-untyped-def]
    items = "".join(
        f'<li class="{"on" if lv.value == value else ""}"><b>{lv.value}</b>{html.escape(lv.definition(lang))}</li>'
        for lv in info.levels
    )
    col.html(f'<ul class="pac-levels">{items}</ul>')
