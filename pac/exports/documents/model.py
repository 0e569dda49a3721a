"""One document model, written once, rendered by the PDF writer and by the Word writer.

Plain data: a `Document` is a cover, then a list of blocks.  Content builders (one module per document)
fill it from the services' views in one language; writers never look at the database.  Text is plain
text (never markup): writers escape nothing and interpret nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

Align = Literal["start", "end", "center"]  # start = left in French, right in Arabic


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 = chapter (new page in PDF, in the table of contents), 2, 3


@dataclass
class Paragraph:
    text: str
    style: Literal["body", "note", "quote", "missing"] = "body"  # missing: "not recorded yet" said aloud


@dataclass
class Bullets:
    items: list[str]


@dataclass
class KeyValues:
    """A two-column list of labels and values (a project sheet's facts, a commune's key figures)."""

    rows: list[tuple[str, str]]


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]  # cells already formatted as text in the document's language
    widths: list[float] | None = None  # relative widths; None = equal
    numeric: list[bool] | None = None  # right-aligned (end-aligned) numeric columns
    total_rows: int = 0  # the last `total_rows` rows are totals (bold)
    caption: str = ""


@dataclass
class Figure:
    """A chart: the plotly figure's PNG (rendered in one batch by the caller) and its caption."""

    png: bytes
    caption: str = ""
    width_ratio: float = 1.0  # of the text width


@dataclass
class PageBreak:
    pass


Block = Union[Heading, Paragraph, Bullets, KeyValues, Table, Figure, PageBreak]


@dataclass
class Document:
    kind: str  # synthese | diagnostic | pac | suivi | atelier
    lang: str  # fr | ar
    title: str
    subtitle: str  # the commune and the period
    running_header: str
    cover_lines: list[str] = field(default_factory=list)  # province, region, date, version…
    toc_title: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def rtl(self) -> bool:
        return self.lang == "ar"

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self
