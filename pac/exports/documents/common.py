"""What every content builder shares: the views it reads, labels, numbers, bilingual texts, charts.

Builders (synthese, diagnostic, pac_document, suivi, atelier) take a `Views` bundle gathered by
pac.services.documents from the services' own view functions — plain data, no database — and write a
`Document` in one language.  Exports may not import services (tests/test_architecture.py), so the
bundle's fields are typed loosely; their shapes are the services' views (CommuneView, PlanView,
StrategyView, TriennialBoard, IndicatorBoard, SystemView, RoundResults…).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pac.domain import bilingual, fmt, places
from pac.exports.documents.model import Document, Figure, Heading, Paragraph, Table
from pac.i18n import t
from pac.i18n import vocab as vocab_label

KINDS = ("synthese", "diagnostic", "pac", "suivi", "atelier")
# Renders a batch of plotly figures (key -> figure) to PNG bytes (key -> png); see pac.exports.figures_batch.
Renderer = Callable[[Mapping[str, Any]], dict[str, bytes]]


@dataclass
class Views:
    """Everything a document may read, as the pages read it (None / empty when the service has nothing)."""

    commune: Any  # CommuneView
    plan: Any = None  # PlanView | None
    key_figures: Any = None  # DataFrame of diagnostic.key_figures_frame
    douars: Any = None  # DataFrame of diagnostic.douars_frame
    findings: Sequence[Any] = ()  # FindingView
    douar_labels: dict[int, str] = field(
        default_factory=dict
    )  # douar id -> its name in the document's language
    summary: Any = None  # diagnostic.Summary
    finance: Sequence[Any] = ()  # YearFigures
    finance_table: Any = None  # DataFrame of domain.finance.finance_table
    sectors: Mapping[str, str] = field(default_factory=dict)  # code -> label in the document's language
    swot: Sequence[Any] = ()  # swot.SwotItemView
    swot_history: Sequence[Any] = ()  # audit.AuditView, newest first
    strategy: Any = None  # vision.StrategyView
    projects: Sequence[Any] = ()  # projects.ProjectView
    board: Any = None  # plan.TriennialBoard
    plan_table: Any = None  # DataFrame of plan.plan_table
    subsidiarity: Sequence[Any] = ()  # subsidiarity.SubsidiarityRow
    subsidiarity_summary: Any = None  # subsidiarity.Summary
    coverage: Any = None  # projects.CoverageView
    indicators: Any = None  # monitoring.IndicatorBoard
    system: Any = None  # monitoring.SystemView
    workshops: Sequence[Any] = ()  # communes.WorkshopView
    rounds: Sequence[Any] = ()  # vote RoundResults
    paper: Mapping[int, Sequence[Any]] = field(default_factory=dict)  # round id -> PaperGroup
    partner_names: Mapping[str, str] = field(default_factory=dict)
    competence_names: Mapping[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- words and numbers


@lru_cache(maxsize=16384)
def _number(x: float | int | None, decimals: int, lang: str) -> str:
    return fmt.number(x, decimals, lang=lang)


def num(x: float | int | None, lang: str, decimals: int = 0) -> str:
    """A number as `lang` writes it.  Cached: a plan's tables repeat the same amounts (zeros, yearly
    shares, totals) thousands of times and each Babel formatting costs a tenth of a millisecond."""
    return _number(x, decimals, lang)


@lru_cache(maxsize=4096)
def money(x: float | int | None, lang: str) -> str:
    """An amount and its currency, held together (a no-break space): « DH » never starts a line alone."""
    s = fmt.money(x, lang=lang)
    i = s.rfind(" ")
    return f"{s[:i]}\u00a0{s[i + 1 :]}" if i > 0 else s


def mdh(x: float | int | None, lang: str) -> str:
    return fmt.mdh(x, lang=lang)


def percent(x: float | None, lang: str) -> str:
    return fmt.percent(x, lang=lang)


def date(d: Any, lang: str) -> str:
    return fmt.date(d, lang=lang) if d else "—"


def label(list_name: str, code: Any, lang: str) -> str:
    return vocab_label(list_name, code, lang)


def bi(obj: Any, name: str, lang: str) -> str:
    """A text the commune wrote, in `lang`, else the other version isolated and marked; "" when neither."""
    s = bilingual.shown(obj, name, lang)
    if not s.fallback:
        return s.text
    return f"{bilingual.isolate(s.text)} {t(f'bilingual.fallback.{s.lang}', lang)}"


def commune_name(commune: Any, lang: str) -> str:
    return commune.name(lang) if hasattr(commune, "name") else str(commune)


def missing(key: str, lang: str, **kw: Any) -> Paragraph:
    """A part of the plan not recorded yet, said aloud (never a blank heading)."""
    return Paragraph(t(key, lang, **kw), style="missing")


def table_or_missing(table: Table, key: str, lang: str) -> Table | Paragraph:
    return table if table.rows else missing(key, lang)


def new_document(kind: str, views: Views, lang: str) -> Document:
    """The cover every document shares: its title, the commune and the period, province and region."""
    c = views.commune
    name = commune_name(c, lang)
    period = (
        t("docs.cover.period", lang, start=views.plan.start_year, end=views.plan.end_year)
        if views.plan
        else t("docs.cover.no_plan", lang)
    )
    title = t(f"docs.kind.{kind}", lang)
    lines = [t("docs.cover.commune", lang, name=name)]
    if getattr(c, "province", ""):
        lines.append(t("docs.cover.province", lang, province=places.province_name(c.province, lang)))
    if getattr(c, "region", ""):
        lines.append(t("docs.cover.region", lang, region=places.region_name(c.region, lang)))
    if getattr(c, "is_demo", False):
        lines.append(t("docs.cover.demo", lang))
    return Document(
        kind=kind,
        lang=lang,
        title=title,
        subtitle=f"{name}\n{period}",  # two lines: a period cut in two at its dash ended the first (Word)
        running_header=f"{title} · {name} · {period}",
        cover_lines=lines,
        toc_title=t("docs.toc", lang),
    )


# --------------------------------------------------------------------------- charts in one batch


class Charts:
    """Figures of one document, collected while it is written and rendered in one batch at the end.

    Each `add` returns the Figure block at once (so the builder keeps writing in order); `flush` renders
    every figure with one warm renderer and fills the blocks' PNG.  A figure the renderer could not draw is
    replaced by a sentence saying so."""

    def __init__(self, render: Renderer | None, lang: str) -> None:
        self.render, self.lang = render, lang
        self.pending: dict[str, tuple[Any, Figure]] = {}

    def add(self, key: str, fig: Any, caption: str, width_ratio: float = 1.0) -> Figure | None:
        if self.render is None:  # documents without charts (fast tests, or no renderer at all)
            return None
        block = Figure(b"", caption, width_ratio)
        self.pending[key] = (fig, block)
        return block

    def flush(self, doc: Document) -> Document:
        if not self.pending or self.render is None:
            return doc
        pngs = self.render({k: fig for k, (fig, _) in self.pending.items()})
        drawn = {id(block) for k, (_, block) in self.pending.items() if pngs.get(k)}
        for k, (_, block) in self.pending.items():
            block.png = pngs.get(k, b"")
        blocks = []
        for b in doc.blocks:
            if isinstance(b, Figure) and not b.png and id(b) not in drawn:
                blocks.append(
                    Paragraph(t("docs.chart_failed", self.lang, caption=b.caption), style="missing")
                )
            else:
                blocks.append(b)
        doc.blocks = blocks
        return doc


def add_if(doc: Document, *blocks: Any) -> None:
    """Add the blocks that exist (a chart is None when the document is made without charts)."""
    doc.add(*(b for b in blocks if b is not None))


def heading(text: str, level: int = 1) -> Heading:
    return Heading(text, level)
