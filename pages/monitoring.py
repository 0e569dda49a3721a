"""Atelier — the monitoring and evaluation system: indicators, M&E bodies and calendar, tracking, compliance."""

from pac.ui.kit import state
from pac.ui.kit.tabs import view_selector
from pac.ui.kit.widgets import page, show_flashes
from pac.ui.monitoring import compliance, indicators, system, tracking

# On the wall the caption gives way to the content.
ctx = page("nav.monitoring", need_plan=True, caption_key=None if state.projection() else "monitoring.caption")
show_flashes()
assert ctx.plan is not None

VIEWS = ("indicators", "system", "tracking", "compliance")
view = view_selector(ctx, f"me_view_{ctx.plan.id}", VIEWS, "monitoring")
{
    "indicators": indicators.indicators_view,
    "system": system.system_view,
    "tracking": tracking.tracking_view,
    "compliance": compliance.compliance_view,
}[view](ctx)
