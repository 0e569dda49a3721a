"""Rules of the diagnostic: what a finding is, the monograph's key figures, the finances, the summaries.

A *finding* (constat) is one claim of a diagnostic source about the commune: its
source (monograph, institutional and financial analysis, participatory
diagnostic workshop, thematic workshop), its sector, the douars it concerns,
its kind (asset, constraint, need, potential, risk), its text and who raised it.
Findings belong to a commune; the SWOT of a plan is built from them
(`pac.domain.swot`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pac.domain import validate as v
from pac.domain import vocab
from pac.domain.bilingual import sort_by_script
from pac.domain.errors import Collector
from pac.domain.finance import YearFigures
from pac.i18n import vocab_labels

TEXT_MAX = 1000  # a finding is a sentence or a short paragraph of a report
DOUAR_SEPARATORS = re.compile(r"[;,/\n|]+")

# French field names: every refusal names the field as the facilitator sees it.
F_SOURCE = "Source"
F_SECTOR = "Secteur"
F_DOUARS = "Douar(s)"
F_KIND = "Type de constat"
F_TEXT = "Constat"
F_TEXT_AR = "Constat (arabe)"
F_VOICE = "Exprimé par"
# a douar's fraction, each version named as its column in the douars' table (an Arabic reader's refusal
# names them in Arabic through that column's label)
F_FRACTION = "Fraction (français)"
F_FRACTION_AR = "Fraction (arabe)"

# Words a facilitator's spreadsheet may use instead of our labels (compared without accents or case).
SYNONYMS: dict[str, dict[str, str]] = {
    "sources": {
        "monographie": "monograph",
        "mono": "monograph",
        "analyse institutionnelle": "institutional",
        "analyse financiere": "institutional",
        "analyse institutionnelle et financiere": "institutional",
        "aif": "institutional",
        "atelier de diagnostic": "diagnostic_workshop",
        "diagnostic participatif": "diagnostic_workshop",
        "atelier diagnostic": "diagnostic_workshop",
        "atelier de diagnostic participatif": "diagnostic_workshop",
        "atelier thematique": "thematic_workshop",
        "thematique": "thematic_workshop",
    },
    "finding_kinds": {
        "atout": "asset",
        "atouts": "asset",
        "force": "asset",
        "contrainte": "constraint",
        "contraintes": "constraint",
        "probleme": "constraint",
        "dysfonctionnement": "constraint",
        "faiblesse": "constraint",
        "besoin": "need",
        "besoins": "need",
        "attente": "need",
        "potentialite": "potential",
        "potentialites": "potential",
        "potentiel": "potential",
        "opportunite": "potential",
        "risque": "risk",
        "risques": "risk",
        "menace": "risk",
    },
    "voices": {
        "femmes": "women",
        "groupe de femmes": "women",
        "groupe femmes": "women",
        "femme": "women",
        "jeunes": "youth",
        "jeunesse": "youth",
        "groupe de jeunes": "youth",
        "elus": "elected",
        "elu": "elected",
        "elues": "elected",
        "conseil": "elected",
        "mre": "diaspora",
        "diaspora": "diaspora",
        "migrants": "diaspora",
        "personnel": "staff",
        "fonctionnaires": "staff",
        "administration": "staff",
        "associations": "civil_society",
        "cooperatives": "civil_society",
        "societe civile": "civil_society",
        "services exterieurs": "state_services",
        "services deconcentres": "state_services",
        "autre": "other",
        "autres": "other",
    },
}


def normalise(s: Any) -> str:
    """Lower case, no accents, single spaces: how two spellings of a label are compared."""
    ascii_ = unicodedata.normalize("NFKD", str(s)).encode("ascii", "ignore").decode().lower()
    ascii_ = re.sub(r"[’'`]", " ", ascii_)
    return re.sub(r"\s+", " ", ascii_).strip(" .")


def match_code(
    value: Any, codes: Iterable[str], labels: Mapping[str, str], synonyms: Mapping[str, str]
) -> str | None:
    """The code meant by `value`: the code itself, its French label or a usual synonym (None if none)."""
    n = normalise(value)
    if not n:
        return None
    for code in codes:
        if n == normalise(code) or n == normalise(labels.get(code, code)):
            return code
    return synonyms.get(n)


def _choice(
    c: Collector,
    field: str,
    value: Any,
    list_name: str,
    codes: Iterable[str],
    *,
    required: bool,
    **where: Any,
) -> str | None:
    codes = [x for x in codes if x != ""]
    labels = vocab_labels(list_name, codes)
    if v.is_blank(value):
        if required:
            c.add(field, "ce champ est obligatoire.", **where)
        return None
    code = match_code(value, codes, labels, SYNONYMS.get(list_name, {}))
    if code is None:
        shown = ", ".join(labels[x] for x in codes)
        c.add(field, f"« {value} » n'est pas une valeur permise ({shown}).", **where)
    return code


@dataclass(frozen=True)
class FindingData:
    """A finding whose every value has been checked (codes, douar ids)."""

    source: str
    sector_code: str | None
    kind: str
    text: str
    raised_by: str
    douar_ids: tuple[int, ...]
    text_ar: str = ""  # the Arabic version (pac.domain.bilingual); `text` holds the French one


def clean_finding(
    c: Collector,
    values: Mapping[str, Any],
    *,
    sectors: Mapping[str, str],
    douars: Mapping[int, str],
    lang: str = "fr",
    **where: Any,
) -> FindingData | None:
    """Check one finding; add every problem to `c` (with `where`, e.g. row=…); None when refused.

    `values` has source, sector, kind, text, raised_by and douars: codes or French labels for the
    closed lists; the sector as a code or its label; douars as a list of ids or a text of names
    separated by commas or semicolons.  `sectors` maps code → label, `douars` id → name.

    The text is bilingual: `text` (French) and `text_ar` (Arabic), at least one of them.  When `values`
    has no `text_ar` key at all (a file with one text column), the one text is filed by its script: a text
    written in Arabic is the Arabic version.  When both keys are given they are kept as typed.
    """
    before = len(c.problems)
    source = _choice(c, F_SOURCE, values.get("source"), "sources", vocab.SOURCES, required=True, **where)
    kind = _choice(
        c, F_KIND, values.get("kind"), "finding_kinds", vocab.FINDING_KINDS, required=True, **where
    )
    voice = (
        _choice(c, F_VOICE, values.get("raised_by"), "voices", vocab.VOICES, required=False, **where) or ""
    )
    if "text_ar" in values:
        raw_fr, raw_ar = values.get("text"), values.get("text_ar")
    else:
        one = values.get("text")
        raw_fr, raw_ar = (one, None) if v.is_blank(one) else sort_by_script(str(one))
    if lang != "fr" and not where:
        # A form read in Arabic: the text's problems name the field and say why in Arabic.
        from pac.domain.vision import bi_text  # the shared rule of bilingual texts (see its docstring)
        from pac.i18n import t

        text, text_ar = bi_text(
            c, t("diag.col.text", lang), raw_fr, raw_ar, lang=lang, required=True, max_len=TEXT_MAX
        )
    else:
        text = v.text(c, F_TEXT, raw_fr, max_len=TEXT_MAX, **where)
        text_ar = v.text(c, F_TEXT_AR, raw_ar, max_len=TEXT_MAX, **where)
        if v.is_blank(raw_fr) and v.is_blank(raw_ar):
            c.add(F_TEXT, "ce champ est obligatoire (en français, en arabe ou les deux).", **where)
    sector: str | None = None
    raw_sector = values.get("sector")
    if not v.is_blank(raw_sector):
        sector = match_code(raw_sector, sectors.keys(), sectors, {})
        if sector is None:
            c.add(F_SECTOR, f"secteur inconnu « {raw_sector} » (voir le référentiel des secteurs).", **where)
    douar_ids = resolve_douars(c, values.get("douars"), douars, **where)
    if len(c.problems) > before:
        return None
    assert source is not None and kind is not None
    return FindingData(source, sector, kind, text, voice, douar_ids, text_ar)


def resolve_douars(c: Collector, value: Any, douars: Mapping[int, str], **where: Any) -> tuple[int, ...]:
    """Douar ids from a list of ids or a text of names; an unknown douar is refused by name."""
    if value is None or (not isinstance(value, list | tuple | set) and v.is_blank(value)):
        return ()
    by_name = {normalise(name): i for i, name in douars.items()}
    ids: list[int] = []
    items = list(value) if isinstance(value, list | tuple | set) else DOUAR_SEPARATORS.split(str(value))
    unknown: list[str] = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool):
            found: int | None = item if item in douars else None
        else:
            name = str(item).strip()
            if not name:
                continue
            found = by_name.get(normalise(name))
        if found is None:
            unknown.append(str(item).strip())
        elif found not in ids:
            ids.append(found)
    if unknown:
        c.add(
            F_DOUARS,
            "douar(s) inconnu(s) de la commune : "
            + ", ".join(f"« {u} »" for u in unknown)
            + ". Ajoutez-les d'abord dans « Chiffres clés ».",
            **where,
        )
    return tuple(sorted(ids))


# --------------------------------------------------------------------------- key figures of the monograph


@dataclass(frozen=True)
class FigureSpec:
    """A figure every monograph gives; `by_sex` figures are asked for women and men too."""

    code: str
    unit: str = "%"
    by_sex: bool = False


# Always offered in the key-figures table (blank until known); any other figure may be added by label.
KEY_FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec("access_water"),
    FigureSpec("access_electricity"),
    FigureSpec("access_sanitation"),
    FigureSpec("schooling_primary", by_sex=True),
    FigureSpec("schooling_secondary", by_sex=True),
    FigureSpec("health_coverage"),
    FigureSpec("illiteracy", by_sex=True),
)
FIGURE_CODES = tuple(f.code for f in KEY_FIGURES)
FIGURE_SEXES = ("all", "f", "m")
SEX_WORDS = {
    "ensemble": "all",
    "total": "all",
    "tous": "all",
    "femmes": "f",
    "femme": "f",
    "f": "f",
    "hommes": "m",
    "homme": "m",
    "h": "m",
    "m": "m",
}
# Figures the monograph gives that the page shows with the commune's identity, not in the table.
POPULATION_CODES = frozenset({"population", "households", "douars"})


def figure_rows() -> list[tuple[str, str]]:
    """The (code, sex) rows offered even when unknown, in the order shown."""
    rows: list[tuple[str, str]] = []
    for f in KEY_FIGURES:
        rows += [(f.code, "f"), (f.code, "m")] if f.by_sex else [(f.code, "all")]
    return rows


@dataclass(frozen=True)
class FigureData:
    code: str
    label: str
    value: float
    unit: str
    sex: str
    year: int | None
    source: str


def figure_code(label: str) -> str:
    """The code of a figure added by its label (« Pistes communales » → pistes_communales)."""
    return v.slugify(label).replace("-", "_")[:60]


def clean_figures(rows: Iterable[Mapping[str, Any]]) -> list[FigureData]:
    """The key-figures table: a row without a value means « not known » and is dropped.

    A figure needs a label; a percentage lies between 0 and 100; one value per figure, sex and year.
    """
    c = Collector()
    out: list[FigureData] = []
    seen: dict[tuple[str, str, int | None], int] = {}
    for i, row in enumerate(rows, start=1):
        if v.is_blank(row.get("value")):
            continue
        where = {"row": i}
        label = v.text(c, "Indicateur", row.get("label"), required=True, max_len=300, **where)
        unit = v.text(c, "Unité", row.get("unit"), max_len=40, **where) or "%"
        name = label or f"ligne {i}"
        value = v.number(
            c,
            f"Valeur — {name}",
            row.get("value"),
            minimum=0 if unit == "%" else None,
            maximum=100 if unit == "%" else None,
            **where,
        )
        raw_sex = row.get("sex")
        sex = (
            "all"
            if v.is_blank(raw_sex)
            else (raw_sex if raw_sex in FIGURE_SEXES else SEX_WORDS.get(normalise(raw_sex)))
        )
        if sex is None:
            c.add(
                f"Sexe — {name}",
                f"« {raw_sex} » n'est pas une valeur permise (Ensemble, Femmes, Hommes).",
                **where,
            )
        year = v.year(c, f"Année — {name}", row.get("year"), first=1990, **where)
        source = v.text(c, f"Source — {name}", row.get("source"), max_len=300, **where)
        code = str(row.get("code") or "").strip() or figure_code(label)
        if label and not code:
            c.add(
                "Indicateur", f"« {label} » doit contenir au moins une lettre latine ou un chiffre.", **where
            )
        elif code in POPULATION_CODES:
            c.add(
                "Indicateur",
                f"« {label} » : la population, les ménages et les douars se saisissent au-dessus du tableau.",
                **where,
            )
        key = (code, sex or "all", year)
        if code and key in seen:
            c.add(
                f"Valeur — {name}",
                f"cette valeur figure deux fois (lignes {seen[key]} et {i}) pour le même sexe "
                "et la même année.",
                **where,
            )
        seen[key] = i
        if value is not None and sex is not None and code:
            out.append(FigureData(code, label, value, unit, sex, year, source))
    c.raise_if_any()
    return out


@dataclass(frozen=True)
class DouarData:
    id: int | None
    name: str
    name_ar: str
    fraction: str
    population: int | None
    households: int | None
    fraction_ar: str = ""


def clean_douars(rows: Iterable[Mapping[str, Any]]) -> list[DouarData]:
    """The douars table: a name is required and unique (without accents or case) within the commune; the
    fraction in French and in Arabic, neither required."""
    c = Collector()
    out: list[DouarData] = []
    seen: dict[str, int] = {}
    texts = ("name", "name_ar", "fraction", "fraction_ar")
    for i, row in enumerate(rows, start=1):
        if all(v.is_blank(row.get(k)) for k in (*texts, "population", "households")):
            continue  # an empty line added by mistake
        where = {"row": i}
        name = v.text(c, "Douar", row.get("name"), required=True, max_len=200, **where)
        name_ar = v.text(c, "Douar (arabe)", row.get("name_ar"), max_len=200, **where)
        fraction = v.text(c, F_FRACTION, row.get("fraction"), max_len=200, **where)
        fraction_ar = v.text(c, F_FRACTION_AR, row.get("fraction_ar"), max_len=200, **where)
        population = v.integer(c, "Population", row.get("population"), maximum=500_000, **where)
        households = v.integer(c, "Ménages", row.get("households"), maximum=100_000, **where)
        key = normalise(name)
        if name and key in seen:
            c.add("Douar", f"« {name} » figure deux fois (lignes {seen[key]} et {i}).", **where)
        seen[key] = i
        raw_id = row.get("id")
        douar_id = None if v.is_blank(raw_id) else int(raw_id)
        out.append(DouarData(douar_id, name, name_ar, fraction, population, households, fraction_ar))
    c.raise_if_any()
    return out


def clean_population(values: Mapping[str, Any]) -> dict[str, int | None]:
    c = Collector()
    out = {
        "population": v.integer(c, "Population", values.get("population"), maximum=5_000_000),
        "population_women": v.integer(
            c, "Population féminine", values.get("population_women"), maximum=5_000_000
        ),
        "population_men": v.integer(
            c, "Population masculine", values.get("population_men"), maximum=5_000_000
        ),
        "households": v.integer(c, "Ménages", values.get("households"), maximum=2_000_000),
        "census_year": v.year(c, "Année du recensement", values.get("census_year"), first=1960),
    }
    w, m, total = out["population_women"], out["population_men"], out["population"]
    if w is not None and m is not None and total is not None and w + m != total:
        c.add("Population", f"femmes ({w}) + hommes ({m}) ne font pas la population totale ({total}).")
    c.raise_if_any()
    return out


# --------------------------------------------------------------------------- finances

FINANCE_FIELDS = {
    "year": "Année",
    "own_revenues": "Recettes propres",
    "vat_share": "Part de la TVA",
    "other_transfers": "Autres transferts",
    "operating_expenses": "Dépenses de fonctionnement",
    "debt_service": "Remboursement de la dette",
    "capacity_override": "Capacité d'investissement déclarée",
    "is_forecast": "Prévision",
    "note": "Note",
}
AMOUNT_MAX = 10_000_000_000  # 10 billion DH: far above any commune, catches a slipped finger


@dataclass(frozen=True)
class FinanceRow:
    figures: YearFigures
    note: str


def clean_finances(rows: Iterable[Mapping[str, Any]]) -> list[FinanceRow]:
    """One line per year, amounts in DH, never negative (the capacity stated by the analysis may be)."""
    c = Collector()
    out: list[FinanceRow] = []
    seen: set[int] = set()
    for i, row in enumerate(rows, start=1):
        if all(v.is_blank(row.get(k)) for k in FINANCE_FIELDS if k != "is_forecast"):
            continue
        where = {"row": i}
        year = v.year(c, FINANCE_FIELDS["year"], row.get("year"), first=1990, required=True, **where)
        amounts = {
            k: v.number(c, FINANCE_FIELDS[k], row.get(k), maximum=AMOUNT_MAX, **where) or 0.0
            for k in ("own_revenues", "vat_share", "other_transfers", "operating_expenses", "debt_service")
        }
        override = v.number(
            c,
            FINANCE_FIELDS["capacity_override"],
            row.get("capacity_override"),
            minimum=-AMOUNT_MAX,
            maximum=AMOUNT_MAX,
            **where,
        )
        note = v.text(c, FINANCE_FIELDS["note"], row.get("note"), max_len=1000, **where)
        if year is not None:
            if year in seen:
                c.add(FINANCE_FIELDS["year"], f"l'année {year} figure deux fois.", **where)
            seen.add(year)
            out.append(
                FinanceRow(
                    YearFigures(
                        year, capacity_override=override, is_forecast=flag(row.get("is_forecast")), **amounts
                    ),
                    note,
                )
            )
    c.raise_if_any()
    return sorted(out, key=lambda r: r.figures.year)


def flag(value: Any) -> bool:
    """A yes/no cell: True, 1, « oui », « x »…; blank or missing is no."""
    if value is None or value is pd.NA or v.is_blank(value):
        return False
    if isinstance(value, str):
        return normalise(value) in {"oui", "true", "vrai", "1", "x", "yes"}
    return bool(value)


def finance_table(years: Iterable[YearFigures]) -> pd.DataFrame:
    """Per year: each revenue, total revenues, expenses, surplus, debt service and investment capacity."""
    rows = [
        {
            "year": f.year,
            "own_revenues": f.own_revenues,
            "vat_share": f.vat_share,
            "other_transfers": f.other_transfers,
            "revenues": f.revenues,
            "operating_expenses": f.operating_expenses,
            "surplus": f.surplus,
            "debt_service": f.debt_service,
            "investment_capacity": f.investment_capacity,
            "is_forecast": f.is_forecast,
            "capacity_stated": f.capacity_override is not None,
        }
        for f in sorted(years, key=lambda f: f.year)
    ]
    cols = [
        "year",
        "own_revenues",
        "vat_share",
        "other_transfers",
        "revenues",
        "operating_expenses",
        "surplus",
        "debt_service",
        "investment_capacity",
        "is_forecast",
        "capacity_stated",
    ]
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------- summaries

NO_SECTOR = ""  # findings that concern no particular sector (transversal)


def counts_by_sector(findings: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of findings per sector (rows) and per `by` ('kind' or 'source', columns), with a total.

    `findings` has at least the columns sector_code and `by`; sectors appear most cited first.
    """
    codes = vocab.FINDING_KINDS if by == "kind" else vocab.SOURCES
    if findings.empty:
        return pd.DataFrame(columns=["sector_code", *codes, "total"])
    df = findings.assign(sector_code=findings["sector_code"].fillna(NO_SECTOR))
    table = _count(df, by, list(codes))
    table["total"] = table.sum(axis=1)
    table = table.sort_values(["total"], ascending=False, kind="stable")
    return table.reset_index()


