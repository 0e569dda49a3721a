"""What a sheet and a column of the commune workbook declare, and the helpers that build columns.

A column says everything the rest of the code needs about it: its header and
type (the layout and the documentation), the model attribute it fills (export
and import), and, for a reference, what it points to and how that is checked
(`refers`, `scope`, `also_in`, `same`, `within`, `not_before`, `unique`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pac.domain import vocab

# Kinds of column.  Each has one canonical value type in the workbook dict (what the
# JSON holds and what an export compares equal to after a round trip).
TEXT = "text"  # str, "" when empty
INT = "int"  # int or None
NUMBER = "number"  # float or None, may be negative
AMOUNT = "amount"  # float or None, never negative (DH, counts, weights)
BOOL = "bool"  # True / False
DATE = "date"  # "AAAA-MM-JJ" or None
DATETIME = "datetime"  # "AAAA-MM-JJ HH:MM:SS" or None
YEAR = "year"  # int or None
CHOICE = "choice"  # a code of a closed list
CODES = "codes"  # several codes of a closed list, "sex, age"
REF = "ref"  # a `ref` number: int

KIND_LABELS = {
    TEXT: "texte",
    INT: "entier",
    NUMBER: "nombre",
    AMOUNT: "nombre ≥ 0",
    BOOL: "oui / non",
    DATE: "date (AAAA-MM-JJ)",
    DATETIME: "date et heure (AAAA-MM-JJ HH:MM:SS)",
    YEAR: "année",
    CHOICE: "code d'une liste fermée",
    CODES: "codes séparés par des virgules",
    REF: "numéro de référence (entier)",
}

LONG = 20_000  # bound of the Text columns
YEAR_MIN, YEAR_MAX = 1900, 2100

# Closed lists that the model documents in comments but pac.domain.vocab does not (yet) hold.
PLAN_STATUSES: tuple[str, ...] = getattr(vocab, "PLAN_STATUSES", ("draft", "adopted", "archived"))
OPTION_KINDS: tuple[str, ...] = getattr(vocab, "OPTION_KINDS", ("project", "objective", "free"))
PARTNER_ROLES: tuple[str, ...] = getattr(vocab, "PARTNER_ROLES", ("partner", "agreement", "funder"))
ME_EVENT_KINDS: tuple[str, ...] = getattr(
    vocab, "ME_EVENT_KINDS", ("annual_report", "mid_term", "final", "other")
)
EVALUATION_TYPES: tuple[str, ...] = getattr(
    vocab, "EVALUATION_TYPES", ("internal", "external", "participatory")
)
FIGURE_SEXES = ("all", "f", "m")
LANGUAGES = ("fr", "ar")
SEX_OR_BLANK = ("", *vocab.SEXES)
ROLE_OR_BLANK = ("", *vocab.ROLES)


@dataclass(frozen=True)
class Catalogue:
    """A reference catalogue of the database: the workbook names its codes but does not hold it."""

    field: str  # the attribute of `Catalogues` that holds the target database's codes
    unknown: str  # the problem when a code is not in it ({value})


# The reference catalogues a column may name (`refers`), as the documentation names them.
SECTORS = "catalogue des secteurs"
COMPETENCES = "catalogue des compétences"
PARTNERS = "catalogue des partenaires"
MIGRATION_CRITERIA = "catalogue des critères migration"
CATALOGUES: dict[str, Catalogue] = {
    SECTORS: Catalogue("sectors", "secteur inconnu du catalogue « {value} »."),
    COMPETENCES: Catalogue("competences", "compétence inconnue du catalogue « {value} »."),
    PARTNERS: Catalogue("partners", "partenaire inconnu du catalogue « {value} »."),
    MIGRATION_CRITERIA: Catalogue(
        "migration_criteria", "critère migration inconnu du catalogue « {value} »."
    ),
}


@dataclass(frozen=True)
class Unique:
    """A value unique in the whole database, not only in its sheet (join codes, participant tokens)."""

    taken: str  # the attribute of `Taken` that holds the values other communes use
    subject: str  # how a message names the value ({value})
    elsewhere: str  # what it means that another commune uses it


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, its type, where it goes in the model and what it refers to."""

    name: str
    kind: str
    doc: str
    attr: str = ""  # model attribute filled directly from the cell; "" for a reference
    required: bool = False
    allowed: tuple[Any, ...] = ()  # closed list (CHOICE, CODES)
    vocab: str = ""  # name of the list in the translation table, for labels
    minimum: float | None = 0
    maximum: float | None = None
    max_len: int = 300
    refers: str = ""  # "sheet.column" of this workbook, or a catalogue (as the documentation shows it)
    default: Any = None  # stored when the cell is blank (non-nullable model columns)
    # How a reference is stored and checked.
    fk: str = ""  # model attribute the reference fills (an id, or a catalogue code); "" when implied
    scope: str = ""  # a code unique within a plan: the column of this row that gives the plan
    also_in: str = ""  # a sheet whose key, read from this row, must exist too (a vote needs its ballot)
    same: str = ""  # the referenced row must have this row's value in this column
    within: str = ""  # a year inside the period of the plan that this column of the row gives
    after: int = 0  # years allowed past the end of that period
    not_before: tuple[str, str] = ()  # (another column, the problem when this one is smaller)
    # Years this column and its `not_before` column span, both included (a PAC: six); 0 = any.
    span: int = 0
    unique: Unique | None = None
    # Added after the format's first release: a workbook without this column (an older backup) reads its
    # default, so that old workbooks stay importable.
    added: bool = False
    # Bilingual texts (pac.domain.bilingual): the French column names its Arabic twin in `arabic`, the
    # Arabic one names the French in `french`.  A required text needs one version or the other.
    arabic: str = ""
    french: str = ""
    either_required: bool = False

    @property
    def type_label(self) -> str:
        return KIND_LABELS[self.kind]

    @cached_property
    def target(self) -> tuple[str, str] | None:
        """(sheet, column) this column points to inside the workbook; None for a catalogue or no reference."""
        sheet, dot, column = self.refers.partition(".")
        return (sheet, column) if dot else None


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: one table (or link table) of the model."""

    name: str
    title: str
    doc: str
    table: str  # the model table it fills
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns that together are unique in the sheet (and identify a row)
    unknown: str = ""  # the problem when a reference to this sheet finds no row ({value}, {plan})
    belongs: str = ""  # the problem when a referenced row belongs elsewhere ({value}, {theirs}, {ours})
    period: tuple[str, str] = ()  # first and last year of a row (a plan): years of other sheets fall inside
    # Added after the format's first release: a workbook without this sheet (an older backup) is read
    # as having no rows, so that old workbooks stay importable.
    optional: bool = False

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


# --------------------------------------------------------------------------- column helpers


def text(
    name: str, attr: str, doc: str, *, max_len: int = 300, required: bool = False, **checks: Any
) -> Column:
    return Column(name, TEXT, doc, attr=attr, max_len=max_len, required=required, default="", **checks)


def bilingual(col: Column) -> tuple[Column, Column]:
    """A text column and its Arabic twin `<name>_ar` (added to the format later: old workbooks import).

    A required text becomes « one version or the other »: neither column is required on its own."""
    from dataclasses import replace

    ar = replace(
        col,
        name=f"{col.name}_ar",
        attr=f"{col.attr}_ar",
        doc=f"{col.doc.rstrip('.')} — version arabe.",
        required=False,
        added=True,
        arabic="",
        french=col.name,
        either_required=col.required,
    )
    fr = replace(col, required=False, arabic=ar.name, either_required=col.required)
    return fr, ar


def long_text(name: str, attr: str, doc: str, *, required: bool = False) -> Column:
    return text(name, attr, doc, max_len=LONG, required=required)


def integer(name: str, attr: str, doc: str, *, default: int | None = None, minimum: int | None = 0) -> Column:
    return Column(name, INT, doc, attr=attr, default=default, minimum=minimum)


def number(name: str, attr: str, doc: str, *, required: bool = False) -> Column:
    """A number that may be negative (a balance, a score, an indicator value)."""
    return Column(name, NUMBER, doc, attr=attr, required=required, minimum=None)


def amount(name: str, attr: str, doc: str, *, default: float | None = None, required: bool = False) -> Column:
    return Column(name, AMOUNT, doc, attr=attr, default=default, required=required)


def boolean(name: str, attr: str, doc: str) -> Column:
    return Column(name, BOOL, doc, attr=attr, default=False)


def choice(
    name: str,
    attr: str,
    doc: str,
    allowed: Iterable[Any],
    vocab_name: str = "",
    *,
    required: bool = False,
    default: Any = None,
) -> Column:
    return Column(
        name,
        CHOICE,
        doc,
        attr=attr,
        allowed=tuple(allowed),
        vocab=vocab_name,
        required=required,
        default=default,
    )


def date(name: str, attr: str, doc: str) -> Column:
    return Column(name, DATE, doc, attr=attr)


def datetime(name: str, attr: str, doc: str, *, required: bool = False) -> Column:
    return Column(name, DATETIME, doc, attr=attr, required=required)


def year(name: str, attr: str, doc: str, *, required: bool = False, **checks: Any) -> Column:
    return Column(name, YEAR, doc, attr=attr, required=required, minimum=None, **checks)


def ref(name: str, doc: str, *, refers: str, fk: str = "", required: bool = True, **checks: Any) -> Column:
    """A `ref` number: the row's own identity (refers="") or a pointer to another sheet's ref."""
    return Column(name, REF, doc, required=required, minimum=1, refers=refers, fk=fk, **checks)


def key(
    name: str,
    doc: str,
    *,
    refers: str,
    fk: str = "",
    required: bool = True,
    max_len: int = 200,
    **checks: Any,
) -> Column:
    """A natural key pointing to another sheet (a code, a name) or to a catalogue."""
    return Column(
        name, TEXT, doc, required=required, max_len=max_len, refers=refers, fk=fk, default="", **checks
    )


def plan(
    doc: str = "Première année du plan (feuille « plans », colonne annee_debut).",
    *,
    fk: str = "plan_id",
    required: bool = True,
) -> Column:
    """The plan a row belongs to, by its first year; fk="" when the row reaches it through a parent."""
    return Column("plan", YEAR, doc, required=required, minimum=None, refers="plans.annee_debut", fk=fk)


def commune() -> Column:
    return key(
        "commune",
        "Identifiant (slug) de la commune : le même que dans la feuille « commune ».",
        refers="commune.slug",
        fk="commune_id",
        max_len=80,
    )


def project(doc: str = "Code du projet dans ce plan.", *, fk: str = "project_id") -> tuple[Column, Column]:
    """The project a row belongs to: its plan (implied by the project) and its code in that plan."""
    return plan(fk=""), key("projet", doc, refers="projets.code", fk=fk, scope="plan", max_len=20)


def code_in_plan(
    name: str, doc: str, *, refers: str, fk: str, required: bool = True, scope: str = "plan"
) -> Column:
    """The code of an axis, objective or project, unique within the plan that `scope` gives."""
    return key(name, doc, refers=refers, fk=fk, required=required, scope=scope, max_len=20)


def catalogue(name: str, doc: str, refers: str, fk: str, *, required: bool = False) -> Column:
    return key(name, doc, refers=refers, fk=fk, required=required, max_len=40)


def sector(doc: str = "Code du secteur (catalogue) ; vide = aucun.") -> Column:
    return catalogue("secteur", doc, SECTORS, "sector_code")


def markers() -> tuple[Column, ...]:
    return tuple(
        choice(
            f"marqueur_{m}",
            f"marker_{m}",
            f"Marqueur « {m} » : 0, 1 ou 2 (vide = pas encore évalué).",
            vocab.MARKER_VALUES,
        )
        for m in vocab.MARKERS
    )
