"""Produire — the deliverables: PDF and Word in French and Arabic, the plan in Excel, as one zip."""

from pac.ui.documents import produce
from pac.ui.kit.widgets import page, show_flashes

ctx = page("nav.documents")
show_flashes()
asked = produce.chooser(ctx)
if asked is not None:
    produce.make(ctx, *asked)
produce.downloads(ctx)
produce.produced_before(ctx)
