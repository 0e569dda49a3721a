"""`python -m pac`: the command line, called in-process on a temporary SQLite file (DATABASE_URL), and
twice as a real process, as a user runs it, to prove the entry point."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from pac.cli import COMMANDS, build_parser, main
from pac.db import Database
from pac.services.workbook import workbook_dict
from tests.test_workbook import SLUG, build_commune, new_db

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    """What a user sees of one command: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def pac(db_path: Path, *args: str) -> Run:
    """`python -m pac ARGS` over `db_path`, in this process: the same `main` the entry point calls, with the
    environment a user's shell would give it (a process start costs about a second; the tests make dozens)."""
    env = {"DATABASE_URL": f"sqlite:///{db_path}", "COLUMNS": "80", "PAC_DEBUG": None}
    saved = {k: os.environ.get(k) for k in env}
    out, err = io.StringIO(), io.StringIO()
    try:
        for k, v in env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v  # COLUMNS: argparse wraps its help as in a pipe, not as in this terminal
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return Run(code, out.getvalue(), err.getvalue())


def python_m_pac(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `python -m pac ARGS`, in its own process."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}"}
    env.pop("PAC_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "pac", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def no_traceback(result: Run | subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.fixture(scope="module")
def full_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complete test commune, built once for this module."""
    path = tmp_path_factory.mktemp("cli") / "full.db"
    db = new_db(path)
    build_commune(db)
    db.dispose()
    return path


@pytest.fixture
def full_db(full_db_file: Path, tmp_path: Path) -> Path:
    """A private copy of the database holding the complete test commune."""
    path = tmp_path / "full.db"
    shutil.copy(full_db_file, path)
    return path


# --------------------------------------------------------------------------- help


def test_every_command_is_registered_with_a_french_help() -> None:
    assert {"demo", "list", "export-workbook", "import-workbook"} <= set(COMMANDS)
    parser = build_parser()
    for name, cmd in COMMANDS.items():
        assert cmd.help and cmd.description, name
        for a in cmd.args:
            assert a.options.get("help"), (name, a.flags)
    assert "utilisation" in parser.format_help()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_of_each_command(tmp_path: Path, name: str) -> None:
    result = pac(tmp_path / "none.db", name, "--help")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"utilisation : python -m pac {name}")
    assert "afficher cette aide et quitter" in out
    assert " ".join(COMMANDS[name].description.split()[:4]) in " ".join(out.split())
    for english in ("usage:", "show this help", "positional arguments"):
        assert english not in out
    assert not (tmp_path / "none.db").exists()  # help opens no database


def test_main_help_lists_every_command(tmp_path: Path) -> None:
    result = pac(tmp_path / "none.db", "--help")
    assert result.returncode == 0
    for name, cmd in COMMANDS.items():
        assert name in result.stdout and cmd.help.split()[0] in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((), "utilisation : python -m pac"),
        (("frobnicate",), "choix invalide 'frobnicate'"),
        (("export-workbook", "tinzert"), "arguments obligatoires manquants : -o/--output"),
        (("list", "--vite"), "arguments non reconnus : --vite"),
    ],
)
def test_bad_usage_says_so_in_french(tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    result = pac(tmp_path / "cli.db", *args)
    assert result.returncode == 2
    assert words in result.stderr
    no_traceback(result)


# --------------------------------------------------------------------------- demo and list


def test_demo_then_list(tmp_path: Path) -> None:
    from pac.services.demo import DEMO_SLUG

    db_path = tmp_path / "cli.db"
    empty = pac(db_path, "list")
    assert empty.returncode == 0 and "Aucune commune" in empty.stdout
    first = pac(db_path, "demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == DEMO_SLUG
    assert pac(db_path, "demo").stdout.strip() == DEMO_SLUG  # a second run changes nothing
    listed = pac(db_path, "list")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["id", "slug", "nom", "province", "archivée"]
    demo_lines = [line for line in lines if f" {DEMO_SLUG} " in line]
    assert len(demo_lines) == 1 and demo_lines[0].rstrip().endswith("non")
    db = Database(f"sqlite:///{db_path}")  # reopen: the demo was committed
    try:
        assert workbook_dict(db, DEMO_SLUG)["sheets"]["projets"]
    finally:
        db.dispose()


def test_list_shows_archived_communes(full_db: Path) -> None:
    db = Database(f"sqlite:///{full_db}")
    build_commune(db, "ancienne", join_prefix="A", token_prefix="a")
    from sqlalchemy import update

    from pac.models import Commune

    with db.write() as s:
        s.execute(update(Commune).where(Commune.slug == "ancienne").values(archived=True))
    db.dispose()
    rows = {line.split()[1]: line.split() for line in pac(full_db, "list").stdout.splitlines()[1:]}
    assert rows[SLUG][-1] == "non" and rows["ancienne"][-1] == "oui"
    assert rows[SLUG][-2] == "Tiznit"


# --------------------------------------------------------------------------- export and import


def test_export_import_round_trip_through_the_command_line(full_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "target.db"
    for ext in ("xlsx", "json"):
        out = tmp_path / f"classeur.{ext}"
        exported = pac(full_db, "export-workbook", SLUG, "-o", str(out))
        assert exported.returncode == 0, exported.stderr
        assert "Classeur écrit" in exported.stdout and out.stat().st_size > 1000
    assert json.loads((tmp_path / "classeur.json").read_text(encoding="utf-8"))["commune"] == SLUG

    imported = pac(target, "import-workbook", str(tmp_path / "classeur.xlsx"))
    assert imported.returncode == 0, imported.stderr
    assert f"Commune « {SLUG} »" in imported.stdout and "importée" in imported.stdout
    assert "  projets : 3" in imported.stdout.splitlines()
    assert SLUG in pac(target, "list").stdout

    again = pac(target, "import-workbook", str(tmp_path / "classeur.json"))
    assert again.returncode == 1
    assert "Import refusé, rien n'a été importé : 1 problème." in again.stderr
    assert "existe déjà" in again.stderr and "--replace" in again.stderr
    no_traceback(again)

    replaced = pac(target, "import-workbook", str(tmp_path / "classeur.json"), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "remplacée" in replaced.stdout

    a, b = Database(f"sqlite:///{full_db}"), Database(f"sqlite:///{target}")
    try:
        assert workbook_dict(a, SLUG) == workbook_dict(b, SLUG)
    finally:
        a.dispose()
        b.dispose()


def test_export_by_numeric_id(full_db: Path, tmp_path: Path) -> None:
    ident = next(line.split()[0] for line in pac(full_db, "list").stdout.splitlines() if f" {SLUG} " in line)
    out = tmp_path / "par-id.json"
    result = pac(full_db, "export-workbook", ident, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["commune"] == SLUG


def test_import_problems_are_listed_one_per_line(full_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    assert pac(full_db, "export-workbook", SLUG, "-o", str(out)).returncode == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    d["sheets"]["projets"][0]["cout_total"] = -10
    d["sheets"]["financements"][1]["partenaire"] = "NASA"
    d["sheets"]["afom"][0]["texte"] = "<script>alert(1)</script>"
    out.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    result = pac(tmp_path / "empty.db", "import-workbook", str(out))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Import refusé, rien n'a été importé : 3 problèmes."
    assert lines[1:] == [
        "Feuille « afom », ligne 1, colonne « texte » : le texte ne doit pas contenir de balises HTML ou de script.",
        "Feuille « projets », ligne 1, colonne « cout_total » : la valeur doit être supérieure ou égale à 0 (reçu -10).",
        "Feuille « financements », ligne 2, colonne « partenaire » : partenaire inconnu du catalogue « NASA ».",
    ]
    assert "Aucune commune" in pac(tmp_path / "empty.db", "list").stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("export-workbook", "nulle-part", "-o", "{tmp}/x.xlsx"), "Commune inconnue : « nulle-part »"),
        (("export-workbook", SLUG, "-o", "{tmp}/x.csv"), "Extension de fichier inconnue « .csv »"),
        (("export-workbook", SLUG, "-o", "{tmp}/pas/de/dossier/x.xlsx"), "Impossible d'écrire le fichier"),
        (("import-workbook", "{tmp}/absent.xlsx"), "Impossible de lire le fichier"),
        (("import-workbook", "{tmp}/classeur.txt"), "Extension de fichier inconnue « .txt »"),
        (("import-workbook", "{tmp}/faux.xlsx"), "n'est pas un classeur Excel (.xlsx) lisible"),
        (("import-workbook", "{tmp}/faux.json"), "n'est pas un JSON lisible"),
    ],
)
def test_bad_input_gives_a_french_message_and_exit_code_1(
    full_db: Path, tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    (tmp_path / "faux.xlsx").write_bytes(b"ceci n'est pas un classeur")
    (tmp_path / "faux.json").write_text("{ pas du json", encoding="utf-8")
    (tmp_path / "classeur.txt").write_text("bonjour", encoding="utf-8")
    result = pac(full_db, *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.returncode == 1
    assert words in result.stderr
    no_traceback(result)


def test_an_unusable_database_is_a_french_message(tmp_path: Path) -> None:
    blocker = tmp_path / "un-fichier"
    blocker.write_text("", encoding="utf-8")
    result = pac(blocker / "pac.db", "list")  # its folder is a file
    assert result.returncode == 1
    assert "Impossible d'ouvrir la base de données" in result.stderr
    no_traceback(result)


# --------------------------------------------------------------------------- the entry point, as a real process


def test_python_m_pac_help_in_its_own_process(tmp_path: Path) -> None:
    result = python_m_pac(tmp_path / "none.db", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("utilisation : python -m pac")
    assert all(name in result.stdout for name in COMMANDS)
    assert not (tmp_path / "none.db").exists()


def test_python_m_pac_exit_codes_in_its_own_process(tmp_path: Path) -> None:
    usage = python_m_pac(tmp_path / "cli.db", "frobnicate")
    assert usage.returncode == 2 and "choix invalide 'frobnicate'" in usage.stderr
    blocker = tmp_path / "un-fichier"
    blocker.write_text("", encoding="utf-8")
    refused = python_m_pac(blocker / "pac.db", "list")
    assert refused.returncode == 1 and "Impossible d'ouvrir la base de données" in refused.stderr
    no_traceback(usage)
    no_traceback(refused)


@pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() and not shutil.which("chromium"), reason="no chromium"
)
def test_export_with_charts_exits_in_its_own_process(tmp_path: Path) -> None:
    """A document with charts starts kaleido's browser; the process must still end once its file is written
    (kaleido's own exit handler could wait forever: pac.exports.figures_batch.shutdown stops it first)."""
    pytest.importorskip("kaleido")
    from pac.services.demo import DEMO_SLUG

    db_path = tmp_path / "demo.db"
    assert pac(db_path, "demo").returncode == 0
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}"}
    env.pop("PAC_DEBUG", None)
    for i in (1, 2):
        out = tmp_path / f"synthese-{i}.docx"
        args = ["export", DEMO_SLUG, "--doc", "synthese", "--format", "docx", "--lang", "fr", "-o", str(out)]
        try:
            run = subprocess.run(
                [sys.executable, "-m", "pac", *args],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"run {i}: the export did not exit within 120 s (file written: {out.exists()})")
        assert run.returncode == 0, run.stderr
        assert f"Document écrit : {out}" in run.stdout
        assert (
            out.read_bytes().startswith(b"PK") and out.stat().st_size > 100_000
        )  # a Word file, charts in it
        no_traceback(run)
