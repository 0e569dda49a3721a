"""Importing findings from the CSV or Excel file a facilitator already has.

Three steps, each pure: read the file's bytes into a table (`read_table`), map the
file's columns to ours (`guess_mapping`, then the facilitator corrects it), check
every row (`check_rows`).  The import is all or nothing: one bad row and nothing
is written, and every bad row is reported in French with its line number as the
spreadsheet shows it (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pac.domain import diagnostic as d
from pac.domain.diagnostic import FindingData, clean_finding, normalise
from pac.domain.errors import Collector, DomainError, Problem

MAX_BYTES = 5_000_000
MAX_ROWS = 5_000

# Our fields, in the order the mapping form shows them.  The text is required in one language at least:
# a file with one text column has it under « text » and each text is filed by its script (an Arabic text
# becomes the Arabic version); a file with an Arabic column too maps it to « text_ar ».
FIELDS: tuple[str, ...] = ("text", "text_ar", "kind", "source", "sector", "douars", "raised_by")
REQUIRED = ("kind", "source")
FIELD_LABELS = {
    "text": d.F_TEXT,
    "text_ar": d.F_TEXT_AR,
    "kind": d.F_KIND,
    "source": d.F_SOURCE,
    "sector": d.F_SECTOR,
    "douars": d.F_DOUARS,
    "raised_by": d.F_VOICE,
}
# Column headers seen in diagnostic spreadsheets, compared without accents or case.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "text": (
        "constat",
        "texte",
        "description",
        "libelle",
        "probleme",
        "intitule",
        "finding",
        "text",
        "constats",
        "الملاحظة",
        "النص",
    ),
    "text_ar": (
        "text_ar",
        "texte ar",
        "texte arabe",
        "texte (arabe)",
        "constat ar",
        "constat arabe",
        "constat (arabe)",
        "arabe",
        "ar",
        "الملاحظة بالعربية",
        "النص بالعربية",
    ),
    "kind": ("type", "nature", "categorie", "type de constat", "kind"),
    "source": ("source", "origine", "document", "rapport"),
    "sector": ("secteur", "domaine", "thematique", "theme", "sector"),
    "douars": ("douar", "douars", "douar(s)", "localisation", "lieu", "localite"),
    "raised_by": ("exprime par", "porte par", "qui", "groupe", "acteur", "par", "raised by", "voix"),
}


def read_table(filename: str, data: bytes) -> pd.DataFrame:
    """The file as a table of texts (CSV with ; or , separators in UTF-8 or Windows encoding, or .xlsx)."""
    name = filename.lower()
    if not data:
        raise DomainError(Problem("Fichier", "le fichier est vide."))
    if len(data) > MAX_BYTES:
        raise DomainError(Problem("Fichier", f"le fichier dépasse {MAX_BYTES // 1_000_000} Mo."))
    if name.endswith((".xlsx", ".xlsm")):
        try:
            df = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
        except Exception as e:  # a corrupt or disguised file: say so, never a stack trace
            raise DomainError(
                Problem(
                    "Fichier",
                    f"le classeur Excel n'a pas pu être lu ({type(e).__name__}). "
                    "Enregistrez-le au format .xlsx ou exportez-le en CSV.",
                )
            ) from e
    elif name.endswith((".csv", ".txt")):
        df = _read_csv(data)
    elif name.endswith(".xls"):
        raise DomainError(
            Problem("Fichier", "l'ancien format .xls n'est pas lu : enregistrez le classeur en .xlsx.")
        )
    else:
        raise DomainError(Problem("Fichier", "format non reconnu : choisissez un fichier .csv ou .xlsx."))
    df = df.dropna(how="all")
    df.columns = [str(c).strip() for c in df.columns]
    if df.empty or not len(df.columns):
        raise DomainError(Problem("Fichier", "aucune ligne de données sous la ligne d'en-tête."))
    if len(df) > MAX_ROWS:
        raise DomainError(Problem("Fichier", f"{len(df)} lignes : au plus {MAX_ROWS} par import."))
    # Remember the spreadsheet's own line numbers (header = line 1) before anything is reordered.
    df.index = [int(i) + 2 for i in df.index]
    return df


def _read_csv(data: bytes) -> pd.DataFrame:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover — cp1252 decodes almost anything
        raise DomainError(
            Problem("Fichier", "encodage du fichier non reconnu : enregistrez-le en CSV UTF-8.")
        )
    if "\x00" in text:
        raise DomainError(Problem("Fichier", "ce fichier n'est pas un texte CSV (contenu binaire)."))
    first = text.splitlines()[0] if text.strip() else ""
    sep = (
        ";"
        if first.count(";") > first.count(",")
        else ("\t" if first.count("\t") > first.count(",") else ",")
    )
    # A row with more cells than the header would shift pandas' columns (the first one taken as an index)
    # or lose a cell: refused, naming the line, before anything is read.
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    except csv.Error as e:
        raise DomainError(Problem("Fichier", f"le CSV est mal formé : {e}")) from e
    header = len(rows[0]) if rows else 0
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > header and any(cell.strip() for cell in row[header:]):
            raise DomainError(
                Problem(
                    "Fichier",
                    f"la ligne {number} a {len(row)} cellules pour {header} colonnes d'en-tête : "
                    "une cellule de trop (un séparateur « "
                    + sep
                    + " » dans un texte ? mettez-le entre guillemets).",
                )
            )
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=sep,
            index_col=False,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=True,
        )
    except (pd.errors.ParserError, csv.Error) as e:
        raise DomainError(Problem("Fichier", f"le CSV est mal formé : {str(e).splitlines()[0]}")) from e
    except pd.errors.EmptyDataError as e:
        raise DomainError(Problem("Fichier", "le fichier est vide.")) from e


def guess_mapping(columns: list[str]) -> dict[str, str | None]:
    """For each of our fields, the file's column that most likely holds it (None when none looks right)."""
    taken: set[str] = set()
    out: dict[str, str | None] = {}
    # Arabic headers have no Latin letters left once normalised: they are compared as written.
    norm = {c: normalise(c) or " ".join(str(c).split()) for c in columns}
    # The Arabic column first: « Constat (arabe) » would otherwise pass for the French « Constat ».
    for field in ("text_ar", *(f for f in FIELDS if f != "text_ar")):
        words = HEADER_WORDS[field]
        hit = next((c for c in columns if c not in taken and norm[c] in words), None)
        if hit is None:  # a header that starts with one of the words, e.g. « Type (atout/contrainte) »
            hit = next(
                (c for c in columns if c not in taken and any(norm[c].startswith(w + " ") for w in words)),
                None,
            )
        out[field] = hit
        if hit:
            taken.add(hit)
    return {field: out[field] for field in FIELDS}


