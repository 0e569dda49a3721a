"""The one translation table: complete in French, Arabic for the frame, every key used exists."""

from __future__ import annotations

import re
from pathlib import Path

from pac.domain import vocab as codes
from pac.i18n import PLURAL_CATEGORIES, TABLE, t, vocab

ROOT = Path(__file__).resolve().parent.parent
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""")


def test_every_literal_key_used_in_code_exists_in_french() -> None:
    missing = []
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("pac/**/*.py")]:
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8")):
            if key not in TABLE["fr"]:
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []


def test_frame_is_translated_to_arabic() -> None:
    from pac.i18n import frame

    assert set(frame.FR) <= set(frame.AR), sorted(set(frame.FR) - set(frame.AR))
    assert all(re.search("[\u0600-\u06ff]", v) for v in frame.AR.values())


def test_arabic_keys_all_exist_in_french() -> None:
    # Arabic needs plural forms French does not (key.two, key.few…): they belong to French's key.other.
    def known(k: str) -> bool:
        head, _, form = k.rpartition(".")
        return k in TABLE["fr"] or (form in PLURAL_CATEGORIES and f"{head}.other" in TABLE["fr"])

    assert [k for k in TABLE["ar"] if not known(k)] == []


def test_every_code_of_the_closed_lists_has_a_french_label() -> None:
    lists = {
        "sources": codes.SOURCES, "finding_kinds": codes.FINDING_KINDS, "quadrants": codes.QUADRANTS,
        "roles": codes.ROLES, "sexes": codes.SEXES, "commune_kinds": codes.COMMUNE_KINDS,
        "workshop_kinds": codes.WORKSHOP_KINDS, "project_statuses": codes.PROJECT_STATUSES,
        "competence_levels": codes.COMPETENCE_LEVELS, "partner_kinds": codes.PARTNER_KINDS,
        "funding_statuses": codes.FUNDING_STATUSES, "indicator_levels": codes.INDICATOR_LEVELS,
        "frequencies": codes.FREQUENCIES, "disaggregations": codes.DISAGGREGATIONS,
        "vote_methods": codes.VOTE_METHODS, "round_statuses": codes.ROUND_STATUSES, "markers": codes.MARKERS,
    }
    missing = [f"{name}.{c}" for name, values in lists.items() for c in values
               if c and f"vocab.{name}.{c}" not in TABLE["fr"]]
    assert missing == []


def test_lookup_falls_back_to_french_then_key_and_formats(monkeypatch) -> None:
    assert t("frame.signed_in_as", "fr", name="Amina") == "Connecté·e : Amina"
    assert t("frame.signed_in_as", "ar", name="Amina").endswith("\u2068Amina\u2069")  # isolated in Arabic
    monkeypatch.setitem(TABLE, "fr", {**TABLE["fr"], "t.only_fr": "Mensuelle"})
    assert t("t.only_fr", "ar") == "Mensuelle"  # no Arabic: French
    assert t("no.such.key") == "no.such.key"
    assert vocab("quadrants", "S", "ar") == "نقاط القوة"
