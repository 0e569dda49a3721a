"""Atelier — the monitoring and evaluation system: indicators, M&E bodies and calendar, tracking, compliance."""

from pac.ui import monitoring_compliance, monitoring_indicators, monitoring_system, monitoring_tracking, state
from pac.ui.plan_sections import view_selector
from pac.ui.widgets import page, show_flashes

# On the wall the caption gives way to the content.
ctx = page("nav.monitoring", need_plan=True, caption_key=None if state.projection() else "monitoring.caption")
show_flashes()
assert ctx.plan is not None

VIEWS = ("indicators", "system", "tracking", "compliance")
view = view_selector(ctx, f"me_view_{ctx.plan.id}", VIEWS, "monitoring")
{
    "indicators": monitoring_indicators.indicators_view,
    "system": monitoring_system.system_view,
    "tracking": monitoring_tracking.tracking_view,
    "compliance": monitoring_compliance.compliance_view,
}[view](ctx)
