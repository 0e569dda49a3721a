"""The command line of PAC Atelier: `python -m pac COMMANDE [options]`, for batch work without the UI.

Each subcommand is one function registered with `@command`, which declares its
French help and its arguments; `main` builds the parser from the registry.
To add a subcommand, write such a function in this module:

    @command("check", "Vérifier la conformité d'un plan.", arg("commune", metavar="COMMUNE", help="..."))
    def _check(args: argparse.Namespace, db: Database) -> int:
        ...
        return 0

A command returns its exit code.  Bad input raises `DomainError`: its problems
are printed in French, one per line, and the exit code is 1.  No traceback is
ever printed (set PAC_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from pac import __version__
from pac.domain.errors import DomainError

if TYPE_CHECKING:  # the database layer is imported only by commands that need it: --help stays instant
    from pac.db import Database

PROG = "python -m pac"
EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_FAILURE = 0, 1, 2, 3

Runner = Callable[[argparse.Namespace, "Database | None"], int]


@dataclass(frozen=True)
class Arg:
    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    """One argument of a command, as for `ArgumentParser.add_argument` (help in French)."""
    return Arg(flags, options)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    description: str
    args: tuple[Arg, ...]
    run: Runner
    needs_db: bool = True
    epilog: str = ""


COMMANDS: dict[str, Command] = {}


def command(
    name: str, help: str, *args: Arg, description: str = "", epilog: str = "", needs_db: bool = True
) -> Callable[[Runner], Runner]:
    """Register a subcommand.  `help` is its one-line summary; `description` its longer text."""

    def register(run: Runner) -> Runner:
        if name in COMMANDS:
            raise ValueError(f"command {name!r} registered twice")
        COMMANDS[name] = Command(name, help, description or help, tuple(args), run, needs_db, epilog)
        return run

    return register


# --------------------------------------------------------------------------- a French argparse


_ARGPARSE_FR = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"argument \1 : choix invalide \2 (choisir parmi \3)",
    ),
    (r"argument (\S+): expected one argument", r"argument \1 : une valeur est attendue"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argument \1 : valeur invalide \3"),
    (r"ambiguous option: (.*)", r"option ambiguë : \1"),
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="utilisation : " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking French: usage, section titles, -h and error messages."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        kw.setdefault("formatter_class", _Formatter)
        kw["add_help"] = False
        super().__init__(*a, **kw)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        for pattern, french in _ARGPARSE_FR:
            message = re.sub(pattern, french, message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="PAC Atelier en ligne de commande : démo, liste des communes, classeurs de commune.",
        epilog="« python -m pac COMMANDE --help » détaille une commande.\n"
        "La base de données est celle de DATABASE_URL (par défaut le fichier SQLite sous data/).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"PAC Atelier {__version__}",
        help="afficher la version et quitter",
    )
    sub = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE", parser_class=_Parser)
    for cmd in COMMANDS.values():
        p = sub.add_parser(
            cmd.name, help=cmd.help, description=textwrap.fill(cmd.description, 78), epilog=cmd.epilog or None
        )
        for a in cmd.args:
            p.add_argument(*a.flags, **a.options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line (`argv` without the program name; None reads sys.argv) and return its exit code.

    Never raises SystemExit, so that tests and other Python code can call it in-process:
    argparse's own exits (--help, --version, a usage error) become their exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else EXIT_USAGE
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    cmd = COMMANDS[args.command]
    db: Database | None = None
    try:
        if cmd.needs_db:
            db = open_database()
        return cmd.run(args, db)
    except DomainError as exc:
        for line in exc.messages:
            print(line, file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - the last guard: a French message, never a traceback
        if os.environ.get("PAC_DEBUG"):
            raise
        print(f"Erreur inattendue ({type(exc).__name__}) : {exc}", file=sys.stderr)
        print("Relancez avec PAC_DEBUG=1 pour le détail technique.", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        if db is not None:
            db.dispose()


def open_database() -> Database:
    """The database of DATABASE_URL (or the default file), migrated, with its catalogues."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from pac.db import Database, default_url, migrate
    from pac.services import catalogues

    url = default_url()
    try:
        db = Database(url)
        migrate(db)
    except (OSError, SQLAlchemyError) as exc:
        shown = make_url(url).render_as_string(hide_password=True) if "://" in url else url
        raise DomainError(
            f"Impossible d'ouvrir la base de données « {shown} » ({type(exc).__name__}). "
            "Vérifiez DATABASE_URL et les droits sur le fichier."
        ) from exc
    catalogues.load_if_empty(db)
    return db


# --------------------------------------------------------------------------- the commands


def _extension(path: str) -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in ("xlsx", "json"):
        raise DomainError(
            f"Extension de fichier inconnue « {Path(path).suffix or '(aucune)'} » : "
            "le classeur doit finir par .xlsx ou .json."
        )
    return ext


@command(
    "demo",
    "Charger la commune de démonstration et afficher son identifiant.",
    description="Charge la commune de démonstration (avec son plan, ses projets, ses votes et son suivi) "
    "dans la base, puis affiche son identifiant (slug).",
)
def _demo(args: argparse.Namespace, db: Database | None) -> int:
    from pac.services.demo import DEMO_SLUG, load_demo

    assert db is not None
    load_demo(db)
    print(DEMO_SLUG)
    return EXIT_OK


