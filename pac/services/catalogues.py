"""Reference catalogues: sectors, competences, partners, markers and their levels, migration criteria,
the councils' mandates.

They ship as CSV files in `data/` and are copied into the database on first start
(`load_if_empty`).  From then on the database is the reference: a facilitator may
correct a label or add a partner (`save_catalogue`), but a code still used by a
project or a finding can never disappear.  The eleven communes of the mission
come from `data/communes.csv` (`load_mission_communes`).

Longer than 600 lines because each of the five catalogues has its own CSV columns and its own
« still used » check; they share one loader and one save path here rather than five modules.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pac.db import ROOT, Database
from pac.domain import validate as v
from pac.domain import vocab
from pac.domain.errors import Collector, DomainError
from pac.i18n import t, vocab_labels
from pac.models import (
    Commune,
    Competence,
    Finding,
    Funding,
    Mandate,
    Marker,
    MarkerLevel,
    MigrationCriterion,
    Partner,
    Project,
    ProjectPartner,
    Sector,
    SwotItem,
)

if TYPE_CHECKING:  # pandas is imported where a table is built: every start loads this module, not a table
    import pandas as pd

DATA_DIR = ROOT / "data"
CATALOGUES = (
    "sectors",
    "competences",
    "partners",
    "markers",
    "marker_levels",
    "migration_criteria",
    "mandates",
)
COMMUNE_PARTNER = "COMMUNE"  # the commune itself, as lead or funder of its projects
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_TRUE = {"true", "vrai", "oui", "1", "yes", "x"}
_FALSE = {"false", "faux", "non", "0", "no", ""}


@dataclass(frozen=True)
class _Spec:
    model: type
    columns: tuple[str, ...]
    key: tuple[str, ...]


_SPECS: dict[str, _Spec] = {
    "sectors": _Spec(Sector, ("code", "label_fr", "label_ar", "position"), ("code",)),
    "competences": _Spec(
        Competence,
        (
            "code",
            "level",
            "article",
            "domain_fr",
            "domain_ar",
            "sector_code",
            "keywords",
            "keywords_ar",
            "verified",
        ),
        ("code",),
    ),
    "partners": _Spec(Partner, ("code", "name_fr", "name_ar", "kind"), ("code",)),
    "markers": _Spec(Marker, ("code", "label_fr", "label_ar", "position"), ("code",)),
    "marker_levels": _Spec(
        MarkerLevel, ("marker_code", "value", "definition_fr", "definition_ar"), ("marker_code", "value")
    ),
    "migration_criteria": _Spec(MigrationCriterion, ("code", "label_fr", "label_ar"), ("code",)),
    # The councils' elections, for the first-year rule of the checklist (LO 113-14 art. 78).
    "mandates": _Spec(Mandate, ("code", "elected_on", "label_fr", "label_ar", "source"), ("code",)),
}

# Columns that must be filled in every row (the key columns are always required).
_REQUIRED = {
    "sectors": ("label_fr",),
    "competences": ("level", "domain_fr"),
    "partners": ("name_fr", "kind"),
    "markers": ("label_fr",),
    "marker_levels": ("definition_fr",),
    "migration_criteria": ("label_fr",),
    "mandates": ("label_fr",),
}


# --------------------------------------------------------------------------- plain data out


@dataclass(frozen=True)
class CompetenceInfo:
    code: str
    level: str
    article: str
    domain_fr: str
    domain_ar: str
    sector_code: str | None
    keywords: tuple[str, ...]
    verified: bool

    def domain(self, lang: str = "fr") -> str:
        return (self.domain_ar if lang == "ar" else "") or self.domain_fr


@dataclass(frozen=True)
class PartnerInfo:
    code: str
    name_fr: str
    name_ar: str
    kind: str

    def name(self, lang: str = "fr") -> str:
        return (self.name_ar if lang == "ar" else "") or self.name_fr


@dataclass(frozen=True)
class MarkerLevelInfo:
    value: int
    definition_fr: str
    definition_ar: str

    def definition(self, lang: str = "fr") -> str:
        return (self.definition_ar if lang == "ar" else "") or self.definition_fr


@dataclass(frozen=True)
class MarkerInfo:
    code: str
    label_fr: str
    label_ar: str
    position: int
    levels: tuple[MarkerLevelInfo, ...]

    def label(self, lang: str = "fr") -> str:
        return (self.label_ar if lang == "ar" else "") or self.label_fr


# --------------------------------------------------------------------------- loading


def catalogue_columns(name: str) -> tuple[str, ...]:
    """The columns of a catalogue, in the order of its CSV file and of `list_catalogue`."""
    return _spec(name).columns


def load_if_empty(db: Database) -> dict[str, int]:
    """On first start, fill every empty catalogue from its CSV file (one transaction).

    Returns the number of rows loaded per catalogue (0 for a catalogue already filled).
    """
    try:
        with db.write() as s:
            return fill_empty(s)
    except IntegrityError:
        # Another process (a second server on PostgreSQL) loaded them at the same moment.
        with db.write() as s:
            return fill_empty(s)


def fill_empty(s: Session) -> dict[str, int]:
    """Inside a transaction: the work of `load_if_empty` (used by the demo's single transaction)."""
    loaded: dict[str, int] = {}
    for name in CATALOGUES:
        spec = _SPECS[name]
        if s.scalar(select(func.count()).select_from(spec.model)):
            loaded[name] = 0
            continue
        rows = _clean_csv(s, name)
        s.add_all(spec.model(**row) for row in rows)
        s.flush()
        loaded[name] = len(rows)
    return loaded


def restore_codes(s: Session, name: str, codes: Iterable[str]) -> int:
    """Inside a transaction: put back from the CSV file the rows of `codes` missing from a catalogue.

    Used by the demo commune, which needs its codes even if a catalogue was edited.
    """
    spec = _spec(name)
    wanted = {c for c in codes if c}
    present = set(s.scalars(select(getattr(spec.model, spec.key[0]))))
    missing = wanted - present
    if not missing:
        return 0
    rows = {row[spec.key[0]]: row for row in _clean_csv(s, name, only=missing)}
    absent = sorted(missing - rows.keys())
    if absent:
        raise DomainError(
            f"Le catalogue « {t(f'catalogues.name.{name}')} » ne contient pas les codes {', '.join(absent)} "
            f"et le fichier data/{name}.csv non plus."
        )
    s.add_all(spec.model(**rows[code]) for code in sorted(missing))
    s.flush()
    return len(missing)


def _clean_csv(s: Session, name: str, only: set[str] | None = None) -> list[dict[str, Any]]:
    """The rows of a reference file, checked like an edit (the file may have been edited by hand).

    With `only`, just the rows of those codes are read and checked.
    """
    path = DATA_DIR / f"{name}.csv"
    key = _SPECS[name].key[0]
    numbered = [
        (line, r)
        for line, r in enumerate(_read_csv(path), start=2)  # line 1 is the header
        if only is None or str(r.get(key, "")).strip() in only
    ]
    c = Collector()
    rows = _clean(s, name, numbered, c, sheet=path.name)
    c.raise_if_any()
    return rows


def _read_csv(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise DomainError(f"Fichier de référence introuvable : data/{path.name}.")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def load_mission_communes(db: Database) -> int:
    """Create the eleven communes of the mission when none of them exists yet (idempotent).

    Populations stay empty: they are filled from the census by the facilitator.
    Returns the number of communes created.
    """
    records = _read_csv(DATA_DIR / "communes.csv")
    wanted = [(v.slugify(r["name_fr"]), r) for r in records]
    with db.write() as s:
        existing = set(s.scalars(select(Commune.slug).where(Commune.slug.in_([slug for slug, _ in wanted]))))
        if existing:
            return 0
        c = Collector()
        communes = []
        for i, (slug, r) in enumerate(wanted, start=2):
            where = {"sheet": "communes.csv", "row": i}
            communes.append(
                Commune(
                    slug=slug,
                    name_fr=v.text(c, "name_fr", r.get("name_fr"), required=True, max_len=200, **where),
                    name_ar=v.text(c, "name_ar", r.get("name_ar"), max_len=200, **where),
                    province=v.text(c, "province", r.get("province"), max_len=120, **where),
                    region=v.text(c, "region", r.get("region"), max_len=120, **where),
                    kind=v.choice(c, "kind", r.get("kind"), vocab.COMMUNE_KINDS, **where) or "rural",
                    population=v.integer(c, "population", r.get("population"), **where),
                    notes=v.text(c, "notes", r.get("notes"), max_len=2000, **where),
                    is_demo=False,
                    archived=False,
                )
            )
        c.raise_if_any()
        s.add_all(communes)
        return len(communes)


# --------------------------------------------------------------------------- reading


def list_catalogue(db: Database, name: str) -> pd.DataFrame:
    """A catalogue as a table with the columns of its CSV file, in display order."""
    spec = _spec(name)
    with db.read() as s:
        rows = [{col: getattr(obj, col) for col in spec.columns} for obj in _ordered(s, name)]
    import pandas as pd

    df = pd.DataFrame(rows, columns=list(spec.columns))
    if "elected_on" in df.columns:  # the editor's date column needs datetimes (empty: not yet dated)
        df["elected_on"] = pd.to_datetime(df["elected_on"])
    if "verified" in df.columns:
        df["verified"] = df["verified"].astype(bool)
    for col in ("position", "value"):
        if col in df.columns:
            df[col] = df[col].astype("int64")
    return df


def _ordered(s: Session, name: str) -> list[Any]:
    if name == "sectors":
        return list(s.scalars(select(Sector).order_by(Sector.position, Sector.code)))
    if name == "markers":
        return list(s.scalars(select(Marker).order_by(Marker.position, Marker.code)))
    if name == "marker_levels":
        return list(
            s.scalars(
                select(MarkerLevel)
                .join(Marker, Marker.code == MarkerLevel.marker_code)
                .order_by(Marker.position, Marker.code, MarkerLevel.value)
            )
        )
    # These tables have no position column: keep the order of the reference file, where related
    # items sit together; codes added by a user come after, alphabetically.
    order = _file_order(name)
    if name == "competences":
        rank = {lvl: i for i, lvl in enumerate(vocab.COMPETENCE_LEVELS)}
        items = list(s.scalars(select(Competence)))
        return sorted(
            items, key=lambda x: (rank.get(x.level, len(rank)), order.get(x.code, len(order)), x.code)
        )
    if name == "partners":
        items = list(s.scalars(select(Partner)))
        return sorted(
            items, key=lambda x: (x.code != COMMUNE_PARTNER, order.get(x.code, len(order)), x.name_fr)
        )
    if name == "mandates":
        return list(s.scalars(select(Mandate).order_by(Mandate.code)))
    items = list(s.scalars(select(MigrationCriterion)))
    return sorted(items, key=lambda x: (order.get(x.code, len(order)), x.code))


@functools.cache
def _file_order(name: str) -> dict[str, int]:
    try:
        records = _read_csv(DATA_DIR / f"{name}.csv")
    except DomainError:
        return {}
    return {str(r.get("code", "")).strip(): i for i, r in enumerate(records)}


def partner_names(db: Database, lang: str = "fr") -> dict[str, str]:
    """Partner code -> name (the commune first), in `lang` with French when Arabic is missing."""
    return {p.code: p.name(lang) for p in partners(db)}


def partners(db: Database) -> list[PartnerInfo]:
    with db.read() as s:
        return [PartnerInfo(p.code, p.name_fr, p.name_ar, p.kind) for p in _ordered(s, "partners")]


def sector_names(db: Database, lang: str = "fr") -> dict[str, str]:
    """Sector code -> label, in the catalogue's order."""
    with db.read() as s:
        return {x.code: (x.label_ar if lang == "ar" else "") or x.label_fr for x in _ordered(s, "sectors")}


def competences(db: Database) -> list[CompetenceInfo]:
    """All competences, the commune's own first, then shared, transferred, province, region, State."""
    with db.read() as s:
        return [
            CompetenceInfo(
                x.code,
                x.level,
                x.article,
                x.domain_fr,
                x.domain_ar,
                x.sector_code,
                tuple(k.strip() for k in x.keywords.split(";") if k.strip()),
                bool(x.verified),
            )
            for x in _ordered(s, "competences")
        ]


def markers(db: Database) -> list[MarkerInfo]:
    """The cross-cutting markers with the definition of each level 0, 1, 2."""
    with db.read() as s:
        levels: dict[str, list[MarkerLevelInfo]] = {}
        for lv in _ordered(s, "marker_levels"):
            levels.setdefault(lv.marker_code, []).append(
                MarkerLevelInfo(lv.value, lv.definition_fr, lv.definition_ar)
            )
        return [
            MarkerInfo(m.code, m.label_fr, m.label_ar, m.position, tuple(levels.get(m.code, ())))
            for m in _ordered(s, "markers")
        ]


def migration_criteria(db: Database, lang: str = "fr") -> dict[str, str]:
    """Criterion code -> label of the migration & development marker."""
    with db.read() as s:
        return {
            x.code: (x.label_ar if lang == "ar" else "") or x.label_fr
            for x in _ordered(s, "migration_criteria")
        }


# --------------------------------------------------------------------------- editing


def save_catalogue(db: Database, name: str, df: pd.DataFrame) -> int:
    """Replace a catalogue by the edited table `df`, all or nothing.

    Every row is checked (required fields, closed lists, marker values 0-2, unique
    codes); a code still used by a project, a finding or another catalogue cannot
    be removed.  Rows are updated in place, so references stay valid.  Returns the
    number of rows saved.
    """
    spec = _spec(name)
    sheet = t(f"catalogues.name.{name}")
    c = Collector()
    missing = [col for col in spec.key + _REQUIRED[name] if col not in df.columns]
    for col in missing:
        c.add(col, "colonne manquante dans le tableau.", sheet=sheet)
    c.raise_if_any()
    records = list(_records(df))
    with db.write() as s:
        rows = _clean(s, name, list(enumerate(records, start=1)), c, sheet=sheet)
        if not c:
            _check_whole(s, name, rows, c, sheet)
        c.raise_if_any()
        existing = {_key(obj, spec.key): obj for obj in s.scalars(select(spec.model))}
        for row in rows:
            obj = existing.pop(tuple(row[k] for k in spec.key), None)
            if obj is None:
                s.add(spec.model(**row))
            else:
                for col, value in row.items():
                    setattr(obj, col, value)
        for obj in existing.values():  # unreferenced, checked above
            s.delete(obj)
    return len(rows)


def _records(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for record in df.to_dict("records"):
        yield {str(k): (None if _is_na(val) else val) for k, val in record.items()}


def _is_na(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other non-scalars
        return False


def _key(obj: Any, key: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(obj, k) for k in key)


def _spec(name: str) -> _Spec:
    if name not in _SPECS:
        raise DomainError(f"Catalogue inconnu : « {name} » (catalogues : {', '.join(CATALOGUES)}).")
    return _SPECS[name]


def _clean(
    s: Session, name: str, numbered: list[tuple[int, dict[str, Any]]], c: Collector, *, sheet: str
) -> list[dict[str, Any]]:
    """Check every row of a catalogue and return them typed; problems go to `c`."""
    sectors = set(s.scalars(select(Sector.code))) if name == "competences" else set()
    marker_codes = set(s.scalars(select(Marker.code))) if name == "marker_levels" else set()
    seen: dict[tuple[Any, ...], int] = {}
    rows: list[dict[str, Any]] = []
    key = _SPECS[name].key
    for i, (row_no, r) in enumerate(numbered):
        w = {"sheet": sheet, "row": row_no}
        out: dict[str, Any] = {}
        if name == "marker_levels":
            out["marker_code"] = v.choice(c, "marker_code", r.get("marker_code"), sorted(marker_codes), **w)
            out["value"] = v.choice(c, "value", _as_int(r.get("value")), vocab.MARKER_VALUES, **w)
            out["definition_fr"] = v.text(
                c, "definition_fr", r.get("definition_fr"), required=True, max_len=2000, **w
            )
            out["definition_ar"] = v.text(c, "definition_ar", r.get("definition_ar"), max_len=2000, **w)
        else:
            out["code"] = _code(c, r.get("code"), w)
        if name in ("sectors", "markers"):
            out["label_fr"] = v.text(c, "label_fr", r.get("label_fr"), required=True, max_len=200, **w)
            out["label_ar"] = v.text(c, "label_ar", r.get("label_ar"), max_len=200, **w)
            position = v.integer(c, "position", r.get("position"), **w)
            out["position"] = position if position is not None else i + 1
        if name == "markers" and out["code"] and out["code"] not in vocab.MARKERS:
            c.add(
                "code",
                f"« {out['code']} » n'est pas un marqueur connu ({', '.join(vocab.MARKERS)}) : "
                "chaque marqueur correspond à une colonne des projets.",
                **w,
            )
        if name == "competences":
            out["level"] = v.choice(
                c,
                "level",
                r.get("level"),
                vocab.COMPETENCE_LEVELS,
                labels=vocab_labels("competence_levels", vocab.COMPETENCE_LEVELS),
                **w,
            )
            out["article"] = v.text(c, "article", r.get("article"), max_len=80, **w)
            out["domain_fr"] = v.text(c, "domain_fr", r.get("domain_fr"), required=True, max_len=300, **w)
            out["domain_ar"] = v.text(c, "domain_ar", r.get("domain_ar"), max_len=300, **w)
            sector = v.text(c, "sector_code", r.get("sector_code"), max_len=40, **w) or None
            if sector and sector not in sectors:
                c.add(
                    "sector_code",
                    f"le secteur « {sector} » n'existe pas dans le catalogue des secteurs.",
                    **w,
                )
            out["sector_code"] = sector
            out["keywords"] = v.text(c, "keywords", r.get("keywords"), max_len=2000, **w)
            out["keywords_ar"] = v.text(c, "keywords_ar", r.get("keywords_ar"), max_len=2000, **w)
            out["verified"] = _boolean(c, "verified", r.get("verified"), w)
        if name == "partners":
            out["name_fr"] = v.text(c, "name_fr", r.get("name_fr"), required=True, max_len=300, **w)
            out["name_ar"] = v.text(c, "name_ar", r.get("name_ar"), max_len=300, **w)
            out["kind"] = v.choice(
                c,
                "kind",
                r.get("kind"),
                vocab.PARTNER_KINDS,
                labels=vocab_labels("partner_kinds", vocab.PARTNER_KINDS),
                **w,
            )
        if name == "migration_criteria":
            out["label_fr"] = v.text(c, "label_fr", r.get("label_fr"), required=True, max_len=300, **w)
            out["label_ar"] = v.text(c, "label_ar", r.get("label_ar"), max_len=300, **w)
        if name == "mandates":
            out["elected_on"] = v.date(c, "elected_on", r.get("elected_on"), **w)
            out["label_fr"] = v.text(c, "label_fr", r.get("label_fr"), required=True, max_len=300, **w)
            out["label_ar"] = v.text(c, "label_ar", r.get("label_ar"), max_len=300, **w)
            out["source"] = v.text(c, "source", r.get("source"), max_len=300, **w)
        k = tuple(out.get(col) for col in key)
        if all(x is not None and x != "" for x in k):
            if k in seen:
                shown = " / ".join(str(x) for x in k)
                c.add(
                    key[-1],
                    f"« {shown} » figure déjà à la ligne {seen[k]} : chaque code doit être unique.",
                    **w,
                )
            else:
                seen[k] = row_no
        rows.append(out)
    return rows


def _check_whole(s: Session, name: str, rows: list[dict[str, Any]], c: Collector, sheet: str) -> None:
    """Rules on the catalogue as a whole: nothing still in use disappears."""
    kept = {row[_SPECS[name].key[0]] for row in rows}
    if not rows:
        # An empty catalogue would be filled again from data/ at the next start.
        c.add("code", "un catalogue ne peut pas être vide.", sheet=sheet)
        return
    if name == "markers":
        for code in vocab.MARKERS:
            if code not in kept:
                c.add(
                    "code",
                    f"le marqueur « {code} » ne peut pas être supprimé : il correspond à une colonne des projets.",
                    sheet=sheet,
                )
        return
    if name == "marker_levels":
        have: dict[str, set[int]] = {}
        for row in rows:
            have.setdefault(row["marker_code"], set()).add(row["value"])
        for code in s.scalars(select(Marker.code).order_by(Marker.position)):
            lacking = sorted(set(vocab.MARKER_VALUES) - have.get(code, set()))
            if lacking:
                shown = ", ".join(str(x) for x in lacking)
                c.add(
                    "value",
                    f"le marqueur « {code} » doit garder une définition pour chaque niveau (manque : {shown}).",
                    sheet=sheet,
                )
        return
    if name == "partners":
        commune = next((row for row in rows if row["code"] == COMMUNE_PARTNER), None)
        if commune is None:
            c.add(
                "code",
                f"le partenaire « {COMMUNE_PARTNER} » (la commune elle-même) ne peut pas être supprimé.",
                sheet=sheet,
            )
        elif commune["kind"] != "commune":
            c.add(
                "kind", f"le partenaire « {COMMUNE_PARTNER} » doit rester de type « commune ».", sheet=sheet
            )
    for code, users in sorted(_references(s, name).items()):
        if code not in kept:
            c.add(
                "code",
                f"le code « {code} » est encore utilisé ({', '.join(sorted(users))}) : il ne peut pas être supprimé.",
                sheet=sheet,
            )


def _references(s: Session, name: str) -> dict[str, set[str]]:
    """Codes of a catalogue used elsewhere -> what uses them (in French)."""
    sources: list[tuple[Any, str]] = {
        "sectors": [
            (Finding.sector_code, "constats du diagnostic"),
            (SwotItem.sector_code, "éléments de l'AFOM"),
            (Project.sector_code, "projets"),
            (Competence.sector_code, "compétences"),
        ],
        "competences": [(Project.competence_code, "projets")],
        "partners": [
            (Project.lead_partner_code, "projets (chef de file)"),
            (ProjectPartner.partner_code, "partenaires de projets"),
            (Funding.partner_code, "financements"),
        ],
    }.get(name, [])
    refs: dict[str, set[str]] = {}
    for column, label in sources:
        for code in s.scalars(select(column).where(column.is_not(None)).distinct()):
            refs.setdefault(code, set()).add(label)
    if name == "migration_criteria":
        for codes in s.scalars(select(Project.migration_criteria)):
            for code in codes or []:
                refs.setdefault(str(code), set()).add("projets")
    return refs


def _code(c: Collector, value: Any, w: dict[str, Any]) -> str:
    code = v.text(c, "code", value, required=True, max_len=40, **w)
    if code and not _CODE.match(code):
        c.add(
            "code",
            f"« {code} » : un code ne contient que lettres sans accent, chiffres, « _ », « - » ou « . ».",
            **w,
        )
    return code


def _as_int(value: Any) -> Any:
    """'2' or 2.0 as typed in a grid -> 2; anything else unchanged for the choice message."""
    if isinstance(value, bool):
        return value
    try:
        x = float(str(value).strip().replace(",", "."))
    except (TypeError, ValueError):
        return value
    return int(x) if math.isfinite(x) and x == int(x) else value


def _boolean(c: Collector, field: str, value: Any, w: dict[str, Any]) -> bool:
    if value is None:
        return True
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):  # a 0/1 column of a spreadsheet
        return bool(value)
    s = str(value).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    c.add(field, f"« {value} » : répondre oui ou non.", **w)
    return True


def mandates(db: Database) -> list[Any]:
    """The councils' mandates as the domain reads them (pac.domain.adoption.Mandate), oldest first."""
    from pac.domain.adoption import Mandate as MandateRule

    with db.read() as s:
        return [
            MandateRule(m.code, m.elected_on, m.source)
            for m in s.scalars(select(Mandate).order_by(Mandate.elected_on, Mandate.code))
        ]