@dataclass(frozen=True)
class CheckedImport:
    rows: list[FindingData]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def check_mapping(mapping: Mapping[str, str | None], columns: list[str]) -> None:
    c = Collector()
    for field in REQUIRED:
        if not mapping.get(field):
            c.add(
                FIELD_LABELS[field], "choisissez la colonne du fichier qui contient ce champ (obligatoire)."
            )
    if not mapping.get("text") and not mapping.get("text_ar"):
        c.add(
            FIELD_LABELS["text"],
            "choisissez la colonne du fichier qui contient le constat (en français, en arabe ou les deux).",
        )
    used = [col for col in mapping.values() if col]
    for col in set(used):
        if col not in columns:
            c.add("Correspondance", f"la colonne « {col} » n'est pas dans le fichier.")
        elif used.count(col) > 1:
            c.add("Correspondance", f"la colonne « {col} » est choisie pour plusieurs champs.")
    c.raise_if_any()


def check_rows(
    df: pd.DataFrame,
    mapping: Mapping[str, str | None],
    *,
    sectors: Mapping[str, str],
    douars: Mapping[int, str],
    sheet: str = "",
) -> CheckedImport:
    """Every row checked against our rules; problems name the line (as in the spreadsheet) and the column."""
    check_mapping(mapping, list(df.columns))
    c = Collector()
    rows: list[FindingData] = []
    for line, record in zip(df.index, df.to_dict("records"), strict=True):
        # Without an Arabic column the key is left out, so each text is filed by its script.
        values = {
            field: record.get(col) if col else None
            for field, col in mapping.items()
            if field != "text_ar" or col
        }
        if all(_blank(x) for x in values.values()):
            continue
        before = len(c.problems)
        data = clean_finding(c, values, sectors=sectors, douars=douars, row=int(line), sheet=sheet)
        # Name the file's own column, not ours, so the facilitator finds the cell.
        c.problems[before:] = [
            Problem(_file_column(p.field, mapping), p.message, p.sheet, p.row) for p in c.problems[before:]
        ]
        if data is not None:
            rows.append(data)
    return CheckedImport(rows, c.problems)


def _blank(x: object) -> bool:
    return x is None or (isinstance(x, float) and x != x) or (isinstance(x, str) and not x.strip())


def _file_column(field: str, mapping: Mapping[str, str | None]) -> str:
    ours = {label: key for key, label in FIELD_LABELS.items()}
    key = ours.get(field)
    col = mapping.get(key) if key else None
    return f"{col} ({field})" if col and normalise(col) != normalise(field) else field
