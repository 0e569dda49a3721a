"""Rapport de diagnostic révisé: the diagnostic as the workshop left it, and what the workshop changed.

What changed comes from the audit trail (pac.services.audit): every SWOT item or finding created,
edited, merged, moved or deleted, by whom and when.  Its summaries were written in French when the
change was made unless the trail stores them as translation keys (then they are read in the document's
language)."""

from __future__ import annotations

from collections import Counter

from pac.domain import fmt
from pac.exports.documents.common import Charts, Renderer, Views, missing, new_document, num
from pac.exports.documents.model import Document, Heading, Paragraph, Table
from pac.exports.documents.synthese import findings_section, swot_section
from pac.i18n import has, t

SWOT_ENTITY, FINDING_ENTITY = "swot_item", "finding"


def action_label(action: str, lang: str) -> str:
    key = f"docs.action.{action}"
    return t(key, lang) if has(key) else action


def _summary(entry: object, lang: str) -> str:
    """The change's summary in `lang` when the trail can say it (older entries: as recorded)."""
    text = getattr(entry, "text", None)
    return text(lang) if callable(text) else str(getattr(entry, "summary", ""))


def build_diagnostic(views: Views, lang: str, render: Renderer | None = None) -> Document:
    doc = new_document("diagnostic", views, lang)
    charts = Charts(render, lang)
    doc.add(Heading(t("docs.h.revision", lang)))
    history = [e for e in views.swot_history if e.action != "undo"]
    if not history:
        doc.add(missing("docs.missing.revision", lang))
    else:
        counts = Counter((e.entity, e.action) for e in history if not e.undone)
        doc.add(Paragraph(t("docs.revision_intro", lang, n=len(history))))
        doc.add(
            Table(
                [t("docs.col.what", lang), t("docs.col.change", lang), t("docs.col.count", lang)],
                [
                    [t(f"docs.entity.{entity}", lang), action_label(action, lang), num(n, lang)]
                    for (entity, action), n in sorted(counts.items())
                ],
                widths=[3, 3, 1],
                numeric=[False, False, True],
            )
        )
        doc.add(Heading(t("docs.h.revision_log", lang), 2))
        if lang == "ar" and not hasattr(history[0], "text"):
            doc.add(Paragraph(t("docs.revision_french", lang), style="note"))
        doc.add(
            Table(
                [
                    t("docs.col.when", lang),
                    t("docs.col.what", lang),
                    t("docs.col.change", lang),
                    t("docs.col.summary", lang),
                    t("docs.col.who", lang),
                ],
                [
                    [
                        fmt.datetime(e.local_time, lang=lang),
                        t(f"docs.entity.{e.entity}", lang),
                        action_label(e.action, lang) + (f" ({t('docs.undone', lang)})" if e.undone else ""),
                        _summary(e, lang),
                        e.username or "—",
                    ]
                    for e in reversed(history)  # oldest first: the order of the workshop
                ],
                widths=[2, 2, 2, 6, 2],
            )
        )
    swot_section(doc, views, lang)
    findings_section(doc, views, lang, charts)
    return charts.flush(doc)
