"""Document de PAC: legal frame and method, mission, vision, values, axes and objectives, the six-year
list of projects, the budgeted triennial plan (totals by year, axis and funder), the commune's share
against its investment capacity, the subsidiarity and cross-cutting markers summaries; in annex one
fiche projet per retained project and the workshop record.

Every figure comes from the services' views and pac.domain (budgets, balances, totals): nothing is
computed here but the layout."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pac.domain import plan as budget
from pac.domain import vocab
from pac.exports import charts_plan
from pac.exports.documents import atelier, fiches
from pac.exports.documents.common import (
    Charts,
    Renderer,
    Views,
    add_if,
    bi,
    label,
    missing,
    money,
    new_document,
    num,
    percent,
)
from pac.exports.documents.model import Bullets, Document, Heading, Paragraph, Table
from pac.i18n import t, tn

# Columns of plan_table that hold amounts (DH), by their translation key (the table is in the document's
# language); the partners' columns come after the commune's share.
_DESCRIPTIVE = ("code", "project", "location", "women", "men", "youth", "priority", "owner", "funding_status")


def build_pac(views: Views, lang: str, render: Renderer | None = None) -> Document:
    doc = new_document("pac", views, lang)
    charts = Charts(render, lang)
    frame_and_method(doc, views, lang)
    strategy(doc, views, lang)
    projects_list(doc, views, lang)
    triennial(doc, views, lang, charts)
    capacity(doc, views, lang, charts)
    subsidiarity(doc, views, lang)
    markers(doc, views, lang)
    fiches.fiches(doc, views, lang)
    doc.add(Heading(t("docs.h.annex_workshop", lang)))
    atelier.attendance(doc, views, lang, level=2)
    atelier.rounds(doc, views, lang, None, level=2)
    atelier.decisions(doc, views, lang, level=2)
    return charts.flush(doc)


# --------------------------------------------------------------------------- frame, method, strategy


def frame_and_method(doc: Document, views: Views, lang: str) -> None:
    doc.add(Heading(t("docs.h.frame", lang)))
    doc.add(Paragraph(t("docs.frame.law", lang)))
    doc.add(Paragraph(t("docs.frame.decree", lang)))
    doc.add(Paragraph(t("docs.frame.gender", lang)))
    doc.add(Heading(t("docs.h.method", lang), 2))
    doc.add(Paragraph(t("docs.method", lang)))
    atelier.workshops_table(doc, views, lang)


def strategy(doc: Document, views: Views, lang: str) -> None:
    s = views.strategy
    doc.add(Heading(t("docs.h.strategy", lang)))
    for key in ("mission", "vision"):
        doc.add(Heading(t(f"docs.h.{key}", lang), 2))
        # The strategy view carries both versions (mission_ar, vision_ar); the plan view is the fallback.
        text = bi(s if s is not None else views.plan, key, lang) if (s or views.plan) is not None else ""
        doc.add(Paragraph(text, style="quote") if text else missing(f"docs.missing.{key}", lang))
    doc.add(Heading(t("docs.h.values", lang), 2))
    items = getattr(s, "value_items", None) if s is not None else None
    if items is None:  # an older view: French values only
        items = [{"text": v} for v in (s.values if s is not None else ())]
    values = [bi(v, "text", lang) for v in items]
    values = [v for v in values if v]
    if values:
        doc.add(Bullets(values))
    else:
        doc.add(missing("docs.missing.values", lang))
    doc.add(Heading(t("docs.h.axes", lang), 2))
    if s is None or not s.axes:
        doc.add(missing("docs.missing.axes", lang))
        return
    for a in s.axes:
        doc.add(Heading(f"{a.code} · {bi(a, 'title', lang)}", 3))
        if bi(a, "description", lang):
            doc.add(Paragraph(bi(a, "description", lang)))
        if a.objectives:
            doc.add(Bullets([f"{o.code} · {bi(o, 'title', lang)}" for o in a.objectives]))
        else:
            doc.add(missing("docs.missing.objectives", lang))


# --------------------------------------------------------------------------- projects and the plan


def _project_views(views: Views) -> dict[int, Any]:
    return {p.id: p for p in views.projects}


def projects_list(doc: Document, views: Views, lang: str) -> None:
    doc.add(Heading(t("docs.h.projects", lang)))
    board = views.board
    if board is None or not board.projects:
        doc.add(missing("docs.missing.projects", lang))
        return
    pv = _project_views(views)
    rows = []
    for p in sorted(board.projects, key=lambda p: (p.axis_code, p.objective_code, p.code)):
        years = (
            t("docs.not_scheduled", lang)
            if not p.start_year
            else str(p.start_year)
            if p.end_year in (None, p.start_year)
            else f"{p.start_year}–{p.end_year}"
        )
        rows.append(
            [
                p.code,
                bi(pv.get(p.id, p), "title", lang),
                p.objective_code,
                label("project_statuses", p.status, lang),
                str(p.priority) if p.priority else "—",
                years,
                money(p.budget.total_cost or p.estimated_cost, lang),
            ]
        )
    doc.add(
        Table(
            [
                t("plan.col.code", lang),
                t("plan.col.project", lang),
                t("plan.col.objective", lang),
                t("docs.col.status", lang),
                t("plan.col.priority", lang),
                t("docs.col.years", lang),
                t("plan.col.total_cost", lang),
            ],
            rows,
            widths=[1.2, 6, 1.3, 1.6, 1, 1.6, 2.4],
            numeric=[False, False, False, False, True, False, True],
            caption=t("docs.projects_caption", lang, n=len(rows), retained=len(board.retained)),
        )
    )


def kdh(x: float, lang: str) -> str:
    """Thousands of dirhams: the wide tables of the plan keep each amount on one line of its narrow column."""
    return num(x / 1000, lang)


def _cell(value: Any, lang: str, is_money: bool) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if is_money:
        return kdh(float(value), lang)
    if isinstance(value, float) and value.is_integer():
        return num(int(value), lang)
    if isinstance(value, int):
        return num(value, lang)
    return str(value)


def triennial(doc: Document, views: Views, lang: str, charts: Charts) -> None:
    doc.add(Heading(t("docs.h.triennial", lang)))
    board, table = views.board, views.plan_table
    if board is None or table is None or not len(table):
        doc.add(missing("docs.missing.triennial", lang))
        return
    doc.add(Paragraph(t("docs.triennial_intro", lang)))
    pv = _project_views(views)
    by_code = {p.code: p for p in board.retained}
    code_col, project_col = t("plan.col.code", lang), t("plan.col.project", lang)
    table = table.copy()
    table[project_col] = [bi(pv.get(by_code[c].id, by_code[c]), "title", lang) for c in table[code_col]]
    descriptive = [t(f"plan.col.{k}", lang) for k in _DESCRIPTIVE]
    descriptive = [c for c in descriptive if c in table.columns]
    # The plan page's long beneficiary headers wrap letter by letter in a narrow column: say them short.
    short = {t(f"plan.col.{k}", lang): t(f"docs.col.{k}", lang) for k in ("women", "men", "youth")}
    doc.add(Heading(t("docs.h.triennial_who", lang), 2))
    doc.add(
        Table(
            [short.get(c, c) for c in descriptive],
            [[_cell(r[c], lang, False) for c in descriptive] for _, r in table.iterrows()],
            widths=[1.2, 5, 3, 1.1, 1.1, 1.1, 0.9, 2.5, 2][: len(descriptive)],
            numeric=[
                c
                in (
                    t("plan.col.women", lang),
                    t("plan.col.men", lang),
                    t("plan.col.youth", lang),
                    t("plan.col.priority", lang),
                )
                for c in descriptive
            ],
        )
    )
    # Years and shares as columns; each partner's contribution is in the totals by funder below and in each
    # fiche projet (thirty partners side by side do not fit a page; the Excel plan has them all).
    rest = board.years[3:]
    later = [t("plan.col.cost_later", lang, first=rest[0], last=rest[-1])] if rest else []
    money_cols = [
        t("plan.col.total_cost", lang),
        *(t("plan.col.cost_year", lang, n=i, year=y) for i, y in enumerate(board.years[:3], start=1)),
        *later[:1],
        t("plan.col.commune_share", lang),
    ]
    money_cols = [c for c in money_cols if c in table.columns]
    gap_col = t("plan.col.gap", lang)
    first_partner = list(table.columns).index(t("plan.col.commune_share", lang)) + 1
    partner_cols = list(table.columns[first_partner : list(table.columns).index(gap_col)])
    others = table[partner_cols].fillna(0).sum(axis=1) if partner_cols else table[gap_col] * 0
    doc.add(Heading(t("docs.h.triennial_money", lang), 2))
    # Headers without the plan page's « (DH) »: every amount here is in thousands (the caption says so);
    # a year's column is named by its year (« A1 » would also be an axis).
    heads = {
        t("plan.col.total_cost", lang): t("docs.col.total_cost", lang),
        **{
            t("plan.col.cost_year", lang, n=i, year=y): str(y) for i, y in enumerate(board.years[:3], start=1)
        },
        **({later[0]: t("docs.col.cost_later", lang, first=rest[0], last=rest[-1])} if later else {}),
    }
    cols = [code_col, *(heads.get(c, c) for c in money_cols), t("docs.col.partners", lang), gap_col]
    rows = [
        [
            r[code_col],
            *(_cell(r[c], lang, True) for c in money_cols),
            kdh(float(o), lang),
            _cell(r[gap_col], lang, True),
        ]
        for (_, r), o in zip(table.iterrows(), others, strict=True)
    ]
    rows.append(
        [
            t("docs.total", lang),
            *(kdh(float(table[c].fillna(0).sum()), lang) for c in money_cols),
            kdh(float(others.sum()), lang),
            kdh(float(table[gap_col].fillna(0).sum()), lang),
        ]
    )
    n = len(money_cols) + 2
    doc.add(
        Table(
            cols,
            rows,
            widths=[1.1] + [1.6] * n,
            numeric=[False] + [True] * n,
            total_rows=1,
            caption=t("docs.amounts_kdh", lang),
        )
    )
    years = board.years
    budgets = board.budgets()
    doc.add(Heading(t("docs.h.totals_by_axis", lang), 2))
    axis_names = {
        code: f"{code} {bi(_axis(views, code), 'title', lang) or title}" for code, title in board.axes.items()
    }
    doc.add(_totals(budget.totals_by(budgets, years, "axis"), years, axis_names, lang, list(board.axes)))
    doc.add(Heading(t("docs.h.totals_by_funder", lang), 2))
    partners = {code: board.partner_name(code, lang) for code in board.partners}
    partners[budget.GAP] = t("plan.status.gap", lang)
    by_partner = budget.totals_by(budgets, years, "partner")
    doc.add(_totals(by_partner, years, partners, lang))
    if any(p.budget.scheduled for p in board.retained):
        rows_g = [
            charts_plan.GanttRow(
                f"{p.code} — {bi(pv.get(p.id, p), 'title', lang)}",
                p.start_year or years[0],
                p.end_year or years[0],
                p.axis_code,
                p.budget.total_cost,
            )
            for p in board.retained
            if p.budget.scheduled
        ]
        add_if(
            doc,
            charts.add(
                "gantt",
                charts_plan.gantt(rows_g, years, axis_names, lang=lang, rtl=lang == "ar"),
                t("docs.fig.gantt", lang),
            ),
        )
        add_if(
            doc,
            charts.add(
                "by_funder",
                charts_plan.stacked_years(
                    by_partner, years, partners, t("plan.chart.by_funder", lang), lang=lang, rtl=lang == "ar"
                ),
                t("docs.fig.by_funder", lang),
            ),
        )


def _axis(views: Views, code: str) -> Any:
    if views.strategy is None:
        return {}
    return next((a for a in views.strategy.axes if a.code == code), {})


def _totals(
    series: dict[str, dict[int, float]],
    years: list[int],
    names: dict[str, str],
    lang: str,
    order: list[str] | None = None,
) -> Table | Any:
    if not series:
        return missing("docs.missing.totals", lang)
    keys = [k for k in (order or []) if k in series] + sorted(k for k in series if k not in (order or []))
    rows = [
        [
            names.get(k, k),
            *(kdh(series[k].get(y, 0.0), lang) for y in years),
            kdh(sum(series[k].values()), lang),
        ]
        for k in keys
    ]
    rows.append(
        [
            t("docs.total", lang),
            *(kdh(sum(series[k].get(y, 0.0) for k in keys), lang) for y in years),
            kdh(sum(sum(series[k].values()) for k in keys), lang),
        ]
    )
    return Table(
        [
            t("docs.col.line", lang),
            *(charts_plan.year_label(years, y, lang) for y in years),
            t("docs.col.total", lang),
        ],
        rows,
        widths=[3.4] + [1.5] * (len(years) + 1),
        numeric=[False] + [True] * (len(years) + 1),
        total_rows=1,
        caption=t("docs.amounts_kdh_indicative", lang),
    )


def capacity(doc: Document, views: Views, lang: str, charts: Charts) -> None:
    doc.add(Heading(t("docs.h.capacity", lang)))
    board = views.board
    if board is None or not board.retained:
        doc.add(missing("docs.missing.triennial", lang))
        return
    balances = board.balances()
    rows = []
    for b in balances:
        basis = t(f"docs.basis.{b.basis}", lang)
        rows.append(
            [
                charts_plan.year_label(board.years, b.year, lang) + (" *" if b.indicative else ""),
                num(b.cost, lang),
                num(b.share, lang),
                num(b.capacity, lang),
                percent(b.ratio, lang),
                t("docs.capacity.over", lang, amount=num(b.shortfall, lang))
                if b.over
                else t("docs.capacity.ok", lang),
                basis,
            ]
        )
    doc.add(
        Table(
            [
                t("docs.col.year", lang),
                t("docs.col.cost", lang),
                t("plan.col.commune_share", lang),
                t("docs.col.capacity", lang),
                t("docs.col.ratio", lang),
                t("docs.col.verdict", lang),
                t("docs.col.basis", lang),
            ],
            rows,
            widths=[1.6, 2, 2, 2, 1.2, 2.6, 2.6],
            numeric=[False, True, True, True, True, False, False],
            caption=t("docs.capacity_caption", lang),
        )
    )
    over = [b for b in balances if b.over and not b.indicative]
    doc.add(
        Paragraph(t("docs.capacity.over_years", lang, years=", ".join(str(b.year) for b in over)))
        if over
        else Paragraph(t("docs.capacity.all_ok", lang))
    )
    if any(b.basis == "average" for b in balances):
        doc.add(Paragraph(t("docs.capacity.average_note", lang), style="note"))
    add_if(
        doc,
        charts.add(
            "gauges",
            charts_plan.capacity_gauges(balances, board.years, lang=lang),
            t("docs.fig.gauges", lang),
        ),
    )


# --------------------------------------------------------------------------- subsidiarity, markers


def subsidiarity(doc: Document, views: Views, lang: str) -> None:
    doc.add(Heading(t("docs.h.subsidiarity", lang)))
    s = views.subsidiarity_summary
    if s is None or not views.subsidiarity:
        doc.add(missing("docs.missing.subsidiarity", lang))
        return
    doc.add(
        Paragraph(
            t(
                "docs.scope_six_years",
                lang,
                n=num(sum(g.projects for g in s.by_level), lang),
                cost=money(sum(g.cost for g in s.by_level), lang),
            ),
            "note",
        )
    )
    doc.add(Heading(t("docs.h.by_level", lang), 2))
    doc.add(
        Table(
            [t("docs.col.level", lang), t("docs.col.projects", lang), t("docs.col.cost", lang)],
            [
                [
                    t(f"subsidiarity.level.{g.key}", lang)
                    if g.key
                    else t("subsidiarity.no_competence", lang),
                    num(g.projects, lang),
                    num(g.cost, lang),
                ]
                for g in s.by_level
            ],
            widths=[5, 1.5, 2.5],
            numeric=[False, True, True],
        )
    )
    doc.add(Heading(t("docs.h.by_lead", lang), 2))
    doc.add(
        Table(
            [t("docs.col.lead", lang), t("docs.col.projects", lang), t("docs.col.cost", lang)],
            [
                [
                    views.partner_names.get(g.key, g.key) if g.key else t("subsidiarity.no_lead", lang),
                    num(g.projects, lang),
                    num(g.cost, lang),
                ]
                for g in s.by_lead
            ],
            widths=[5, 1.5, 2.5],
            numeric=[False, True, True],
        )
    )
    own = s.own
    doc.add(
        Paragraph(
            t(
                "docs.subsidiarity.own",
                lang,
                n=own.own_projects,
                total=own.total_projects,
                cost=money(own.own_cost, lang),
                share=percent(own.share, lang),
            )
        )
    )
    warned = [(w, n) for w, n in s.warning_counts.items() if n]
    if warned:
        doc.add(Heading(t("docs.h.subsidiarity_warnings", lang), 2))
        doc.add(
            Table(
                [t("docs.col.point", lang), t("docs.col.projects", lang)],
                [[t(f"docs.subsidiarity.warn.{w}", lang), num(n, lang)] for w, n in warned],
                widths=[6, 1.5],
                numeric=[False, True],
            )
        )


def markers(doc: Document, views: Views, lang: str) -> None:
    doc.add(Heading(t("docs.h.markers", lang)))
    cov = views.coverage
    if cov is None or not cov.project_count or cov.table.empty:
        doc.add(missing("docs.missing.markers", lang))
        return
    doc.add(Paragraph(t("docs.markers_scope", lang, n=num(cov.project_count, lang)), "note"))
    overall = cov.table[cov.table["axis_id"].isna()]
    rows = []
    for m in vocab.MARKERS:
        cells = overall[overall["marker"] == m]
        by_value = {
            int(v): r for v, r in zip(cells["value"].fillna(-1), cells.to_dict("records"), strict=True)
        }
        row = [label("markers", m, lang)]
        for v in (2, 1, 0):
            r = by_value.get(v)
            row.append(f"{num(r['projects'], lang)} ({percent(r['share_cost'], lang)})" if r else "—")
        rows.append(row)
    doc.add(
        Table(
            [
                t("docs.col.marker", lang),
                t("docs.col.marker2", lang),
                t("docs.col.marker1", lang),
                t("docs.col.marker0", lang),
            ],
            rows,
            widths=[3, 2, 2, 2],
            numeric=[False, True, True, True],
            caption=t("docs.markers_caption", lang, n=cov.project_count),
        )
    )
    if cov.not_assessed:
        doc.add(Paragraph(tn("docs.markers_not_assessed", len(cov.not_assessed), lang), style="note"))
