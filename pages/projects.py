"""Atelier — the projects of each objective: grid, detail, cross-cutting markers and their coverage."""

from collections import Counter

from pac.i18n import t
from pac.services import projects
from pac.ui.kit.tabs import lazy_tabs
from pac.ui.kit.widgets import page, show_flashes
from pac.ui.projects import coverage, detail, listing, markers

ctx = page("nav.projects", need_plan=True, caption_key="projects.caption")
show_flashes()
assert ctx.plan is not None
items = projects.list_projects(ctx.db, ctx.plan.id)
choices = projects.choices(ctx.db, ctx.plan.id, ctx.lang)
warnings = projects.marker_warnings(ctx.db, ctx.plan.id)
flagged = Counter(w.project_id for w in warnings if w.blocking)

tabs = lazy_tabs(
    "projects",
    [
        t(k, ctx.lang)
        for k in ("projects.tab_list", "projects.tab_detail", "projects.tab_markers", "projects.tab_coverage")
    ],
)
draw = [
    lambda: listing.render(ctx, items, choices, flagged),
    lambda: detail.render(ctx, items, choices),
    lambda: markers.render(ctx, items, warnings),
    lambda: coverage.render(ctx, items, choices, warnings),
]
for tab, fn in zip(tabs, draw, strict=True):
    if tab.open:  # only the open tab runs
        with tab:
            fn()
