"""Findings and SWOT items in French, in Arabic or in both (issue 12), on a real SQLite file.

A French-only, an Arabic-only and a bilingual object each; a text typed in one language only is filed by
its script; SWOT proposals and merges carry both versions; the history reads in the reader's language.
"""

from __future__ import annotations

import pandas as pd
import pytest

from pac.db import Database
from pac.domain import diagnostic_import as fi
from pac.domain.errors import DomainError
from pac.services import audit, communes, diagnostic, swot

FR_TEXT = "Coupures d'eau en été"
AR_TEXT = "انقطاع الماء الصالح للشرب في الصيف"


@pytest.fixture
def plan(catalogued_db: Database) -> tuple[int, int]:
    c = communes.create_commune(catalogued_db, {"name_fr": "Ammelne", "province": "Tiznit"})
    p = communes.create_plan(catalogued_db, c.id, {"start_year": 2028})
    return c.id, p.id


def _finding(**text: str) -> dict[str, object]:
    return {"source": "diagnostic_workshop", "kind": "constraint", "sector": "water", **text}


def test_a_finding_in_french_in_arabic_or_in_both(catalogued_db: Database, plan: tuple[int, int]) -> None:
    cid, _ = plan
    fr = diagnostic.add_finding(catalogued_db, cid, _finding(text=FR_TEXT, text_ar=""))
    ar = diagnostic.add_finding(catalogued_db, cid, _finding(text="", text_ar=AR_TEXT))
    both = diagnostic.add_finding(catalogued_db, cid, _finding(text=FR_TEXT, text_ar=AR_TEXT))
    assert (fr.text, fr.text_ar) == (FR_TEXT, "")
    assert (ar.text, ar.text_ar) == ("", AR_TEXT)
    assert (both.text, both.text_ar) == (FR_TEXT, AR_TEXT)
    frame = diagnostic.findings_frame(catalogued_db, cid)
    assert list(frame["text_ar"]) == ["", AR_TEXT, AR_TEXT]  # the grid has both columns


def test_a_finding_needs_one_version_and_names_the_field(
    catalogued_db: Database, plan: tuple[int, int]
) -> None:
    cid, _ = plan
    with pytest.raises(DomainError, match="Constat.*obligatoire"):
        diagnostic.add_finding(catalogued_db, cid, _finding(text=" ", text_ar=""))
    with pytest.raises(DomainError, match=r"Constat \(arabe\).*balises HTML"):
        diagnostic.add_finding(catalogued_db, cid, _finding(text=FR_TEXT, text_ar="<b>x</b>"))
    assert diagnostic.count_findings(catalogued_db, cid) == 0  # nothing saved


def test_one_text_without_its_language_is_filed_by_its_script(
    catalogued_db: Database, plan: tuple[int, int]
) -> None:
    cid, _ = plan
    f = diagnostic.add_finding(catalogued_db, cid, _finding(text=AR_TEXT))  # no `text_ar` key at all
    assert (f.text, f.text_ar) == ("", AR_TEXT)


def test_grid_edits_keep_each_version_as_typed(catalogued_db: Database, plan: tuple[int, int]) -> None:
    cid, _ = plan
    f = diagnostic.add_finding(catalogued_db, cid, _finding(text=FR_TEXT, text_ar=""))
    row = diagnostic.findings_frame(catalogued_db, cid).to_dict("records")[0]
    changes = {f.id: {**_finding(text=row["text"], text_ar=AR_TEXT), "douars": "", "raised_by": ""}}
    diagnostic.update_findings(catalogued_db, cid, changes)
    (again,) = diagnostic.list_findings(catalogued_db, cid)
    assert (again.text, again.text_ar) == (FR_TEXT, AR_TEXT)


def test_import_with_an_arabic_column_and_without(catalogued_db: Database, plan: tuple[int, int]) -> None:
    cid, _ = plan
    csv = f"Constat;Constat (arabe);Type;Source\n{FR_TEXT};{AR_TEXT};Contrainte;AIF\n;{AR_TEXT};Besoin;AIF\n"
    df = fi.read_table("c.csv", csv.encode("utf-8"))
    mapping = fi.guess_mapping(list(df.columns))
    assert (mapping["text"], mapping["text_ar"]) == ("Constat", "Constat (arabe)")
    assert diagnostic.import_findings(catalogued_db, cid, df, mapping) == 2
    # one text column holding both languages: each text goes to its version by its script
    one = f"Constat;Type;Source\n{AR_TEXT};Atout;Monographie\nArganeraie étendue;Potentialité;Monographie\n"
    df = fi.read_table("d.csv", one.encode("utf-8"))
    mapping = fi.guess_mapping(list(df.columns))
    assert mapping["text_ar"] is None
    assert diagnostic.import_findings(catalogued_db, cid, df, mapping) == 2
    got = [(f.text, f.text_ar) for f in diagnostic.list_findings(catalogued_db, cid)]
    assert got == [(FR_TEXT, AR_TEXT), ("", AR_TEXT), ("", AR_TEXT), ("Arganeraie étendue", "")]
    # neither text column chosen: refused, naming the field
    with pytest.raises(DomainError, match="Constat"):
        fi.check_mapping(
            {"text": None, "text_ar": None, "kind": "Type", "source": "Source"}, ["Type", "Source"]
        )


