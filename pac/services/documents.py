"""The deliverables (page « Documents », `python -m pac export`): one document of one commune in one
language and one format, built from the services' own views, rendered, and written under
exports/<commune-slug>/; and the list of what was last produced.

Documents: synthese (rapport analytique), diagnostic (révisé), pac, suivi, atelier — PDF or Word;
plan (the triennial plan and the indicators) — Excel only."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pac.db import Database
from pac.domain.errors import DomainError
from pac.exports.documents.common import KINDS, Renderer, Views
from pac.exports.documents.model import Document
from pac.services import (
    audit,
    catalogues,
    communes,
    diagnostic,
    monitoring,
    plan,
    projects,
    subsidiarity,
    swot,
)
from pac.services import vision as vision_service
from pac.services.vote import rounds as vote_rounds

DOCS = (*KINDS, "plan")
FORMATS = {kind: ("pdf", "docx") for kind in KINDS} | {"plan": ("xlsx",)}
LANGS = ("fr", "ar")
ROOT = Path(__file__).resolve().parent.parent.parent


def exports_root() -> Path:
    """Where produced files go: exports/ beside the app (PAC_EXPORTS_DIR overrides, e.g. for tests)."""
    return Path(os.environ.get("PAC_EXPORTS_DIR") or ROOT / "exports")


def check_request(kind: str, fmt: str, lang: str) -> None:
    """Refuse, in French, a document, format or language that does not exist or does not go together."""
    if kind not in DOCS:
        raise DomainError(f"Document inconnu « {kind} » : choisissez parmi {', '.join(DOCS)}.")
    if lang not in LANGS:
        raise DomainError(f"Langue inconnue « {lang} » : fr ou ar.")
    if fmt not in FORMATS[kind]:
        allowed = " ou ".join(FORMATS[kind])
        raise DomainError(f"Le document « {kind} » se produit en {allowed}, pas en « {fmt} ».")


# --------------------------------------------------------------------------- gathering the views


def gather(db: Database, commune_ref: int | str, kind: str, lang: str) -> Views:
    """The views a document reads, from the services the pages use (only those this kind needs)."""
    from pac.domain import diagnostic as diag_rules

    commune = communes.get_commune(db, commune_ref)
    current = communes.get_current_plan(db, commune.id)
    v = Views(commune=commune, plan=current)
    v.sectors = catalogues.sector_names(db, lang)
    v.partner_names = catalogues.partner_names(db, lang)
    v.workshops = communes.list_workshops(db, commune.id)
    if kind in ("synthese", "diagnostic"):
        v.key_figures = diagnostic.key_figures_shown(db, commune.id, lang)  # label, unit, source in `lang`
        v.douars = diagnostic.douars_frame(db, commune.id)
        v.douar_labels = diagnostic.douar_labels(db, commune.id, lang)
        v.findings = diagnostic.list_findings(db, commune.id)
        v.summary = diagnostic.summary(db, commune.id)
        v.finance = diagnostic.finance_years(db, commune.id)
        v.finance_table = diag_rules.finance_table(v.finance) if v.finance else None
        if current:
            v.swot = swot.list_items(db, current.id, lang)
        if kind == "diagnostic":
            v.swot_history = audit.history(db, commune.id, ("swot_item", "finding"), limit=500)
    if current is None:
        return v
    if kind in ("pac", "suivi"):
        v.strategy = vision_service.get_strategy(db, current.id)
        v.indicators = monitoring.load_indicators(db, current.id)
    if kind == "pac":
        v.projects = projects.list_projects(db, current.id)
        v.board = plan.load_board(db, current.id)
        v.plan_table = plan.plan_table(v.board, lang)
        v.subsidiarity = subsidiarity.list_rows(db, current.id, suggestions=False)
        v.subsidiarity_summary = subsidiarity.summary(tuple(v.subsidiarity))
        v.coverage = projects.marker_coverage(db, current.id)
    if kind == "suivi":
        v.system = monitoring.load_system(db, current.id)
    if kind in ("pac", "atelier"):
        v.rounds = [vote_rounds.results(db, r.id) for r in vote_rounds.list_rounds(db, current.id)]
        v.paper = {r.round.id: vote_rounds.paper_groups(db, r.round.id) for r in v.rounds}
    return v


def build(
    db: Database, commune_ref: int | str, kind: str, lang: str, render: Renderer | None = None
) -> Document:
    """The document model of one deliverable (charts drawn by `render`; None = without charts)."""
    from pac.exports.documents import atelier, pac_document, suivi, synthese
    from pac.exports.documents import diagnostic as diag_doc

    check_request(kind, "pdf", lang)
    builders: dict[str, Callable[..., Document]] = {
        "synthese": synthese.build_synthese,
        "diagnostic": diag_doc.build_diagnostic,
        "pac": pac_document.build_pac,
        "suivi": suivi.build_suivi,
        "atelier": atelier.build_atelier,
    }
    return builders[kind](gather(db, commune_ref, kind, lang), lang, render)


def plan_workbook(db: Database, commune_ref: int | str, lang: str) -> bytes:
    from pac.exports.plan_xlsx import plan_workbook as write

    v = gather(db, commune_ref, "pac", lang)
    if v.plan is None:
        raise DomainError("Cette commune n'a pas encore de plan : créez-le dans « Communes & ateliers ».")
    return write(v, lang)


# --------------------------------------------------------------------------- producing files


@dataclass(frozen=True)
class Produced:
    kind: str
    fmt: str
    lang: str
    name: str  # file name, e.g. "pac-tinzert-fr.pdf"
    data: bytes
    path: Path | None  # where it was written (None when not written)


def file_name(slug: str, kind: str, lang: str, fmt: str) -> str:
    return f"{kind}-{slug}-{lang}.{fmt}"


def produce(
    db: Database,
    commune_ref: int | str,
    kind: str,
    fmt: str,
    lang: str,
    *,
    write: bool = True,
    charts: bool = True,
) -> Produced:
    """Make one deliverable and (unless `write` is False) write it under exports/<commune-slug>/."""
    check_request(kind, fmt, lang)
    commune = communes.get_commune(db, commune_ref)
    if kind == "plan":
        data = plan_workbook(db, commune.id, lang)
    else:
        from pac.exports import figures_batch

        doc = build(db, commune.id, kind, lang, figures_batch.render if charts else None)
        if fmt == "pdf":
            from pac.exports.documents.pdf_writer import render_pdf

            data = render_pdf(doc)
        else:
            from pac.exports.documents.docx_writer import render_docx

            data = render_docx(doc)
    name = file_name(commune.slug, kind, lang, fmt)
    path = None
    if write:
        folder = exports_root() / commune.slug
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            tmp = path.with_suffix(path.suffix + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)  # never a half-written file under the final name
        except OSError as exc:
            raise DomainError(
                f"Impossible d'écrire « {name} » dans le dossier exports : {exc.strerror or exc}."
            ) from exc
    return Produced(kind, fmt, lang, name, data, path)


def zip_files(files: Iterable[Produced]) -> bytes:
    """All the produced files in one zip (the page's « tout télécharger »)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:
            z.writestr(f.name, f.data)
    return buf.getvalue()


@dataclass(frozen=True)
class ProducedFile:
    commune_slug: str
    kind: str
    lang: str
    fmt: str
    name: str
    size: int
    at: dt.datetime  # local time of the file


def last_produced(slug: str | None = None) -> list[ProducedFile]:
    """The files under exports/ (one commune's, or all), newest first."""
    root = exports_root()
    if not root.is_dir():
        return []
    out = []
    folders = [root / slug] if slug else [p for p in root.iterdir() if p.is_dir()]
    for folder in folders:
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            parts = p.stem.rsplit("-", 1)
            kind = p.stem.split("-", 1)[0]
            if p.suffix.lstrip(".") not in ("pdf", "docx", "xlsx") or kind not in DOCS or len(parts) != 2:
                continue
            stat = p.stat()
            out.append(
                ProducedFile(
                    folder.name,
                    kind,
                    parts[1],
                    p.suffix.lstrip("."),
                    p.name,
                    stat.st_size,
                    dt.datetime.fromtimestamp(stat.st_mtime),
                )
            )
    return sorted(out, key=lambda f: f.at, reverse=True)


def read_produced(slug: str, name: str) -> bytes:
    """A file produced earlier (for downloading it again)."""
    path = exports_root() / slug / Path(name).name
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DomainError(f"Fichier introuvable : « {name} ».") from exc


def has_plan(db: Database, commune_ref: int | str) -> bool:
    return communes.get_current_plan(db, communes.get_commune(db, commune_ref).id) is not None


def all_slugs(db: Database) -> list[str]:
    return [c.slug for c in communes.list_communes(db)]


def every_request() -> list[tuple[str, str, str]]:
    """Every (document, format, language) there is."""
    return [(k, f, lang) for k in DOCS for f in FORMATS[k] for lang in LANGS]


# --------------------------------------------------------------------------- an adopted (frozen) version


def produce_version(
    db: Database, plan_id: int, number: int, kind: str, fmt: str, lang: str, *, charts: bool = False
) -> Produced:
    """A deliverable of the adopted version `number` of a plan, made from its frozen workbook (never from
    the plan as edited since): the workbook is imported into a private, temporary database with the shipped
    catalogues, and the document is produced from there.  The same version gives the same bytes."""
    import tempfile

    from pac.db import upgrade
    from pac.services import adoption, catalogues, workbook

    check_request(kind, fmt, lang)
    data = adoption.version_workbook(db, plan_id, number, lang)
    with tempfile.TemporaryDirectory(prefix="pac-version-") as folder:
        frozen = Database(f"sqlite:///{Path(folder) / 'version.db'}")
        try:
            upgrade(frozen)
            catalogues.load_if_empty(frozen)
            slug = workbook.import_workbook(frozen, data, "json", backup=False).slug
            made = produce(frozen, slug, kind, fmt, lang, write=False, charts=charts)
        finally:
            frozen.dispose()
    return Produced(kind, fmt, lang, f"v{number}-{made.name}", made.data, None)
