"""`python -m pac backup` and `python -m pac restore FILE`: the database's backups from the command line.

Registered with pac.cli's `@command`; the rules live in pac.services.backups.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from pac.cli import EXIT_OK, EXIT_REFUSED, arg, command

if TYPE_CHECKING:
    from pac.db import Database


@command(
    "backup",
    "Sauvegarder la base maintenant et afficher le fichier écrit.",
    arg("--list", action="store_true", help="lister les sauvegardes du dossier au lieu d'en écrire une"),
    description="Écrit une copie horodatée de la base dans le dossier des sauvegardes (PAC_BACKUP_DIR, sinon "
    "backups/ à côté du fichier SQLite) et affiche son chemin. SQLite : copie cohérente même pendant un vote ; "
    "PostgreSQL : le classeur de chaque commune dans un zip. Élague ensuite le dossier : tout ce qui a moins de "
    "24 heures, la plus récente de chaque jour pendant 30 jours, la plus récente de chaque mois pendant un an.",
)
def _backup(args: argparse.Namespace, db: Database | None) -> int:
    from pac.services import backups

    assert db is not None
    if args.list:
        for b in backups.list_backups(db):
            d = backups.describe(b)
            print(f"{d['name']}\t{d['taken_at']} UTC\t{d['reason']}\t{d['kb']} ko")
        return EXIT_OK
    made = backups.take_backup(db, "manual")
    print(made.path)
    return EXIT_OK


@command(
    "restore",
    "Restaurer une sauvegarde (la base actuelle est d'abord sauvegardée).",
    arg("file", metavar="FICHIER", help="la sauvegarde : un nom du dossier des sauvegardes ou un chemin"),
    arg("--yes", action="store_true", help="ne pas demander de confirmation"),
    description="Montre ce que contient la sauvegarde (communes, projets, constats, votes), demande "
    "confirmation, sauvegarde la base actuelle, puis remet les données de la sauvegarde. SQLite : toute la base "
    "est remplacée ; PostgreSQL : chaque commune du zip remplace la commune de même identifiant.",
    epilog="Exemple : python -m pac restore pac-20261130-081500-000000-manual.sqlite --yes",
)
def _restore(args: argparse.Namespace, db: Database | None) -> int:
    from pac.services import backups

    assert db is not None
    backup = backups.find(db, args.file)
    seen = backups.preview(db, backup)
    print(f"Sauvegarde {backup.name} ({backups.describe(backup)['taken_at']} UTC) :")
    for c in seen.communes:
        print(
            f"  {c.slug} — {c.name} : {c.projects} projets, {c.findings} constats, {c.rounds} tours de vote, "
            f"{c.ballots} bulletins"
        )
    if not seen.communes:
        print("  (aucune commune)")
    if not args.yes:
        try:
            answer = input("Restaurer cette sauvegarde ? La base actuelle sera d'abord sauvegardée. [o/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("o", "oui", "y", "yes"):
            print("Restauration annulée : rien n'a changé.", file=sys.stderr)
            return EXIT_REFUSED
    before = backups.restore(db, backup)
    print(f"Restaurée. La base d'avant est sauvegardée dans {before.path}")
    return EXIT_OK
