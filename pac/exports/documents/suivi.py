"""Document de suivi-évaluation: indicators by level with baselines and yearly targets, sources, frequency,
responsible bodies; the follow-up committee, the tools, the calendar and the kind of each evaluation
(décret 2-16-301 art. 6: a monitoring system with objectives and performance indicators per project)."""

from __future__ import annotations

from typing import Any

from pac.domain import vocab
from pac.domain.bilingual import isolate
from pac.exports.documents.common import Charts, Renderer, Views, bi, date, label, missing, new_document, num
from pac.exports.documents.model import Document, Heading, Paragraph, Table
from pac.i18n import has, t, tn


def _value(x: float | None, lang: str) -> str:
    if x is None:
        return "—"
    return num(x, lang, 0 if float(x).is_integer() else 2)


def _key(prefix: str, code: str, lang: str) -> str:
    key = f"{prefix}.{code}"
    return t(key, lang) if code and has(key) else (code or "—")


def build_suivi(views: Views, lang: str, render: Renderer | None = None) -> Document:
    doc = new_document("suivi", views, lang)
    charts = Charts(render, lang)
    # The system first (one chapter: committee, tools, calendar), then the indicators level by level.
    doc.add(Heading(t("docs.h.me_intro", lang)))
    doc.add(Paragraph(t("docs.me_intro", lang)))
    system(doc, views, lang)
    indicators(doc, views, lang)
    return charts.flush(doc)


def indicators(doc: Document, views: Views, lang: str) -> None:
    board = views.indicators
    doc.add(Heading(t("docs.h.indicators_all", lang)))
    if board is None or not board.indicators:
        doc.add(missing("docs.missing.indicators", lang))
        return
    years = list(board.plan.years)
    for level in vocab.INDICATOR_LEVELS:
        items = [i for i in board.indicators if i.level == level]
        doc.add(Heading(label("indicator_levels", level, lang), 2))
        if not items:
            doc.add(missing("docs.missing.level", lang))
            continue
        doc.add(
            Table(
                # eleven columns on a portrait page: the unit goes with the name, what the indicator
                # measures (its project or objective) to the table below, so the name keeps its room
                [
                    t("docs.col.code", lang),
                    t("docs.col.indicator_unit", lang),
                    t("docs.col.baseline", lang),
                    *(str(y) for y in years),
                    t("docs.col.target_final", lang),
                ],
                [
                    [
                        i.code,
                        f"{bi(i, 'name', lang)} ({bi(i, 'unit', lang)})"
                        if bi(i, "unit", lang)
                        else bi(i, "name", lang),
                        f"{_value(i.baseline_value, lang)} ({i.baseline_year})"
                        if i.baseline_year
                        else _value(i.baseline_value, lang),
                        *(_value(i.targets.get(y), lang) for y in years),
                        _value(i.target_final, lang),
                    ]
                    for i in items
                ],
                widths=[1.1, 5.5, 1.5] + [1.0] * len(years) + [1.2],
                numeric=[False, False, True] + [True] * (len(years) + 1),
                caption=t("docs.indicators_targets_caption", lang),
            )
        )
        doc.add(
            Table(
                [
                    t("docs.col.code", lang),
                    t("docs.col.measures", lang),
                    t("docs.col.source", lang),
                    t("docs.col.frequency", lang),
                    t("docs.col.responsible", lang),
                    t("docs.col.disaggregation", lang),
                ],
                [
                    [
                        i.code,
                        anchor(i, lang) if i.anchor else "—",
                        bi(i, "source", lang) or "—",
                        label("frequencies", i.frequency, lang) if i.frequency else "—",
                        bi(i, "responsible", lang) or "—",
                        ", ".join(label("disaggregations", d, lang) for d in i.disaggregation) or "—",
                    ]
                    for i in items
                ],
                widths=[1.2, 3.5, 3.5, 1.6, 2.6, 2],
                caption=t("docs.indicators_how_caption", lang),
            )
        )
    gaps = board.without_indicator
    if gaps:
        doc.add(Heading(t("docs.h.without_indicator", lang), 2))
        doc.add(
            Paragraph(
                t("docs.without_indicator", lang, codes=", ".join(_code(c) for c in gaps)), style="missing"
            )
        )
    gender = board.missing_gender
    if gender:
        doc.add(
            Paragraph(
                t("docs.missing_gender", lang, codes=", ".join(_code(c) for c in gender)), style="missing"
            )
        )


def anchor(i: Any, lang: str) -> str:
    """What the indicator measures (« P03 — title »), in Arabic when the view has it; isolated otherwise so
    that a French title keeps its order in an Arabic line."""
    arabic = getattr(i, "anchor_ar", "") if lang == "ar" else ""
    return arabic or (isolate(i.anchor) if lang == "ar" else i.anchor)


def _code(c: Any) -> str:
    return str(getattr(c, "code", c))


def system(doc: Document, views: Views, lang: str) -> None:
    s = views.system
    doc.add(Heading(t("docs.h.committee", lang), 2))
    if s is None or not s.committee:
        doc.add(missing("docs.missing.committee", lang))
    else:
        doc.add(
            Table(
                [
                    t("docs.col.name", lang),
                    t("docs.col.role", lang),
                    t("docs.col.sex", lang),
                    t("docs.col.organisation", lang),
                    t("docs.col.ieeag", lang),
                ],
                [
                    [
                        bi(m, "name", lang) or "—",
                        label("roles", m.role, lang) if m.role else "—",
                        label("sexes", m.sex, lang) if m.sex else "—",
                        bi(m, "organisation", lang) or "—",
                        t("docs.yes", lang) if m.is_ieeag else "",
                    ]
                    for m in s.committee
                ],
                widths=[3, 2.5, 1, 3, 1],
                caption=("، " if lang == "ar" else ", ").join(
                    (tn("monitoring.sys.women", s.women, lang), tn("monitoring.sys.men", s.men, lang))
                ),
            )
        )
    doc.add(Heading(t("docs.h.tools", lang), 2))
    if s is None or not s.tools:
        doc.add(missing("docs.missing.tools", lang))
    else:
        doc.add(
            Table(
                [
                    t("docs.col.tool", lang),
                    t("docs.col.description", lang),
                    t("docs.col.frequency", lang),
                    t("docs.col.responsible", lang),
                ],
                [
                    [
                        bi(x, "name", lang),
                        bi(x, "description", lang) or "—",
                        label("frequencies", x.frequency, lang) if x.frequency else "—",
                        bi(x, "responsible", lang) or "—",
                    ]
                    for x in s.tools
                ],
                widths=[3, 5, 2, 2.5],
            )
        )
    doc.add(Heading(t("docs.h.calendar", lang), 2))
    if s is None or not s.events:
        doc.add(missing("docs.missing.calendar", lang))
    else:
        doc.add(
            Table(
                [
                    t("docs.col.year", lang),
                    t("docs.col.date", lang),
                    t("docs.col.event", lang),
                    t("docs.col.evaluation", lang),
                    t("docs.col.description", lang),
                ],
                [
                    [
                        str(e.year),
                        date(e.due_on, lang),
                        _key("monitoring.event", e.kind, lang),
                        _key("monitoring.evaluation", e.evaluation_type, lang),
                        bi(e, "description", lang) or "—",
                    ]
                    for e in s.events
                ],
                widths=[1, 1.6, 3, 2, 5],
            )
        )
