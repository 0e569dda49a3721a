"""Rapport analytique (synthèse des diagnostics): the commune, its findings, its finances, its SWOT."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pac.domain import places, vocab
from pac.exports import charts_diagnostic
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
from pac.exports.documents.model import Bullets, Document, Heading, KeyValues, Paragraph, Table
from pac.i18n import t, tn

FINANCE_COLUMNS = (
    "own_revenues",
    "vat_share",
    "other_transfers",
    "revenues",
    "operating_expenses",
    "surplus",
    "debt_service",
    "investment_capacity",
)


def build_synthese(views: Views, lang: str, render: Renderer | None = None) -> Document:
    doc = new_document("synthese", views, lang)
    charts = Charts(render, lang)
    presentation(doc, views, lang, charts)
    findings_section(doc, views, lang, charts)
    finances_section(doc, views, lang, charts)
    swot_section(doc, views, lang)
    return charts.flush(doc)


_SEX_COL = {"f": "docs.col.women", "m": "docs.col.men"}  # a figure by sex says whose it is


def presentation(doc: Document, views: Views, lang: str, charts: Charts) -> None:
    c = views.commune
    doc.add(Heading(t("docs.h.presentation", lang)))
    rows = [
        (t("docs.kv.commune", lang), c.name(lang)),
        (t("docs.kv.province", lang), places.province_name(c.province, lang) or "—"),
        (t("docs.kv.region", lang), places.region_name(c.region, lang) or "—"),
        (t("docs.kv.kind", lang), label("commune_kinds", c.kind, lang)),
        (
            t("docs.kv.population", lang),
            num(c.population, lang) if c.population else t("docs.not_known", lang),
        ),
        (
            t("docs.kv.households", lang),
            num(c.households, lang) if c.households else t("docs.not_known", lang),
        ),
        (t("docs.kv.douars", lang), num(c.douar_count, lang)),
    ]
    if c.census_year:
        rows.append((t("docs.kv.census_year", lang), str(c.census_year)))
    doc.add(KeyValues(rows))
    doc.add(Heading(t("docs.h.key_figures", lang), 2))
    kf = views.key_figures
    known = kf[kf["value"].notna()] if kf is not None and len(kf) else None
    if known is None or not len(known):
        doc.add(missing("docs.missing.key_figures", lang))
    else:
        doc.add(
            Table(
                [
                    t("docs.col.figure", lang),
                    t("docs.col.value", lang),
                    t("docs.col.year", lang),
                    t("docs.col.source", lang),
                ],
                [
                    [
                        str(r["label"])
                        + (f" ({t(_SEX_COL[r['sex']], lang)})" if r.get("sex") in _SEX_COL else ""),
                        f"{num(r['value'], lang, 1 if r['value'] % 1 else 0)} {r['unit'] or ''}".strip(),
                        "" if r["year"] is None or str(r["year"]) == "<NA>" else str(r["year"]),
                        str(r["source"] or ""),
                    ]
                    for _, r in known.iterrows()
                ],
                widths=[4, 2, 1, 3],
                numeric=[False, True, True, False],
            )
        )
        add_if(
            doc,
            charts.add(
                "access", charts_diagnostic.access_rates(kf, lang, title=""), t("docs.fig.access", lang)
            ),
        )
    doc.add(Heading(t("docs.h.douars", lang), 2))
    douars = views.douars
    if douars is None or not len(douars):
        doc.add(missing("docs.missing.douars", lang))
    else:
        name_col = "name_ar" if lang == "ar" else "name"
        doc.add(
            Table(
                [
                    t("docs.col.douar", lang),
                    t("docs.col.fraction", lang),
                    t("docs.col.population", lang),
                    t("docs.col.households", lang),
                ],
                [
                    [
                        str(r[name_col] or r["name"]),
                        bi(r.to_dict(), "fraction", lang),
                        _n(r["population"], lang),
                        _n(r["households"], lang),
                    ]
                    for _, r in douars.iterrows()
                ],
                widths=[3, 3, 2, 2],
                numeric=[False, False, True, True],
            )
        )
        if douars["population"].notna().any():
            add_if(
                doc,
                charts.add(
                    "douars", charts_diagnostic.douar_population(douars, lang), t("docs.fig.douars", lang)
                ),
            )


def _n(x: Any, lang: str) -> str:
    try:
        if x is None or str(x) in ("nan", "<NA>"):
            return "—"
        return num(float(x), lang)
    except (TypeError, ValueError):
        return str(x)


def findings_section(doc: Document, views: Views, lang: str, charts: Charts) -> None:
    doc.add(Heading(t("docs.h.findings", lang)))
    if not views.findings:
        doc.add(missing("docs.missing.findings", lang))
        return
    summary = views.summary
    sectors = views.sectors
    doc.add(Paragraph(t("docs.findings_intro", lang, n=len(views.findings), sectors=len(summary.by_kind))))
    add_if(
        doc,
        charts.add(
            "by_sector",
            charts_diagnostic.findings_by_sector(summary.by_kind, dict(sectors), lang),
            t("docs.fig.by_sector", lang),
        ),
    )
    for title_key, table, list_name, codes in (
        ("docs.h.by_kind", summary.by_kind, "finding_kinds", vocab.FINDING_KINDS),
        ("docs.h.by_source", summary.by_source, "sources", vocab.SOURCES),
    ):
        doc.add(Heading(t(title_key, lang), 2))
        present = [c for c in codes if c in table.columns]
        doc.add(
            Table(
                [
                    t("docs.col.sector", lang),
                    *(label(list_name, c, lang) for c in present),
                    t("docs.col.total", lang),
                ],
                [
                    [sectors.get(r["sector_code"], r["sector_code"]) or t("docs.no_sector", lang)]
                    + [num(int(r[c]), lang) for c in present]
                    + [num(int(r["total"]), lang)]
                    for _, r in table.iterrows()
                ],
                widths=[3] + [1] * (len(present) + 1),
                numeric=[False] + [True] * (len(present) + 1),
            )
        )
    doc.add(Heading(t("docs.h.findings_by_sector", lang), 2))
    by_sector: dict[str, list[Any]] = {}
    for f in views.findings:
        by_sector.setdefault(f.sector_code or "", []).append(f)
    for code, items in sorted(by_sector.items(), key=lambda kv: -len(kv[1])):
        doc.add(Heading(sectors.get(code, code) or t("docs.no_sector", lang), 3))
        doc.add(Bullets([_finding_line(f, lang, views.douar_labels) for f in items]))


def _finding_line(f: Any, lang: str, douars: dict[int, str] | None = None) -> str:
    """« C12 · Besoin · text (source) — douars », the douars by the names the reader knows them by."""
    names = [(douars or {}).get(i, n) for i, n in zip(f.douar_ids, f.douar_names, strict=False)]
    where = f" — {('، ' if lang == 'ar' else ', ').join(names)}" if names else ""
    return f"C{f.number} · {label('finding_kinds', f.kind, lang)} · {bi(f, 'text', lang)} ({label('sources', f.source, lang)}){where}"


def finances_section(doc: Document, views: Views, lang: str, charts: Charts) -> None:
    doc.add(Heading(t("docs.h.finances", lang)))
    table = views.finance_table
    if table is None or not len(table):
        doc.add(missing("docs.missing.finances", lang))
        return
    mark = t("docs.forecast_mark", lang)
    years = [
        f"{y}{f' ({mark})' if fc else ''}" for y, fc in zip(table["year"], table["is_forecast"], strict=True)
    ]
    doc.add(
        Table(
            [t("diag.fin.year", lang), *years],
            [[t(f"diag.fin.{col}", lang), *(money(v, lang) for v in table[col])] for col in FINANCE_COLUMNS],
            widths=[3] + [2] * len(years),
            numeric=[False] + [True] * len(years),
            total_rows=1,
            caption=t("docs.finances_caption", lang),
        )
    )
    add_if(doc, charts.add("finances", charts_diagnostic.finances(table, lang), t("docs.fig.finances", lang)))
    mean = sum(table["investment_capacity"]) / len(table)
    doc.add(Paragraph(tn("docs.finances_mean", len(table), lang, amount=money(mean, lang))))


def swot_section(doc: Document, views: Views, lang: str) -> None:
    doc.add(Heading(t("docs.h.swot", lang)))
    if not views.swot:
        doc.add(missing("docs.missing.swot", lang))
        return
    by_id = {f.id: f for f in views.findings}
    for q in vocab.QUADRANTS:
        items: Sequence[Any] = [i for i in views.swot if i.quadrant == q]
        doc.add(Heading(label("quadrants", q, lang), 2))
        if not items:
            doc.add(missing("docs.missing.quadrant", lang))
            continue
        rows = []
        for i in items:
            behind = [by_id[fid] for fid in i.finding_ids if fid in by_id]
            rows.append(
                [
                    i.number,
                    bi(i, "text", lang),
                    "\n".join(f"C{f.number} · {bi(f, 'text', lang)}" for f in behind)  # one finding a line
                    or t("docs.swot_unsupported", lang),
                ]
            )
        doc.add(
            Table(
                [t("docs.col.number", lang), t("docs.col.item", lang), t("docs.col.findings_behind", lang)],
                rows,
                widths=[1, 4, 5],
            )
        )
    unsupported = sum(1 for i in views.swot if not i.finding_ids)
    if unsupported:
        doc.add(
            Paragraph(
                tn(
                    "docs.swot_unsupported_count",
                    unsupported,
                    lang,
                    share=percent(unsupported / len(views.swot), lang),
                ),
                style="note",
            )
        )