def test_swot_items_proposals_and_merge_carry_both_versions(
    catalogued_db: Database, plan: tuple[int, int]
) -> None:
    cid, pid = plan
    diagnostic.add_finding(catalogued_db, cid, _finding(text=FR_TEXT, text_ar=AR_TEXT))
    diagnostic.add_finding(catalogued_db, cid, _finding(text="Réseau vétuste", text_ar=""))
    (proposal,) = swot.proposals(catalogued_db, pid)
    assert FR_TEXT in proposal.text and "Réseau vétuste" in proposal.text
    assert AR_TEXT in proposal.text_ar and "Réseau" not in proposal.text_ar  # each version from its own texts
    ar_only = swot.add_item(catalogued_db, pid, {"quadrant": "W", "text": "", "text_ar": "طرق متدهورة"})
    fr_only = swot.add_item(catalogued_db, pid, {"quadrant": "W", "text": "Pistes dégradées", "text_ar": ""})
    both = swot.add_item(
        catalogued_db, pid, {"quadrant": "W", "text": "Douars enclavés", "text_ar": "دواوير معزولة"}
    )
    assert (ar_only.text, ar_only.text_ar) == ("", "طرق متدهورة")
    merged = swot.merge_items(catalogued_db, both.id, ar_only.id)
    assert (merged.text, merged.text_ar) == ("Douars enclavés", "دواوير معزولة؛ طرق متدهورة")
    merged = swot.merge_items(catalogued_db, merged.id, fr_only.id)
    assert merged.text == "Douars enclavés ; Pistes dégradées"
    with pytest.raises(DomainError, match="Texte de l'élément.*obligatoire"):
        swot.add_item(catalogued_db, pid, {"quadrant": "S", "text": "", "text_ar": "  "})


def test_history_reads_in_the_readers_language(catalogued_db: Database, plan: tuple[int, int]) -> None:
    cid, pid = plan
    swot.add_item(catalogued_db, pid, {"quadrant": "S", "text": "Solidarité des douars", "text_ar": ""})
    swot.add_item(catalogued_db, pid, {"quadrant": "O", "text": "", "text_ar": "برنامج جهوي للماء"})
    newest, oldest = swot.history(catalogued_db, cid)
    assert oldest.text("fr") == oldest.summary == "Ajout de F1 « Solidarité des douars »"
    # in Arabic: the Arabic number, and the French-only text isolated so neither direction scrambles
    assert oldest.text("ar") == "إضافة ق1 « \u2068Solidarité des douars\u2069 »"
    assert newest.text("ar") == "إضافة ف1 « برنامج جهوي للماء »"
    swot.undo_last(catalogued_db, cid)
    undo = swot.history(catalogued_db, cid)[0]
    assert undo.text("fr").startswith("Annulation : Ajout de O1")
    assert undo.text("ar").startswith("تراجع عن: إضافة ف1")
    # entries written before summaries were keys read as they were stored
    assert audit.render("Constat ajouté : « x »", "ar") == "Constat ajouté : « x »"


def test_retag_summary_lists_the_fields_in_each_language(
    catalogued_db: Database, plan: tuple[int, int]
) -> None:
    cid, _ = plan
    f = diagnostic.add_finding(catalogued_db, cid, _finding(text=FR_TEXT))
    diagnostic.retag_findings(catalogued_db, cid, [f.id], {"kind": "need", "source": "monograph"})
    entry = diagnostic.history(catalogued_db, cid)[0]
    assert entry.text("fr") == "1 constat(s) re-classé(s) (Source, Type de constat)"
    assert entry.text("ar") == "إعادة تصنيف ملاحظات (العدد: 1؛ المصدر، نوع الملاحظة)"


def test_findings_frame_has_both_columns_when_empty(catalogued_db: Database, plan: tuple[int, int]) -> None:
    frame = diagnostic.findings_frame(catalogued_db, plan[0])
    assert isinstance(frame, pd.DataFrame) and {"text", "text_ar"} <= set(frame.columns)


def test_a_refusal_read_in_arabic_names_the_field_in_arabic(
    catalogued_db: Database, plan: tuple[int, int]
) -> None:
    cid, pid = plan
    with pytest.raises(DomainError) as e:
        diagnostic.add_finding(catalogued_db, cid, _finding(text="", text_ar=""), lang="ar")
    assert e.value.messages == ["حقل « الملاحظة »: املأ إحدى الصيغتين على الأقل (الفرنسية أو العربية)."]
    with pytest.raises(DomainError) as e:
        swot.add_item(catalogued_db, pid, {"quadrant": "S", "text": "<b>x</b>", "text_ar": ""}, lang="ar")
    assert "نص العنصر (بالفرنسية)" in e.value.messages[0] and "HTML" in e.value.messages[0]
    with pytest.raises(DomainError) as e:
        communes.save_workshop(catalogued_db, cid, {"title": "", "title_ar": ""}, lang="ar")
    assert e.value.messages == ["حقل « العنوان »: املأ إحدى الصيغتين على الأقل (الفرنسية أو العربية)."]
    assert diagnostic.count_findings(catalogued_db, cid) == 0 and not swot.list_items(catalogued_db, pid)
