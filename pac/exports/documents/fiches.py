"""Annex of the PAC document: one fiche projet per retained project — its axis and objective, description,
expected results, climate vulnerability context (when marked for adaptation), location, beneficiaries, cost
per year and funders, lead, markers and indicators."""

from __future__ import annotations

from typing import Any

from pac.domain import plan as budget
from pac.exports.documents.common import Views, bi, label, missing, money, num
from pac.exports.documents.model import Bullets, Document, Heading, KeyValues, PageBreak, Paragraph, Table
from pac.i18n import t


def _project_views(views: Views) -> dict[int, Any]:
    return {p.id: p for p in views.projects}


def fiches(doc: Document, views: Views, lang: str) -> None:
    doc.add(Heading(t("docs.h.fiches", lang)))
    board = views.board
    if board is None or not board.retained:
        doc.add(missing("docs.missing.fiches", lang))
        return
    pv = _project_views(views)
    indicators: dict[int, list[Any]] = {}
    for i in views.indicators.indicators if views.indicators is not None else ():
        if i.project_id:
            indicators.setdefault(i.project_id, []).append(i)
    axes = {a.code: a for a in (views.strategy.axes if views.strategy else ())}
    objectives = {o.code: o for a in axes.values() for o in a.objectives}
    for n, p in enumerate(board.retained):
        v = pv.get(p.id, p)
        if n:
            doc.add(PageBreak())
        doc.add(Heading(f"{p.code} · {bi(v, 'title', lang)}", 2))
        a, o = axes.get(p.axis_code), objectives.get(p.objective_code)
        sector = board.sectors.get(p.sector_code or "", ("", ""))
        comp = board.competences.get(p.competence_code or "", ("", ""))
        women, men, youth = p.beneficiaries
        doc.add(
            KeyValues(
                [
                    (
                        t("plan.col.axis", lang),
                        f"{p.axis_code} {bi(a, 'title', lang) if a else p.axis_title}",
                    ),
                    (
                        t("plan.col.objective", lang),
                        f"{p.objective_code} {bi(o, 'title', lang) if o else p.objective_title}",
                    ),
                    (
                        t("plan.col.sector", lang),
                        (sector[1] or sector[0]) if lang == "ar" else sector[0] or "—",
                    ),
                    (t("plan.col.location", lang), budget.location(p, lang) or "—"),
                    (
                        t("docs.kv.beneficiaries", lang),
                        t(
                            "docs.beneficiaries",
                            lang,
                            women=_opt(women, lang),
                            men=_opt(men, lang),
                            youth=_opt(youth, lang),
                        ),
                    ),
                    (
                        t("plan.col.competence", lang),
                        ((comp[1] or comp[0]) if lang == "ar" else comp[0]) or "—",
                    ),
                    (
                        t("plan.col.owner", lang),
                        bi(p, "owner", lang)
                        or (board.partner_name(p.lead_partner_code, lang) if p.lead_partner_code else "—"),
                    ),
                    (t("plan.col.priority", lang), str(p.priority) if p.priority else "—"),
                    (t("plan.col.total_cost", lang), money(p.budget.total_cost or p.estimated_cost, lang)),
                    (
                        t("plan.col.markers", lang),
                        ", ".join(f"{label('markers', m, lang)} {x}" for m, x in p.markers.items() if x)
                        or "—",
                    ),
                ]
            )
        )
        for field_name, key in (
            ("description", "docs.h.description"),
            ("expected_results", "docs.h.results"),
        ):
            doc.add(Heading(t(key, lang), 3))
            text = bi(v, field_name, lang)
            doc.add(Paragraph(text) if text else missing(f"docs.missing.{field_name}", lang))
        if p.markers.get("climate_adaptation"):
            doc.add(Heading(t("docs.h.vulnerability", lang), 3))
            text = bi(v, "vulnerability_context", lang)
            doc.add(Paragraph(text) if text else missing("docs.missing.vulnerability", lang))
        doc.add(Heading(f"{t('docs.h.cost_funding', lang)} ({t('docs.unit_dh', lang)})", 3))
        doc.add(_fiche_money(board, p, lang))
        doc.add(Heading(t("docs.h.indicators", lang), 3))
        mine = indicators.get(p.id, [])
        if mine:
            doc.add(Bullets([_indicator_line(i, lang) for i in mine]))
        else:
            doc.add(missing("docs.missing.project_indicators", lang))


def _opt(x: int | None, lang: str) -> str:
    return num(x, lang) if x is not None else "—"


def _fiche_money(board: Any, p: Any, lang: str) -> Table | Any:
    bud = p.budget
    if not bud.costs and not bud.fundings:
        return missing("docs.missing.schedule", lang)
    years = sorted(set(bud.costs) | {f.year for f in bud.fundings})
    partners = sorted({f.partner_code for f in bud.fundings}, key=lambda c: board.partner_name(c, lang))
    rows = [
        [
            t("docs.col.cost", lang),
            *(num(bud.costs.get(y, 0.0), lang) for y in years),
            num(bud.total_cost, lang),
        ]
    ]
    for code in partners:
        amounts = [
            sum(f.amount for f in bud.fundings if f.partner_code == code and f.year == y) for y in years
        ]
        statuses = sorted(
            {label("funding_statuses", f.status, lang) for f in bud.fundings if f.partner_code == code}
        )
        rows.append(
            [
                f"{board.partner_name(code, lang)} ({', '.join(statuses)})",
                *(num(a, lang) for a in amounts),
                num(sum(amounts), lang),
            ]
        )
    if bud.gap > budget.TOLERANCE:
        rows.append(
            [t("plan.status.gap", lang), *(num(bud.gap_in(y), lang) for y in years), num(bud.gap, lang)]
        )
    return Table(
        [t("docs.col.line", lang), *(str(y) for y in years), t("docs.col.total", lang)],
        rows,
        widths=[4] + [1.5] * (len(years) + 1),
        numeric=[False] + [True] * (len(years) + 1),
        # the unit is in the heading above (« … (DH) »): a project sheet keeps to its page
    )


def _indicator_line(i: Any, lang: str) -> str:
    target = (
        num(i.target_final, lang, 2 if i.target_final and i.target_final % 1 else 0)
        if i.target_final is not None
        else "—"
    )
    base = (
        num(i.baseline_value, lang, 2 if i.baseline_value and i.baseline_value % 1 else 0)
        if i.baseline_value is not None
        else "—"
    )
    return t(
        "docs.indicator_line",
        lang,
        code=i.code,
        name=bi(i, "name", lang),
        unit=bi(i, "unit", lang),
        baseline=base,
        target=target,
        level=label("indicator_levels", i.level, lang),
    )
