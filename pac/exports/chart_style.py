"""The house style of every chart (plan, monitoring, projects, subsidiarity): colours, sizes, layouts.

One place, so that a chart on the wall and the same chart in a document look alike, and a step's
chart module never reaches into another step's.
"""

from __future__ import annotations

import math
import re
import textwrap
from typing import Any

import pandas as pd
import plotly.graph_objects as go

OK_COLOUR, OVER_COLOUR, INDICATIVE_COLOUR = "#2e7d32", "#c62828", "#7fa7b5"
COMMUNE_COLOUR, OTHER_COLOUR = "#1f6f8b", "#c9c9c9"


PALETTE = (
    "#1f6f8b",
    "#e0a526",
    "#6a994e",
    "#c2185b",
    "#7b2cbf",
    "#8d6e63",
    "#455a64",
    "#2a9d8f",
    "#e76f51",
    "#264653",
    "#9c6644",
    "#5e60ce",
)


GRID = "#dddddd"

# Unicode isolates.  A chart's SVG text is laid out left to right whatever the language, so an Arabic
# phrase mixing digits or Latin letters (« 27,9 مليون درهم », « 1 · العنوان », « P05 — العنوان ») must be
# wrapped in its own right-to-left run, or a right-to-left reader meets the number after the unit.
RLI, FSI, PDI = "\u2067", "\u2068", "\u2069"


_ARABIC = re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def arabic_run(text: str) -> str:
    """A text holding Arabic as one right-to-left run (« P05 — العنوان » reads code first, from the right);
    any other text as it is."""
    return rtl_run(text) if _ARABIC.search(text) else text


def rtl_run(text: str) -> str:
    """The text as one right-to-left run (RLI … PDI), read from the right even in a left-to-right chart."""
    return f"{RLI}{text}{PDI}" if text else text


def isolated(text: str) -> str:
    """The text in its own direction (FSI … PDI): it neither scrambles its neighbours nor is scrambled."""
    return f"{FSI}{text}{PDI}" if text else text


def font_size(big: bool) -> int:
    return 22 if big else 14


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    return go.Figure(data=data, layout=layout, _validate=False)


def layout_spec(big: bool, rtl: bool, height: int, title: str = "", **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 50 if title else 20, "b": 30},
        "font": {"size": font_size(big)},
        "legend": {"orientation": "h", "y": -0.12, "x": 0},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "separators": ", ",  # French: decimal comma, space between thousands
        "xaxis": {"autorange": "reversed"} if rtl else {},
        "yaxis": {},
    }
    if title:  # on the side the reader starts from
        layout["title"] = {"text": title, "x": 0.99, "xanchor": "right"} if rtl else {"text": title}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def legend_below(
    names: list[str], big: bool, rtl: bool = False, columns: int = 2
) -> tuple[dict[str, Any], list[str], int]:
    """A legend under the plot, across the whole figure, in `columns` columns, each name whole (wrapped,
    never cut); right to left, each line of a name is one right-to-left run.

    Returns the legend layout, the wrapped names (in the order given) and the height in pixels the
    legend needs at the bottom of the figure (add it to the bottom margin and to the height)."""
    width = (34 if big else 44) if columns > 1 else (40 if big else 56)
    wrapped = [wrap(n, width) for n in names]
    if rtl:  # « A1 الماء »: each line one right-to-left run, its code on the right where the reader starts
        wrapped = ["<br>".join(arabic_run(line) for line in w.split("<br>")) for w in wrapped]
    lines = [w.count("<br>") + 1 for w in wrapped]
    # `columns` entries a row: each row is as tall as its tallest entry.
    rows = [max(lines[i : i + columns]) for i in range(0, len(lines), columns)]
    line = font_size(big) * 1.25
    height = int(sum(n * line + 6 for n in rows)) + 12
    legend: dict[str, Any] = {
        # Horizontal even in one column: a vertical legend would also claim a side margin.
        "orientation": "h",
        "xref": "container",
        "x": 0.99 if rtl else 0.01,
        "xanchor": "right" if rtl else "left",
        "y": 0,
        "yref": "container",
        "yanchor": "bottom",
        "valign": "top",
        "traceorder": "normal",
        "entrywidth": 1 / columns,
        "entrywidthmode": "fraction",
    }
    return legend, wrapped, height


def is_none(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def finish(fig: go.Figure, big: bool, height: int, title: str, legend: bool = True) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        font={"size": font_size(big), "family": "Source Sans Pro, Source Sans 3, Arial, sans-serif"},
        margin={"l": 10, "r": 20, "t": 60, "b": 20},
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=legend,
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "title": None},
    )
    return fig