@command(
    "list",
    "Lister les communes de la base (identifiant, slug, nom, province, archivée).",
    description="Liste toutes les communes de la base, archivées comprises : identifiant numérique, "
    "slug, nom, province, et si elle est archivée.",
)
def _list(args: argparse.Namespace, db: Database | None) -> int:
    from pac.services.communes import list_communes

    assert db is not None
    communes = sorted(list_communes(db, include_archived=True), key=lambda c: c.id)
    if not communes:
        print("Aucune commune dans cette base.")
        return EXIT_OK
    rows = [("id", "slug", "nom", "province", "archivée")]
    rows += [(str(c.id), c.slug, c.name_fr, c.province, "oui" if c.archived else "non") for c in communes]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    return EXIT_OK


@command(
    "export-workbook",
    "Exporter le classeur d'une commune (.xlsx ou .json).",
    arg("commune", metavar="COMMUNE", help="la commune : son slug ou son identifiant (voir « list »)"),
    arg(
        "-o",
        "--output",
        metavar="FICHIER",
        required=True,
        help="fichier à écrire ; son extension choisit le format : .xlsx (Excel) ou .json",
    ),
    description="Écrit toutes les données d'une commune (douars, diagnostic, AFOM, axes, projets, "
    "financements, votes, suivi-évaluation) dans un classeur : une feuille par objet. "
    "Le classeur se réimporte avec « import-workbook » ; il sert aussi de sauvegarde.",
    epilog="Exemple : python -m pac export-workbook tinzert -o tinzert.xlsx\n"
    "La description des feuilles et des colonnes est dans docs/workbook.md.",
)
def _export_workbook(args: argparse.Namespace, db: Database | None) -> int:
    from pac.services.workbook import export_workbook

    assert db is not None
    fmt = _extension(args.output)
    data = export_workbook(db, args.commune, fmt)
    path = Path(args.output)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise DomainError(f"Impossible d'écrire le fichier « {path} » : {exc.strerror or exc}.") from exc
    print(f"Classeur écrit : {path} ({len(data):,} octets).".replace(",", " "))
    return EXIT_OK


@command(
    "import-workbook",
    "Importer le classeur d'une commune (.xlsx ou .json).",
    arg("file", metavar="FICHIER", help="le classeur à importer (.xlsx ou .json)"),
    arg(
        "--replace",
        action="store_true",
        help="si la commune existe déjà (même slug), remplacer toutes ses données par celles du classeur",
    ),
    description="Vérifie tout le classeur puis l'importe en une seule transaction. Au moindre problème "
    "rien n'est importé et chaque problème est listé (feuille, ligne, colonne). Une commune dont le "
    "slug existe déjà est refusée, sauf avec --replace.",
    epilog="Exemple : python -m pac import-workbook tinzert.xlsx --replace",
)
def _import_workbook(args: argparse.Namespace, db: Database | None) -> int:
    from pac.services.workbook import import_workbook

    assert db is not None
    path = Path(args.file)
    fmt = _extension(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DomainError(f"Impossible de lire le fichier « {path} » : {exc.strerror or exc}.") from exc
    try:
        summary = import_workbook(db, data, fmt, replace=args.replace)
    except DomainError as exc:
        n = len(exc.problems)
        print(f"Import refusé, rien n'a été importé : {n} problème{'s' if n > 1 else ''}.", file=sys.stderr)
        raise
    verb = "remplacée" if summary.replaced else "importée"
    print(
        f"Commune « {summary.slug} » ({summary.name}) {verb}, identifiant {summary.commune_id} : "
        f"{summary.total} lignes."
    )
    for sheet, count in summary.counts.items():
        if count:
            print(f"  {sheet} : {count}")
    return EXIT_OK


@command(
    "check",
    "Vérifier la conformité du plan d'une commune (liste de la loi, ce qui manque et où le corriger).",
    arg("commune", metavar="COMMUNE", help="la commune : son slug ou son identifiant (voir « list »)"),
    arg("--lang", choices=("fr", "ar"), default="fr", help="langue du rapport : fr (défaut) ou ar"),
    description="Vérifie le plan en cours de la commune point par point : six ans, diagnostic et ateliers "
    "participatifs, priorités, ressources et dépenses des trois premières années (et comment la capacité est "
    "estimée), approche genre (marqueurs, indicateurs, avis de l'IEEAG), indicateurs de chaque projet retenu et "
    "dispositif de suivi, services de l'État consultés, transmission aux commissions 30 jours avant la session "
    "et leurs rapports, adoption dans la première année du mandat, visa du gouverneur, cohérence avec le PDR. "
    "Pour chaque point manquant : ce qui manque et la page où le corriger.",
    epilog="Code de sortie : 0 si rien d'obligatoire ne manque, 1 sinon, 2 si la commune est inconnue.\n"
    "Exemple : python -m pac check tinzert --lang ar",
)
def _check(args: argparse.Namespace, db: Database | None) -> int:
    from pac.services.compliance import check_command

    assert db is not None
    return check_command(args.commune, db, lang=args.lang)


# Commands written in their own modules register themselves with @command when imported.
from pac import cli_backup, cli_export  # noqa: E402,F401
