"""The diagnostic of a commune (page « Diagnostic »): findings, import, key figures, douars, finances.

Findings belong to the commune (not to a plan): a new plan's SWOT starts from the
same diagnostic.  Every change of findings is written to the audit trail
(`pac.services.audit`, entity « finding ») so that the last one can be undone.

About 800 lines, more than the usual 600 lines: the step has five tabs (findings, import, key figures,
finances, summary), one user action per function, and the key figures' texts are checked here in both
languages (the bilingual rule of pac.domain.vision); the other rules are in pac.domain.diagnostic.
(The key figures, some 200 lines, could become a module of their own.)
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import bilingual
from pac.domain import diagnostic as d
from pac.domain import validate as v
from pac.domain.diagnostic_import import CheckedImport, check_rows
from pac.domain.errors import Collector, DomainError, Problem
from pac.domain.finance import YearFigures
from pac.i18n import t
from pac.models import (
    Commune,
    Douar,
    FinancialYear,
    Finding,
    FindingDouar,
    KeyFigure,
    ProjectDouar,
    Sector,
)
from pac.services import audit
from pac.services.common import get_or_404

ENTITY = "finding"
FINDING_COLUMNS = ["id", "number", "source", "sector_code", "kind", "text", "text_ar", "raised_by", "douars"]


@dataclass(frozen=True)
class FindingView:
    id: int
    source: str
    sector_code: str | None
    kind: str
    text: str
    raised_by: str
    douar_ids: tuple[int, ...]
    douar_names: tuple[str, ...]
    number: int = 0  # the finding's number in its commune (1, 2, …), as shown; ids run across communes
    text_ar: str = ""  # the Arabic version of `text` (pac.domain.bilingual)


# --------------------------------------------------------------------------- reading


def _douars(s: Session, commune_id: int) -> dict[int, str]:
    q = select(Douar.id, Douar.name).where(Douar.commune_id == commune_id).order_by(Douar.name)
    return {i: n for i, n in s.execute(q)}


def _sectors(s: Session) -> dict[str, str]:
    return {
        c: label for c, label in s.execute(select(Sector.code, Sector.label_fr).order_by(Sector.position))
    }


def douar_names(db: Database, commune_id: int) -> dict[int, str]:
    """Douar id → name, alphabetical."""
    with db.read() as s:
        return _douars(s, commune_id)


def douar_labels(db: Database, commune_id: int, lang: str = "fr") -> dict[int, str]:
    """Douar id → the name a reader of `lang` knows it by (the Arabic name when there is one), in the
    order of `douar_names`."""
    with db.read() as s:
        q = select(Douar.id, Douar.name, Douar.name_ar).where(Douar.commune_id == commune_id)
        rows = {i: (ar if lang == "ar" and ar else name) for i, name, ar in s.execute(q)}
        return {i: rows[i] for i in _douars(s, commune_id)}


def _findings(s: Session, commune_id: int, ids: Iterable[int] | None = None) -> list[FindingView]:
    q = (
        select(
            Finding.id,
            Finding.source,
            Finding.sector_code,
            Finding.kind,
            Finding.text,
            Finding.text_ar,
            Finding.raised_by,
        )
        .where(Finding.commune_id == commune_id)
        .order_by(Finding.id)
    )
    if ids is not None:
        q = q.where(Finding.id.in_(list(ids)))
    rows = s.execute(q).all()
    # Numbered per commune in the order of entry: Tinzert's first finding is n° 1, whatever other
    # communes hold (the id runs across all of them).
    order = s.scalars(select(Finding.id).where(Finding.commune_id == commune_id).order_by(Finding.id))
    numbers = {fid: n for n, fid in enumerate(order, start=1)}
    names = _douars(s, commune_id)
    links: dict[int, list[int]] = {}
    lq = (
        select(FindingDouar.finding_id, FindingDouar.douar_id)
        .join(Finding)
        .where(Finding.commune_id == commune_id)
    )
    for fid, did in s.execute(lq):
        links.setdefault(fid, []).append(did)
    out = []
    for r in rows:
        dids = tuple(sorted(links.get(r.id, []), key=lambda i: names.get(i, "")))
        out.append(
            FindingView(
                r.id,
                r.source,
                r.sector_code,
                r.kind,
                r.text,
                r.raised_by or "",
                dids,
                tuple(names[i] for i in dids if i in names),
                numbers.get(r.id, 0),
                r.text_ar or "",
            )
        )
    return out


def list_findings(db: Database, commune_id: int) -> list[FindingView]:
    with db.read() as s:
        return _findings(s, commune_id)


def findings_frame(db: Database, commune_id: int) -> pd.DataFrame:
    """One row per finding with codes (source, sector_code, kind, raised_by) and douar names joined by « , »."""
    rows = [
        {
            "id": f.id,
            "number": f.number,
            "source": f.source,
            "sector_code": f.sector_code or "",
            "kind": f.kind,
            "text": f.text,
            "text_ar": f.text_ar,
            "raised_by": f.raised_by,
            "douars": ", ".join(f.douar_names),
        }
        for f in list_findings(db, commune_id)
    ]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS).astype({"id": "int64", "number": "int64"})


def count_findings(db: Database, commune_id: int) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).where(Finding.commune_id == commune_id)) or 0)


# --------------------------------------------------------------------------- writing findings


def _spec(ids: Sequence[int]) -> audit.Spec:
    return {
        "findings": ("id", ids),
        "finding_douars": ("finding_id", ids),
        "swot_item_findings": ("finding_id", ids),
    }


def _record(
    s: Session, commune_id: int, user: str, ids: Sequence[int], action: str, summary: str, before: audit.Rows
) -> None:
    audit.record(
        s,
        commune_id=commune_id,
        username=user,
        entity=ENTITY,
        entity_id=ids[0] if len(ids) == 1 else None,
        action=action,
        summary=summary,
        before=before,
        after=audit.snapshot(s, _spec(ids)),
    )


def _check(
    c: Collector,
    values: Mapping[str, Any],
    sectors: Mapping[str, str],
    douars: Mapping[int, str],
    lang: str = "fr",
    **where: Any,
) -> d.FindingData | None:
    return d.clean_finding(c, values, sectors=sectors, douars=douars, lang=lang, **where)


def add_finding(
    db: Database, commune_id: int, values: Mapping[str, Any], user: str = "", lang: str = "fr"
) -> FindingView:
    """One new finding; `values` as in `pac.domain.diagnostic.clean_finding` (its text's problems said in
    `lang`, the reader's language)."""
    with db.write() as s:
        get_or_404(s, Commune, commune_id, "Commune")
        c = Collector()
        data = _check(c, values, _sectors(s), _douars(s, commune_id), lang=lang)
        c.raise_if_any()
        assert data is not None
        f = _insert(s, commune_id, data)
        _record(
            s,
            commune_id,
            user,
            [f.id],
            "create",
            audit.message("diag.audit.added", text=audit.both(data.text, data.text_ar)),
            audit.snapshot(s, _spec([])),
        )
        return _findings(s, commune_id, [f.id])[0]


def _insert(s: Session, commune_id: int, data: d.FindingData) -> Finding:
    f = Finding(
        commune_id=commune_id,
        source=data.source,
        sector_code=data.sector_code,
        kind=data.kind,
        text=data.text,
        text_ar=data.text_ar,
        raised_by=data.raised_by,
    )
    s.add(f)
    s.flush()
    if data.douar_ids:
        s.add_all(FindingDouar(finding_id=f.id, douar_id=i) for i in data.douar_ids)
    return f


def _apply(s: Session, f: Finding, data: d.FindingData) -> None:
    f.source, f.sector_code, f.kind, f.text, f.text_ar, f.raised_by = (
        data.source,
        data.sector_code,
        data.kind,
        data.text,
        data.text_ar,
        data.raised_by,
    )
    s.execute(delete(FindingDouar).where(FindingDouar.finding_id == f.id))
    s.add_all(FindingDouar(finding_id=f.id, douar_id=i) for i in data.douar_ids)


def _owned(s: Session, commune_id: int, ids: Iterable[int]) -> dict[int, Finding]:
    wanted = list(dict.fromkeys(int(i) for i in ids))
    found = {
        f.id: f
        for f in s.scalars(select(Finding).where(Finding.id.in_(wanted), Finding.commune_id == commune_id))
    }
    missing = [i for i in wanted if i not in found]
    if missing:
        raise DomainError(
            f"{len(missing)} constat(s) introuvable(s) (supprimé(s) entre-temps ?) : rechargez la page."
        )
    return found


def update_findings(
    db: Database, commune_id: int, changes: Mapping[int, Mapping[str, Any]], user: str = "", lang: str = "fr"
) -> int:
    """Edits of the grid: finding id → its full values.  All rows are checked; one bad value and nothing changes."""
    if not changes:
        return 0
    with db.write() as s:
        found = _owned(s, commune_id, changes)
        sectors, douars = _sectors(s), _douars(s, commune_id)
        c = Collector()
        checked = {}
        for fid, values in changes.items():
            before_n = len(c.problems)
            checked[fid] = _check(c, values, sectors, douars, lang)
            if len(changes) > 1:  # say which finding: the grid shows each finding's number
                c.problems[before_n:] = [
                    Problem(f"{p.field} ({t('diag.finding_ref', p.lang, n=fid)})", p.message, lang=p.lang)
                    for p in c.problems[before_n:]
                ]
        c.raise_if_any()
        ids = sorted(found)
        before = audit.snapshot(s, _spec(ids))
        for fid, data in checked.items():
            assert data is not None
            _apply(s, found[fid], data)
        one = found[ids[0]]
        summary = (
            audit.message("diag.audit.updated", text=audit.both(one.text, one.text_ar))
            if len(ids) == 1
            else audit.message("diag.audit.updated_many", n=len(ids))
        )
        _record(s, commune_id, user, ids, "update", summary, before)
        return len(ids)


RETAG_FIELDS = ("source", "sector", "kind", "raised_by", "douars")


def retag_findings(
    db: Database, commune_id: int, ids: Sequence[int], changes: Mapping[str, Any], user: str = ""
) -> int:
    """Give the selected findings the same source, sector, kind, voice or douars (only the fields given)."""
    changes = {k: val for k, val in changes.items() if k in RETAG_FIELDS}
    if not ids:
        raise DomainError(Problem("Sélection", "sélectionnez d'abord des constats dans le tableau."))
    if not changes:
        raise DomainError(Problem("Nouvelle valeur", "choisissez au moins une valeur à appliquer."))
    with db.write() as s:
        found = _owned(s, commune_id, ids)
        sectors, douars = _sectors(s), _douars(s, commune_id)
        views = {f.id: f for f in _findings(s, commune_id, found)}
        c = Collector()
        checked = {}
        for fid in found:
            f = views[fid]
            values = {
                "source": f.source,
                "sector": f.sector_code,
                "kind": f.kind,
                "text": f.text,
                "text_ar": f.text_ar,
                "raised_by": f.raised_by,
                "douars": list(f.douar_ids),
                **changes,
            }
            checked[fid] = _check(c, values, sectors, douars)
            if c:  # the same new value is wrong for every row: say it once
                break
        c.raise_if_any()
        ordered = sorted(found)
        before = audit.snapshot(s, _spec(ordered))
        for fid, data in checked.items():
            assert data is not None
            _apply(s, found[fid], data)
        what = [k for k in ("source", "sector", "kind", "raised_by", "douars") if k in changes]
        summary = audit.message(
            "diag.audit.retagged",
            n=len(ordered),
            what=[audit.phrase(f"diag.audit.field.{k}") for k in what],
        )
        _record(s, commune_id, user, ordered, "retag", summary, before)
        return len(ordered)


def delete_findings(db: Database, commune_id: int, ids: Sequence[int], user: str = "") -> int:
    """Delete findings (and their links to SWOT items); undoable from the history."""
    if not ids:
        raise DomainError(Problem("Sélection", "sélectionnez d'abord des constats dans le tableau."))
    with db.write() as s:
        found = _owned(s, commune_id, ids)
        ordered = sorted(found)
        before = audit.snapshot(s, _spec(ordered))
        first = found[ordered[0]]
        summary = (
            audit.message("diag.audit.deleted", text=audit.both(first.text, first.text_ar))
            if len(ordered) == 1
            else audit.message("diag.audit.deleted_many", n=len(ordered))
        )
        for f in found.values():
            s.delete(f)
        s.flush()
        _record(s, commune_id, user, ordered, "delete", summary, before)
        return len(ordered)


def check_import(
    db: Database, commune_id: int, df: pd.DataFrame, mapping: Mapping[str, str | None]
) -> CheckedImport:
    """Every row of the file checked (nothing written)."""
    with db.read() as s:
        return check_rows(df, mapping, sectors=_sectors(s), douars=_douars(s, commune_id))


def import_findings(
    db: Database, commune_id: int, df: pd.DataFrame, mapping: Mapping[str, str | None], user: str = ""
) -> int:
    """All the file's findings, or none: any bad row refuses the whole import with every problem listed."""
    with db.write() as s:
        get_or_404(s, Commune, commune_id, "Commune")
        checked = check_rows(df, mapping, sectors=_sectors(s), douars=_douars(s, commune_id))
        if checked.problems:
            raise DomainError(checked.problems)
        if not checked.rows:
            raise DomainError(Problem("Fichier", "aucun constat à importer : toutes les lignes sont vides."))
        ids = [_insert(s, commune_id, data).id for data in checked.rows]
        s.flush()
        _record(
            s,
            commune_id,
            user,
            ids,
            "import",
            audit.message("diag.audit.imported", n=len(ids)),
            audit.snapshot(s, _spec([])),
        )
        return len(ids)


def history(db: Database, commune_id: int, limit: int = 30) -> list[audit.AuditView]:
    return audit.history(db, commune_id, [ENTITY], limit)


def undo_last(db: Database, commune_id: int, user: str = "") -> audit.AuditView:
    return audit.undo_last(db, commune_id, [ENTITY], user)


# --------------------------------------------------------------------------- key figures and douars


@dataclass(frozen=True)
class Population:
    population: int | None
    population_women: int | None
    population_men: int | None
    households: int | None
    census_year: int | None


def population(db: Database, commune_id: int) -> Population:
    with db.read() as s:
        c = get_or_404(s, Commune, commune_id, "Commune")
        return Population(c.population, c.population_women, c.population_men, c.households, c.census_year)


def save_population(db: Database, commune_id: int, values: Mapping[str, Any]) -> Population:
    data = d.clean_population(values)
    with db.write() as s:
        c = get_or_404(s, Commune, commune_id, "Commune")
        for k, value in data.items():
            setattr(c, k, value)
        return Population(c.population, c.population_women, c.population_men, c.households, c.census_year)


def figure_labels(lang: str = "fr") -> dict[str, str]:
    """Labels of the figures always offered (pac.domain.diagnostic.KEY_FIGURES)."""
    return {code: t(f"diag.fig.{code}", lang) for code in d.FIGURE_CODES}


# Bilingual texts of a figure (pac.domain.bilingual): French in `label`, `unit`, `source`, Arabic in `*_ar`.
FIGURE_TEXTS = (("label", 300, True), ("unit", 40, False), ("source", 300, False))
FIGURE_COLUMNS = [
    "code",
    "label",
    "label_ar",
    "sex",
    "value",
    "unit",
    "unit_ar",
    "year",
    "source",
    "source_ar",
]


def is_percent(unit: Any, unit_ar: Any = "") -> bool:
    """A figure's value is a percentage when its unit (French, else Arabic) is « % » or not given."""
    fr, ar = (str(x).strip() if isinstance(x, str) else "" for x in (unit, unit_ar))
    return (fr or ar or "%") == "%"


def key_figures_frame(db: Database, commune_id: int, lang: str = "fr") -> pd.DataFrame:
    """The monograph's figures (population apart): the usual access rates first, known or blank, then the
    others (in the alphabetical order of the reader's language).  Both versions of each text: `label`,
    `unit`, `source` in French, `label_ar`, `unit_ar`, `source_ar` in Arabic; a usual figure's label not
    typed in a language is its usual name in that language."""
    fr_names, ar_names = figure_labels("fr"), figure_labels("ar")
    with db.read() as s:
        known = list(
            s.scalars(
                select(KeyFigure).where(
                    KeyFigure.commune_id == commune_id, KeyFigure.code.not_in(list(d.POPULATION_CODES))
                )
            )
        )
    rank = {pair: i for i, pair in enumerate(d.figure_rows())}
    rows = []
    for k in known:
        unit, unit_ar = k.unit or "", k.unit_ar or ""
        rows.append(
            {
                "code": k.code,
                "label": k.label or fr_names.get(k.code, ""),
                "label_ar": k.label_ar or ar_names.get(k.code, ""),
                "sex": k.sex,
                "value": k.value,
                "unit": unit if unit or unit_ar else "%",
                "unit_ar": unit_ar,
                "year": k.year,
                "source": k.source or "",
                "source_ar": k.source_ar or "",
                "_rank": rank.get((k.code, k.sex), len(rank)),
            }
        )
    present = {(k.code, k.sex) for k in known}
    rows += [
        {
            "code": code,
            "label": fr_names[code],
            "label_ar": ar_names[code],
            "sex": sex,
            "value": None,
            "unit": "%",
            "unit_ar": "",
            "year": None,
            "source": "",
            "source_ar": "",
            "_rank": rank[(code, sex)],
        }
        for code, sex in d.figure_rows()
        if (code, sex) not in present
    ]
    rows.sort(
        key=lambda r: (
            r["_rank"],
            bilingual.text(r, "label", lang),
            d.FIGURE_SEXES.index(r["sex"]) if r["sex"] in d.FIGURE_SEXES else 9,
            r["year"] or 0,
        )
    )
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS).astype({"value": "float64", "year": "Int64"})


