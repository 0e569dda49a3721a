"""`python -m pac export`: the deliverables from the command line (registered with pac.cli's `@command`).

    python -m pac export COMMUNE --doc pac --format pdf --lang ar -o pac-ar.pdf
    python -m pac export --all-communes --out DOSSIER

The second form writes every document of every commune, in every format and language, under
DOSSIER/<commune-slug>/.  A bad combination (the plan in PDF, a Word document in xlsx…) is refused in
French with a non-zero exit code, before anything is built.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pac.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, arg, command
from pac.domain.errors import DomainError

if TYPE_CHECKING:  # the database layer is imported only when a command runs: --help stays instant
    from pac.db import Database

DOCS = ("synthese", "diagnostic", "pac", "suivi", "atelier", "plan")
FORMATS = ("pdf", "docx", "xlsx")


@command(
    "export",
    "Produire les documents d'une commune (PDF, Word, Excel ; français ou arabe).",
    arg(
        "commune",
        metavar="COMMUNE",
        nargs="?",
        help="la commune : son slug ou son identifiant (voir « list »)",
    ),
    arg(
        "--doc",
        choices=DOCS,
        help="le document : synthese (rapport analytique), diagnostic (révisé), pac (document de PAC), "
        "suivi (suivi-évaluation), atelier (compte rendu), plan (plan triennal et indicateurs, Excel)",
    ),
    arg("--format", dest="fmt", choices=FORMATS, help="pdf ou docx (plan : xlsx seulement)"),
    arg("--lang", choices=("fr", "ar"), default="fr", help="langue du document : fr (défaut) ou ar"),
    arg("-o", "--output", metavar="FICHIER", help="le fichier à écrire"),
    arg("--all-communes", action="store_true", help="tous les documents de toutes les communes"),
    arg(
        "--out",
        metavar="DOSSIER",
        help="avec --all-communes : le dossier où écrire (un sous-dossier par commune)",
    ),
    arg("--sans-graphiques", dest="no_charts", action="store_true", help="sans les graphiques (plus rapide)"),
    description="Produit un livrable d'une commune : rapport analytique, diagnostic révisé, document de PAC, "
    "document de suivi-évaluation, compte rendu d'atelier (PDF ou Word), ou le plan triennal et ses "
    "indicateurs (Excel), en français ou en arabe. Avec --all-communes, produit tous les documents de "
    "toutes les communes dans un dossier.",
    epilog="Exemples :\n"
    "  python -m pac export tinzert --doc pac --format pdf --lang ar -o pac-tinzert-ar.pdf\n"
    "  python -m pac export tinzert --doc plan --format xlsx -o plan.xlsx\n"
    "  python -m pac export --all-communes --out livrables",
)
def _export(args: argparse.Namespace, db: Database | None) -> int:
    try:
        return _run(args, db)
    finally:
        # The documents' chart renderer (kaleido's browser and thread) is stopped here, with a bounded
        # wait, rather than left to kaleido's exit handler, which can wait forever (see figures_batch).
        from pac.exports import figures_batch

        figures_batch.shutdown()


def _run(args: argparse.Namespace, db: Database | None) -> int:
    from pac.services import documents

    assert db is not None
    if args.all_communes:
        if args.commune or args.doc or args.fmt or args.output:
            raise DomainError(
                "Avec --all-communes, ne donnez ni commune, ni --doc, ni --format, ni -o : seulement --out DOSSIER."
            )
        if not args.out:
            raise DomainError("Avec --all-communes, donnez le dossier de sortie : --out DOSSIER.")
        return _all(db, Path(args.out), charts=not args.no_charts)
    missing = [
        flag
        for flag, value in (
            ("COMMUNE", args.commune),
            ("--doc", args.doc),
            ("--format", args.fmt),
            ("-o", args.output),
        )
        if not value
    ]
    if missing:
        print(f"Il manque : {', '.join(missing)} (ou bien --all-communes --out DOSSIER).", file=sys.stderr)
        return EXIT_USAGE
    documents.check_request(args.doc, args.fmt, args.lang)
    path = Path(args.output)
    if path.suffix.lower() != f".{args.fmt}":
        raise DomainError(
            f"Le fichier « {path.name} » devrait finir par .{args.fmt} (format demandé : {args.fmt})."
        )
    t0 = time.perf_counter()
    made = documents.produce(
        db, args.commune, args.doc, args.fmt, args.lang, write=False, charts=not args.no_charts
    )
    _write(path, made.data)
    size = f"{len(made.data):,}".replace(",", " ")
    seconds = f"{time.perf_counter() - t0:.1f}".replace(".", ",")
    print(f"Document écrit : {path} ({size} octets, {seconds} s).")
    return EXIT_OK


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise DomainError(f"Impossible d'écrire le fichier « {path} » : {exc.strerror or exc}.") from exc


def _all(db: Database, out: Path, charts: bool) -> int:
    from pac.services import documents

    failures = 0
    slugs = documents.all_slugs(db)
    if not slugs:
        print("Aucune commune dans cette base.")
        return EXIT_OK
    for slug in slugs:
        planned = documents.has_plan(db, slug)
        if not planned:  # its documents say what is missing; an Excel plan without a plan would be empty
            print(f"{slug} : pas encore de plan, le plan Excel n'est pas produit.")
        for kind, fmt, lang in documents.every_request():
            if kind == "plan" and not planned:
                continue
            name = documents.file_name(slug, kind, lang, fmt)
            try:
                made = documents.produce(db, slug, kind, fmt, lang, write=False, charts=charts)
            except DomainError as exc:
                failures += 1
                print(f"{slug}/{name} : {' '.join(exc.messages)}", file=sys.stderr)
                continue
            _write(out / slug / name, made.data)
            print(f"{slug}/{name}")
    if failures:
        print(f"{failures} document(s) non produit(s).", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK
