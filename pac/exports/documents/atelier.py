"""Compte rendu d'atelier: attendance by sex and role, the rounds held with their results (phones and paper
merged, split by sex and by role where a group is large enough not to reveal anyone's vote), the paper
tallies, the decisions.  Its parts also make the workshop record annexed to the PAC document."""

from __future__ import annotations

from typing import Any

from pac.domain import vocab
from pac.exports.charts_vote import Bar, ranking_figure
from pac.exports.documents.common import (
    Charts,
    Renderer,
    Views,
    add_if,
    bi,
    date,
    label,
    missing,
    new_document,
    num,
)
from pac.exports.documents.model import Bullets, Document, Heading, KeyValues, Paragraph, Table
from pac.i18n import t, tn


def build_atelier(views: Views, lang: str, render: Renderer | None = None) -> Document:
    doc = new_document("atelier", views, lang)
    charts = Charts(render, lang)
    doc.add(Heading(t("docs.h.workshops", lang)))
    workshops_table(doc, views, lang)
    facilitation(doc, views, lang)
    attendance(doc, views, lang, level=2)
    rounds(doc, views, lang, charts)
    decisions(doc, views, lang)
    return charts.flush(doc)


def _when(w: Any, lang: str) -> str:
    return date(w.held_on, lang)


def workshops_table(doc: Document, views: Views, lang: str) -> None:
    if not views.workshops:
        doc.add(missing("docs.missing.workshops", lang))
        return
    doc.add(
        Table(
            [
                t("docs.col.workshop", lang),
                t("docs.col.kind", lang),
                t("docs.col.date", lang),
                t("docs.col.place", lang),
                t("docs.col.women", lang),
                t("docs.col.men", lang),
            ],
            [
                [
                    bi(w, "title", lang),
                    label("workshop_kinds", w.kind, lang),
                    _when(w, lang),
                    bi(w, "place", lang) or "—",
                    num(w.women, lang),
                    num(w.men, lang),
                ]
                for w in views.workshops
            ],
            widths=[4, 2, 1.6, 2.4, 1, 1],
            numeric=[False, False, False, False, True, True],
        )
    )


def facilitation(doc: Document, views: Views, lang: str) -> None:
    """Who facilitated each workshop, when it was recorded."""
    led = [w for w in views.workshops if bi(w, "facilitators", lang)]
    if led:
        doc.add(Heading(t("docs.h.facilitation", lang), 3))
        doc.add(KeyValues([(bi(w, "title", lang), bi(w, "facilitators", lang)) for w in led]))


def attendance(doc: Document, views: Views, lang: str, level: int = 1) -> None:
    doc.add(Heading(t("docs.h.attendance", lang), level))
    rows_by_role: dict[str, list[int]] = {}
    for w in views.workshops:
        for role, (women, men) in w.attendance.items():
            acc = rows_by_role.setdefault(role, [0, 0])
            acc[0] += women or 0
            acc[1] += men or 0
    if not rows_by_role:
        doc.add(missing("docs.missing.attendance", lang))
        return
    order = {r: i for i, r in enumerate(vocab.ROLES)}
    roles = sorted(rows_by_role, key=lambda r: order.get(r, 99))
    rows = [
        [
            label("roles", r, lang),
            num(rows_by_role[r][0], lang),
            num(rows_by_role[r][1], lang),
            num(sum(rows_by_role[r]), lang),
        ]
        for r in roles
    ]
    women = sum(v[0] for v in rows_by_role.values())
    men = sum(v[1] for v in rows_by_role.values())
    rows.append([t("docs.total", lang), num(women, lang), num(men, lang), num(women + men, lang)])
    doc.add(
        Table(
            [
                t("docs.col.role", lang),
                t("docs.col.women", lang),
                t("docs.col.men", lang),
                t("docs.col.total", lang),
            ],
            rows,
            widths=[4, 1.5, 1.5, 1.5],
            numeric=[False, True, True, True],
            total_rows=1,
            caption=tn("docs.attendance_caption", len(views.workshops), lang),
        )
    )


def _score(x: float | None, method: str, lang: str) -> str:
    if x is None:
        return "—"
    return num(x, lang, 2 if method == "scoring" else 0)


def rounds(doc: Document, views: Views, lang: str, charts: Charts | None, level: int = 1) -> None:
    doc.add(Heading(t("docs.h.rounds", lang), level))
    held = [r for r in views.rounds if r.round.status != "draft"]
    if not held:
        doc.add(missing("docs.missing.rounds", lang))
        return
    for res in held:
        r = res.round
        labels = {o.id: bi(o, "label", lang) for o in r.options}
        doc.add(Heading(bi(r, "title", lang) or r.join_code, level + 1))
        tt = res.turnout
        doc.add(
            Paragraph(
                t(
                    "docs.round_intro",
                    lang,
                    method=label("vote_methods", r.method, lang),
                    status=label("round_statuses", r.status, lang),
                    total=num(tt.total, lang),
                    phone=num(tt.phone, lang),
                    paper=num(tt.paper, lang),
                    women=num(tt.sex_total("f"), lang),
                    men=num(tt.sex_total("m"), lang),
                )
            )
        )
        if not res.has_ballots:
            doc.add(missing("docs.missing.ballots", lang))
            continue
        ranked = sorted(res.overall, key=lambda o: (o.rank is None, o.rank or 0))
        doc.add(
            Table(
                [
                    t("docs.col.rank", lang),
                    t("docs.col.option", lang),
                    t("docs.col.score", lang),
                    t("docs.col.phone", lang),
                    t("docs.col.paper", lang),
                ],
                [
                    [
                        str(o.rank or "—"),
                        labels.get(o.option_id, "?"),
                        _score(o.score, r.method, lang),
                        _score(o.phone, r.method, lang),
                        _score(o.paper, r.method, lang),
                    ]
                    for o in ranked
                ],
                widths=[0.8, 6, 1.4, 1.4, 1.4],
                numeric=[True, False, True, True, True],
            )
        )
        if charts is not None:
            fig = ranking_figure(
                [Bar(labels.get(o.option_id, "?"), o.rank, o.score, o.phone, o.paper) for o in ranked],
                scoring=r.method == "scoring",
                phone_name=t("docs.col.phone", lang),
                paper_name=t("docs.col.paper", lang),
                rtl=lang == "ar",
                label_chars=110,
            )
            add_if(
                doc, charts.add(f"round_{r.id}", fig, t("docs.fig.round", lang, title=bi(r, "title", lang)))
            )
        _splits(doc, res, labels, lang)
        _paper(doc, views.paper.get(r.id, ()), r, labels, lang)


def _group_name(dimension: str, group: str, lang: str) -> str:
    if not group:
        return t("docs.group.unknown", lang)
    return label("sexes" if dimension == "sex" else "roles", group, lang)


def _splits(doc: Document, res: Any, labels: dict[int, str], lang: str) -> None:
    shown = [g for g in res.groups if g.shown]
    hidden = [g for g in res.groups if not g.shown]
    if shown:
        cols = [t("docs.col.option", lang)] + [
            f"{_group_name(g.dimension, g.group, lang)} ({num(g.ballots, lang)})" for g in shown
        ]
        ranks = {i: {o.option_id: o.rank for o in g.results} for i, g in enumerate(shown)}
        rows = [
            [
                labels.get(o.option_id, "?"),
                *(str(ranks[i].get(o.option_id) or "—") for i in range(len(shown))),
            ]
            for o in sorted(res.overall, key=lambda o: (o.rank is None, o.rank or 0))
        ]
        doc.add(
            Table(
                cols,
                rows,
                widths=[5] + [1.3] * len(shown),
                numeric=[False] + [True] * len(shown),
                caption=t("docs.splits_caption", lang),
            )
        )
    if hidden:
        doc.add(
            Paragraph(
                t(
                    "docs.splits_hidden",
                    lang,
                    groups=", ".join(_group_name(g.dimension, g.group, lang) for g in hidden),
                ),
                style="note",
            )
        )


def _paper(doc: Document, groups: Any, r: Any, labels: dict[int, str], lang: str) -> None:
    if not groups:
        return
    doc.add(Paragraph(t("docs.paper_intro", lang), style="note"))
    # Options down the page, one column per group: a round has a dozen options but few paper groups.
    cols = [t("docs.col.option", lang)] + [
        f"{_group_name('sex', g.sex, lang)} · {_group_name('role', g.role, lang)} ({num(g.ballots, lang)})"
        for g in groups
    ]
    rows = [
        [
            labels[o.id],
            *(
                _score(sum(v for (oid, _c), v in g.values.items() if oid == o.id), r.method, lang)
                for g in groups
            ),
        ]
        for o in r.options
    ]
    doc.add(Table(cols, rows, widths=[5] + [1.6] * len(groups), numeric=[False] + [True] * len(groups)))


def decisions(doc: Document, views: Views, lang: str, level: int = 1) -> None:
    doc.add(Heading(t("docs.h.decisions", lang), level))
    items = [(w, bi(w, "decisions", lang)) for w in views.workshops]
    items = [(w, d) for w, d in items if d]
    if not items:
        doc.add(missing("docs.missing.decisions", lang))
        return
    doc.add(Bullets([f"{bi(w, 'title', lang)} ({_when(w, lang)}) — {d}" for w, d in items]))