def key_figures_shown(db: Database, commune_id: int, lang: str = "fr") -> pd.DataFrame:
    """The figures as a reader of `lang` sees them (documents): `label`, `unit` and `source` in their
    language, else the other version isolated and marked, never blank; a percentage's unit « % »."""

    def shown(r: Mapping[str, Any], field: str) -> str:
        s = bilingual.shown(r, field, lang)
        return (
            f"{bilingual.isolate(s.text)} {t(f'bilingual.fallback.{s.lang}', lang)}" if s.fallback else s.text
        )

    frame = key_figures_frame(db, commune_id, lang)
    records = frame.to_dict("records")
    return frame.assign(
        label=[shown(r, "label") or r["code"] for r in records],
        unit=["%" if is_percent(r["unit"], r["unit_ar"]) else shown(r, "unit") for r in records],
        source=[shown(r, "source") for r in records],
    )


def _figure_texts(
    c: Collector, row: Mapping[str, Any], i: int, lang: str
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Both versions of a figure's label, unit and source, each checked like its French column (the
    label in one language at least); problems name the field, its version and the row in `lang`.
    Returns the pairs, and the same with each refused version blank (what the other rules may read)."""
    from pac.domain.vision import bi_text  # the shared rule of bilingual texts

    pairs: dict[str, tuple[str, str]] = {}
    accepted: dict[str, tuple[str, str]] = {}
    for field, max_len, required in FIGURE_TEXTS:
        before = len(c.problems)
        name = t(f"diag.fig_col.{field}", lang)
        pairs[field] = bi_text(
            c, name, row.get(field), row.get(f"{field}_ar"), lang=lang, required=required, max_len=max_len
        )
        refused = {p.field for p in c.problems[before:]}
        accepted[field] = tuple(  # type: ignore[assignment]
            "" if bitext_name(name, which, lang) in refused else text
            for text, which in zip(pairs[field], ("fr", "ar"), strict=True)
        )
        # the row said the domain's way in French (« Ligne 3, champ … »), in the field's name in Arabic
        c.problems[before:] = [
            Problem(p.field, p.message, row=i, lang=p.lang)
            if p.lang == "fr"
            else Problem(f"{p.field} — {t('diag.fig_row', p.lang, n=i)}", p.message, lang=p.lang)
            for p in c.problems[before:]
        ]
    return pairs, accepted


def bitext_name(name: str, which: str, lang: str) -> str:
    """How pac.domain.vision.bi_text names one version of a field (« Indicateur (arabe) »)."""
    return f"{name} ({t(f'bitext.lang.{which}', lang)})"


def _arabic_code(label: str) -> str:
    """The code of a figure added with a label in Arabic only (a French label gives the others' codes):
    the same label, the same code, so that a figure typed twice is still refused as a duplicate."""
    return "ar_" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:12]


def save_key_figures(
    db: Database, commune_id: int, rows: Iterable[Mapping[str, Any]], lang: str = "fr"
) -> int:
    """Replace the commune's figures (population apart) by `rows`; a row without value is « not known ».

    Each text in French (`label`, `unit`, `source`) and in Arabic (`*_ar`): a caller giving only the
    French ones leaves no Arabic.  One bad value and nothing is saved; the texts' problems are said in
    `lang`, the reader's language (the other rules of pac.domain.diagnostic in French)."""
    c = Collector()
    checked: list[dict[str, Any]] = []  # what the domain's rules read: one text per field
    texts: list[dict[str, tuple[str, str]]] = []  # both versions, one entry per row with a value
    for i, raw in enumerate(rows, start=1):
        row = dict(raw)
        if v.is_blank(row.get("value")):
            checked.append(row)
            continue
        pairs, accepted = _figure_texts(c, row, i, lang)
        texts.append(pairs)
        # Each text is checked here: the domain's rules read an accepted version (or a stand-in), so that a
        # problem is said once, and its other rules (value, sex, year, duplicates) still run on the row.
        label = accepted["label"][0] or accepted["label"][1]
        unit = accepted["unit"][0] or accepted["unit"][1]
        row["label"] = label or t("diag.fig_row", "fr", n=i)
        unit_refused = accepted["unit"] != pairs["unit"]
        row["unit"] = "?" if unit_refused and not unit else unit
        row["source"] = accepted["source"][0]
        # a label written in Arabic only has no Latin letter to make the figure's code of
        if v.is_blank(row.get("code")) and label and not d.figure_code(label) and bilingual.is_arabic(label):
            row["code"] = _arabic_code(label)
        checked.append(row)
    try:
        data = d.clean_figures(checked)
    except DomainError as e:
        c.problems += e.problems
    c.raise_if_any()
    with db.write() as s:
        get_or_404(s, Commune, commune_id, "Commune")
        s.execute(
            delete(KeyFigure).where(
                KeyFigure.commune_id == commune_id, KeyFigure.code.not_in(list(d.POPULATION_CODES))
            )
        )
        for f, pairs in zip(data, texts, strict=True):
            if f.code in d.POPULATION_CODES:
                continue
            (label, label_ar), (unit, unit_ar), (source, source_ar) = (pairs[k] for k, _, _ in FIGURE_TEXTS)
            s.add(
                KeyFigure(
                    commune_id=commune_id,
                    code=f.code,
                    label=label,
                    label_ar=label_ar,
                    value=f.value,
                    # no unit in either language is a percentage, as the domain says (« % »)
                    unit=unit if unit or unit_ar else f.unit,
                    unit_ar=unit_ar,
                    sex=f.sex,
                    year=f.year,
                    source=source,
                    source_ar=source_ar,
                )
            )
        return len(data)


DOUAR_COLUMNS = ["id", "name", "name_ar", "fraction", "fraction_ar", "population", "households"]


def douars_frame(db: Database, commune_id: int) -> pd.DataFrame:
    with db.read() as s:
        rows = [
            {
                "id": x.id,
                "name": x.name,
                "name_ar": x.name_ar,
                "fraction": x.fraction,
                "fraction_ar": x.fraction_ar or "",
                "population": x.population,
                "households": x.households,
            }
            for x in s.scalars(select(Douar).where(Douar.commune_id == commune_id).order_by(Douar.name))
        ]
    return pd.DataFrame(rows, columns=DOUAR_COLUMNS).astype(
        {"id": "Int64", "population": "Int64", "households": "Int64"}
    )


def save_douars(db: Database, commune_id: int, rows: Iterable[Mapping[str, Any]]) -> int:
    """Replace the commune's douars by `rows` (with `id` for existing ones).

    A douar cited by a finding or a project cannot be removed: it is named in the refusal.
    """
    data = d.clean_douars(list(rows))
    with db.write() as s:
        get_or_404(s, Commune, commune_id, "Commune")
        existing = {x.id: x for x in s.scalars(select(Douar).where(Douar.commune_id == commune_id))}
        kept = {x.id for x in data if x.id is not None}
        unknown = kept - existing.keys()
        if unknown:
            raise DomainError("Des douars ont été supprimés entre-temps : rechargez la page.")
        removed = [existing[i] for i in existing.keys() - kept]
        c = Collector()
        for x in removed:
            used = s.scalar(select(func.count()).where(FindingDouar.douar_id == x.id)) or 0
            used_p = s.scalar(select(func.count()).where(ProjectDouar.douar_id == x.id)) or 0
            if used or used_p:
                c.add(
                    "Douar",
                    f"« {x.name} » est cité par {used} constat(s) et {used_p} projet(s) : "
                    "il ne peut pas être retiré de la liste.",
                )
        c.raise_if_any()
        for x in removed:
            s.delete(x)
        s.flush()
        # Renames first to temporary names, so that swapping two names never trips the unique constraint.
        for x in data:
            if x.id is not None and existing[x.id].name != x.name:
                # (not a NUL, which PostgreSQL cannot store; no one types this)
                existing[x.id].name = f"~renaming~{x.id}~{secrets.token_hex(6)}"
        s.flush()
        for x in data:
            target = existing[x.id] if x.id is not None else Douar(commune_id=commune_id)
            target.name, target.name_ar, target.fraction = x.name, x.name_ar, x.fraction
            target.fraction_ar = x.fraction_ar
            target.population, target.households = x.population, x.households
            if x.id is None:
                s.add(target)
        return len(data)


# --------------------------------------------------------------------------- finances


FINANCE_COLUMNS = [
    "year",
    "own_revenues",
    "vat_share",
    "other_transfers",
    "operating_expenses",
    "debt_service",
    "capacity_override",
    "is_forecast",
    "note",
]


def _figures(f: FinancialYear) -> YearFigures:
    return YearFigures(
        f.year,
        f.own_revenues or 0.0,
        f.vat_share or 0.0,
        f.other_transfers or 0.0,
        f.operating_expenses or 0.0,
        f.debt_service or 0.0,
        f.investment_capacity_override,
        bool(f.is_forecast),
    )


def finance_years(db: Database, commune_id: int) -> list[YearFigures]:
    """The commune's figures per year (actual and forecast), oldest first — the base of the triennial plan."""
    with db.read() as s:
        q = select(FinancialYear).where(FinancialYear.commune_id == commune_id).order_by(FinancialYear.year)
        return [_figures(f) for f in s.scalars(q)]


def finances_frame(db: Database, commune_id: int) -> pd.DataFrame:
    """The figures as entered (one row per year), for the editing table."""
    with db.read() as s:
        q = select(FinancialYear).where(FinancialYear.commune_id == commune_id).order_by(FinancialYear.year)
        rows = [
            {
                "year": f.year,
                "own_revenues": f.own_revenues,
                "vat_share": f.vat_share,
                "other_transfers": f.other_transfers,
                "operating_expenses": f.operating_expenses,
                "debt_service": f.debt_service,
                "capacity_override": f.investment_capacity_override,
                "is_forecast": bool(f.is_forecast),
                "note": f.note or "",
            }
            for f in s.scalars(q)
        ]
    return pd.DataFrame(rows, columns=FINANCE_COLUMNS).astype(
        {"year": "Int64", **{c: "float64" for c in FINANCE_COLUMNS[1:7]}, "is_forecast": "bool"}
    )


def save_finances(db: Database, commune_id: int, rows: Iterable[Mapping[str, Any]]) -> int:
    """Replace the commune's yearly figures by `rows` (all checked first; one bad value and nothing changes)."""
    data = d.clean_finances(list(rows))
    with db.write() as s:
        get_or_404(s, Commune, commune_id, "Commune")
        existing = {
            f.year: f for f in s.scalars(select(FinancialYear).where(FinancialYear.commune_id == commune_id))
        }
        wanted = {r.figures.year for r in data}
        for year, f in existing.items():
            if year not in wanted:
                s.delete(f)
        for r in data:
            y = r.figures
            f = existing.get(y.year) or FinancialYear(commune_id=commune_id, year=y.year)
            f.own_revenues, f.vat_share, f.other_transfers = y.own_revenues, y.vat_share, y.other_transfers
            f.operating_expenses, f.debt_service = y.operating_expenses, y.debt_service
            f.investment_capacity_override, f.is_forecast, f.note = y.capacity_override, y.is_forecast, r.note
            if y.year not in existing:
                s.add(f)
        return len(data)


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class Summary:
    total: int
    by_kind: pd.DataFrame  # sector_code, one column per kind, total
    by_source: pd.DataFrame  # sector_code, one column per source, total
    women: pd.DataFrame  # sector_code, women, others, shares and ranks


def summary(db: Database, commune_id: int) -> Summary:
    df = findings_frame(db, commune_id)
    df = df.assign(sector_code=df["sector_code"].replace("", d.NO_SECTOR))
    return Summary(
        len(df), d.counts_by_sector(df, "kind"), d.counts_by_sector(df, "source"), d.women_versus_others(df)
    )
