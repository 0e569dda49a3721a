"""Atelier — subsidiarity: for each project, the competence, the lead actor and the partners; the summary."""

from pac.i18n import t
from pac.services import catalogues, subsidiarity
from pac.ui.kit.tabs import lazy_tabs
from pac.ui.kit.widgets import page, show_flashes
from pac.ui.subsidiarity import project, summary

ctx = page("nav.subsidiarity", need_plan=True, caption_key="subsidiarity.caption")
show_flashes()
assert ctx.plan is not None
rows = subsidiarity.list_rows(ctx.db, ctx.plan.id, suggestions=False)  # one suggestion, for the open project
partners = catalogues.partners(ctx.db)

project_tab, summary_tab = lazy_tabs(
    "subsidiarity", [t("subsidiarity.tab_projects", ctx.lang), t("subsidiarity.tab_summary", ctx.lang)]
)
if project_tab.open:  # only the open tab runs
    with project_tab:
        project.render(ctx, rows, catalogues.competences(ctx.db), partners)
if summary_tab.open:
    with summary_tab:
        summary.render(ctx, rows, partners)
