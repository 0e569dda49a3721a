"""Charts of the subsidiarity step: cost by competence level or lead actor, the commune's own share.

The page « Subsidiarité » shows them; the PAC document exports the same figures (kaleido).  Input:
subsidiarity groups — columns key, projects, cost (pac.services.subsidiarity.summary_frames).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from pac.domain.fmt import MILLIONS, mdh, percent
from pac.exports.chart_style import COMMUNE_COLOUR, OTHER_COLOUR, finish, is_none, wrap
from pac.i18n import t, tn

LEVEL_COLOURS = {
    "own": "#1f6f8b",
    "shared": "#4f9bb3",
    "transferred": "#8cc0d1",
    "province": "#e0a526",
    "region": "#c2185b",
    "state": "#6d5d4b",
    "public_body": "#7b2cbf",
    None: "#bdbdbd",
}


def group_bars(
    groups: pd.DataFrame,
    labels: Mapping[Any, str],
    *,
    title: str = "",
    colours: Mapping[Any, str] | None = None,
    lang: str = "fr",
    big: bool = False,
    rtl: bool = False,
) -> go.Figure:
    """Cost (MDH) per group — level of competence or lead actor — with the number of projects on each bar."""
    keys = list(groups["key"])
    names = [wrap(labels.get(None if is_none(k) else k, str(k)), 30 if big else 42) for k in keys]
    costs = [float(c) for c in groups["cost"]]
    counts = [int(n) for n in groups["projects"]]
    palette = colours or {}
    fig = go.Figure(
        go.Bar(
            y=names,
            x=[c / 1e6 for c in costs],
            orientation="h",
            marker_color=[palette.get(None if is_none(k) else k, "#1f6f8b") for k in keys],
            text=[
                tn("subsidiarity.chart.bar_text", n, lang, cost=mdh(c, 1, lang=lang))
                for n, c in zip(counts, costs, strict=True)
            ],
            textposition="auto",
            cliponaxis=False,
            hovertemplate="%{y} : %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text=MILLIONS.get(lang, "MDH"),
        rangemode="tozero",
        gridcolor="#eeeeee",
        autorange="reversed" if rtl else True,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, side="right" if rtl else "left")
    return finish(fig, big, max(260, (62 if big else 40) * len(keys) + 110), title, legend=False)


def own_share_donut(
    own_cost: float, total_cost: float, *, title: str = "", lang: str = "fr", big: bool = False
) -> go.Figure:
    """The commune's own share of the programme's cost against the rest (see pac.domain.subsidiarity)."""
    rest = max(total_cost - own_cost, 0.0)
    share = own_cost / total_cost if total_cost > 0 else None
    fig = go.Figure(
        go.Pie(
            labels=[t("subsidiarity.chart.own", lang), t("subsidiarity.chart.others", lang)],
            values=[own_cost, rest],
            hole=0.6,
            sort=False,
            direction="clockwise",
            marker={"colors": [COMMUNE_COLOUR, OTHER_COLOUR]},
            textinfo="none",
            hovertemplate="%{label} : %{value:,.0f} DH<extra></extra>",
        )
    )
    fig.add_annotation(
        text=f"<b>{percent(share, lang=lang)}</b>", showarrow=False, font={"size": 40 if big else 28}
    )
    return finish(fig, big, 360 if big else 280, title)


def level_order(levels: Sequence[str]) -> dict[Any, str]:
    """Colours of the competence levels in the given order (unknown levels grey)."""
    return {lvl: LEVEL_COLOURS.get(lvl, "#9e9e9e") for lvl in levels} | {None: LEVEL_COLOURS[None]}