def _count(df: pd.DataFrame, by: str, columns: list[str]) -> pd.DataFrame:
    """Rows per sector and value of `by` (pd.crosstab gives the same, ten times slower)."""
    table = df.groupby(["sector_code", by]).size().unstack(fill_value=0)
    return table.reindex(columns=columns, fill_value=0).rename_axis(columns=None).astype("int64")


def women_versus_others(findings: pd.DataFrame) -> pd.DataFrame:
    """Per sector, the findings raised by women's groups and by everyone else, as counts and shares.

    The share is of each group's own findings, so that a group that spoke less still shows what it
    stressed; the rank says where the sector stands for each group (1 = most cited).
    """
    cols = ["sector_code", "women", "others", "women_share", "others_share", "women_rank", "others_rank"]
    if findings.empty:
        return pd.DataFrame(columns=cols)
    df = findings.assign(
        sector_code=findings["sector_code"].fillna(NO_SECTOR),
        group=(findings["raised_by"] == "women").map({True: "women", False: "others"}),
    )
    table = _count(df, "group", ["women", "others"])
    for g in ("women", "others"):
        total = table[g].sum()
        table[f"{g}_share"] = table[g] / total if total else 0.0
        table[f"{g}_rank"] = table[g].rank(method="min", ascending=False).astype(int)
    table = table.sort_values(["women", "others"], ascending=False, kind="stable").reset_index()
    return table[cols]
