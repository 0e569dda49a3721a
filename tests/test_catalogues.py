"""Reference catalogues: loaded once from data/*.csv, edited all-or-nothing, never losing a code in use."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from pac.db import Database
from pac.domain import vocab
from pac.domain.errors import DomainError
from pac.models import Commune, Competence, Finding, Partner, Project
from pac.services import catalogues
from pac.services.demo import load_demo

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def catalogued_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database file with the catalogues loaded, copied for each test (faster than migrating each time)."""
    from pac.db import upgrade

    path = tmp_path_factory.mktemp("catalogues") / "catalogued.db"
    database = Database(f"sqlite:///{path}")
    upgrade(database)
    catalogues.load_if_empty(database)
    database.dispose()
    return path


@pytest.fixture
def catalogued_db(catalogued_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "catalogued.db"
    shutil.copy(catalogued_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _snapshot(db: Database) -> dict[str, list[dict]]:
    return {name: catalogues.list_catalogue(db, name).to_dict("records") for name in catalogues.CATALOGUES}


# --------------------------------------------------------------------------- the files themselves


def test_csv_headers_are_the_model_columns() -> None:
    for name in catalogues.CATALOGUES:
        with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert tuple(header) == catalogues.catalogue_columns(name), name


def test_competences_file_follows_the_domain_facts() -> None:
    rows = _csv("competences")
    sectors = {r["code"] for r in _csv("sectors")}
    by_level: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        assert r["level"] in vocab.COMPETENCE_LEVELS, r["code"]
        assert r["sector_code"] in sectors, r["code"]
        assert r["domain_fr"] and r["domain_ar"], r["code"]
        assert [k for k in r["keywords"].split(";") if k.strip()], r["code"]
        by_level.setdefault(r["level"], []).append(r)
    assert {r["article"] for r in by_level["own"]} == {
        "LO 113-14 art. 83",
        "LO 113-14 art. 85",
        "LO 113-14 art. 86",
    }
    assert {r["article"] for r in by_level["shared"]} == {"LO 113-14 art. 87"}
    assert {r["article"] for r in by_level["transferred"]} == {"LO 113-14 art. 90"}
    # DOMAIN-FACTS: province "partly unverified", region "unverified": kept, but flagged.
    assert all(r["verified"] == "false" for r in by_level["province"] + by_level["region"])
    assert all(
        r["verified"] == "true" for r in by_level["own"] + by_level["shared"] + by_level["transferred"]
    )
    # State and public bodies have no article of the organic law.
    assert all(r["article"] == "" for r in by_level["state"] + by_level["public_body"])
    domains = " ".join(r["domain_fr"] for r in rows).lower()
    for expected in (
        "eau potable",
        "écoles de l'enseignement primaire",
        "dispensaires",
        "pistes communales",
        "ouvrages et équipements hydrauliques",
        "transport scolaire",
    ):
        assert expected in domains, expected


def test_mission_communes_file() -> None:
    rows = _csv("communes")
    assert len(rows) == 11
    assert all(r["population"] == "" for r in rows)  # never invented
    regions = {r["name_fr"]: r["region"] for r in rows}
    assert regions.pop("Boutrouch") == "Guelmim-Oued Noun"
    assert set(regions.values()) == {"Souss-Massa"}
    assert {r["name_fr"] for r in rows if r["kind"] == "urban"} == {"Tafraout", "Taliouine"}


# --------------------------------------------------------------------------- loading


def test_catalogues_load_once_and_not_twice(db: Database) -> None:
    first = catalogues.load_if_empty(db)
    assert list(first) == list(catalogues.CATALOGUES)
    assert first == {name: len(_csv(name)) for name in catalogues.CATALOGUES}
    assert first["markers"] == 7 and first["marker_levels"] == 21 and first["migration_criteria"] == 7
    assert 15 <= first["sectors"] <= 20 and first["competences"] >= 50 and first["partners"] >= 25
    before = _snapshot(db)
    assert catalogues.load_if_empty(db) == dict.fromkeys(catalogues.CATALOGUES, 0)
    reopened = Database(db.url)
    try:
        assert _snapshot(reopened) == before  # committed, and not loaded twice
    finally:
        reopened.dispose()


def test_a_broken_reference_file_is_refused_in_french(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in catalogues.CATALOGUES:
        shutil.copy(DATA / f"{name}.csv", tmp_path / f"{name}.csv")
    rows = (tmp_path / "partners.csv").read_text(encoding="utf-8").splitlines()
    rows[3] = rows[3].rsplit(",", 1)[0] + ",ong"  # line 4: a kind that does not exist
    (tmp_path / "partners.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(catalogues, "DATA_DIR", tmp_path)
    with pytest.raises(DomainError, match="Feuille « partners.csv », ligne 4, colonne « kind »"):
        catalogues.load_if_empty(db)
    with db.read() as s:  # one transaction: the sectors and competences loaded before are gone too
        assert s.scalar(select(func.count()).select_from(Competence)) == 0


def test_only_empty_catalogues_are_filled(db: Database) -> None:
    catalogues.load_if_empty(db)
    with db.write() as s:
        for p in s.scalars(select(Partner)):
            s.delete(p)
        s.add(Partner(code="ONLY", name_fr="Seul partenaire", kind="private"))
    loaded = catalogues.load_if_empty(db)
    assert loaded["partners"] == 0 and sum(loaded.values()) == 0
    with db.write() as s:
        for p in s.scalars(select(Partner)):
            s.delete(p)
    assert catalogues.load_if_empty(db)["partners"] == len(_csv("partners"))


def test_loaded_values_are_valid(catalogued_db: Database) -> None:
    db = catalogued_db
    comps = catalogues.competences(db)
    sectors = catalogues.sector_names(db)
    assert all(c.level in vocab.COMPETENCE_LEVELS for c in comps)
    assert all(c.sector_code in sectors for c in comps)
    assert [c.level for c in comps] == sorted((c.level for c in comps), key=vocab.COMPETENCE_LEVELS.index)
    water = next(c for c in comps if c.code == "OWN_WATER")
    assert "AEP" in water.keywords and water.verified
    assert not next(c for c in comps if c.code == "PROV_SCHOOL_TRANSPORT").verified
    parts = catalogues.partners(db)
    assert all(p.kind in vocab.PARTNER_KINDS for p in parts)
    assert parts[0].code == catalogues.COMMUNE_PARTNER and parts[0].kind == "commune"
    names = catalogues.partner_names(db, "ar")
    assert names["COMMUNE"] == "الجماعة" and names["INDH"]
    for code in (
        "INDH",
        "FDR",
        "ONEE_EAU",
        "ONEE_ELEC",
        "ABH_SM",
        "ANEF",
        "ANDZOA",
        "FH2_MRE",
        "OIM",
        "ASSOC_DIASPORA",
    ):
        assert code in names, code
    marks = catalogues.markers(db)
    assert tuple(m.code for m in marks) == vocab.MARKERS
    for m in marks:
        assert [lv.value for lv in m.levels] == [0, 1, 2]
        assert all(lv.definition_fr and lv.definition_ar for lv in m.levels)
    gender = marks[0]
    assert (
        "principal" in gender.levels[2].definition_fr.lower()
        and "indicateur spécifique au genre, ET des données ventilées par sexe" in gender.levels[1].definition_fr
    )
    crit = catalogues.migration_criteria(db)
    assert len(crit) == 7 and "host_cooperation" in crit
    assert catalogues.migration_criteria(db, "ar")["returning_migrants"] != crit["returning_migrants"]
    assert list(sectors)[0] == "water" and "migration" in sectors


def test_list_catalogue_columns_and_unknown_name(catalogued_db: Database) -> None:
    for name in catalogues.CATALOGUES:
        df = catalogues.list_catalogue(catalogued_db, name)
        assert tuple(df.columns) == catalogues.catalogue_columns(name)
        assert len(df) == len(_csv(name))
    assert catalogues.list_catalogue(catalogued_db, "competences")["verified"].dtype == bool
    with pytest.raises(DomainError, match="Catalogue inconnu"):
        catalogues.list_catalogue(catalogued_db, "douars")


def test_mission_communes_created_once(db: Database) -> None:
    assert catalogues.load_mission_communes(db) == 11
    assert catalogues.load_mission_communes(db) == 0
    reopened = Database(db.url)
    try:
        with reopened.read() as s:
            rows = s.scalars(select(Commune).order_by(Commune.slug)).all()
            assert len(rows) == 11
            assert all(c.population is None and not c.is_demo and not c.archived for c in rows)
            by_slug = {c.slug: c for c in rows}
            assert by_slug["boutrouch"].province == "Sidi Ifni"
            assert by_slug["boutrouch"].region == "Guelmim-Oued Noun"
            assert by_slug["azaghar-n-irs"].name_ar == "أزغار نيرس"
            assert by_slug["taliouine"].kind == "urban"
    finally:
        reopened.dispose()


def test_mission_communes_not_recreated_when_one_exists(db: Database) -> None:
    with db.write() as s:
        s.add(Commune(slug="tinzert", name_fr="Tinzert"))
    assert catalogues.load_mission_communes(db) == 0
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 1


# --------------------------------------------------------------------------- editing


def test_save_catalogue_updates_adds_and_deletes(catalogued_db: Database) -> None:
    db = catalogued_db
    df = catalogues.list_catalogue(db, "partners")
    df.loc[df["code"] == "INDH", "name_fr"] = "INDH – programme provincial"
    df = df[df["code"] != "PRIVE"]
    df = pd.concat(
        [
            df,
            pd.DataFrame(
                [
                    {
                        "code": "AMICALE_LYON",
                        "name_fr": "Amicale des originaires à Lyon",
                        "name_ar": "",
                        "kind": "Diaspora",
                    }
                ]
            ),
        ],  # a French label is accepted
        ignore_index=True,
    )
    assert catalogues.save_catalogue(db, "partners", df) == len(df)
    reopened = Database(db.url)
    try:
        names = catalogues.partner_names(reopened)
        assert names["INDH"] == "INDH – programme provincial"
        assert "PRIVE" not in names
        assert next(p for p in catalogues.partners(reopened) if p.code == "AMICALE_LYON").kind == "diaspora"
        assert catalogues.partner_names(reopened, "ar")["AMICALE_LYON"] == "Amicale des originaires à Lyon"
    finally:
        reopened.dispose()


def test_save_competences_from_a_grid(catalogued_db: Database) -> None:
    df = catalogues.list_catalogue(catalogued_db, "competences")
    df["verified"] = df["verified"].map({True: "oui", False: "non"})
    df.loc[df["code"] == "REG_RENEWABLE", "verified"] = "oui"
    df.loc[df["code"] == "STATE_HEALTH", "sector_code"] = None
    catalogues.save_catalogue(catalogued_db, "competences", df)
    comps = {c.code: c for c in catalogues.competences(catalogued_db)}
    assert comps["REG_RENEWABLE"].verified and not comps["REG_ECONOMY"].verified
    assert comps["STATE_HEALTH"].sector_code is None


def _edit(name: str, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Callable[[Database], pd.DataFrame]:
    def make(db: Database) -> pd.DataFrame:
        return change(catalogues.list_catalogue(db, name).copy())

    return make


def _set(df: pd.DataFrame, row: int, col: str, value: object) -> pd.DataFrame:
    df[col] = df[col].astype(object)
    df.at[row, col] = value
    return df


BAD_EDITS = [
    (
        "sectors",
        _edit("sectors", lambda d: _set(d, 1, "label_fr", "  ")),
        "ligne 2, colonne « label_fr »",
        "obligatoire",
    ),
    (
        "competences",
        _edit("competences", lambda d: _set(d, 0, "level", "commune")),
        "colonne « level »",
        "n'est pas une valeur permise",
    ),
    (
        "competences",
        _edit("competences", lambda d: _set(d, 2, "sector_code", "peche")),
        "ligne 3, colonne « sector_code »",
        "n'existe pas",
    ),
    (
        "competences",
        _edit("competences", lambda d: _set(d, 0, "verified", "peut-être")),
        "colonne « verified »",
        "oui ou non",
    ),
    (
        "partners",
        _edit("partners", lambda d: _set(d, 3, "kind", "ngo")),
        "ligne 4, colonne « kind »",
        "n'est pas une valeur permise",
    ),
    (
        "partners",
        _edit("partners", lambda d: _set(d, 4, "code", d.at[3, "code"])),
        "ligne 5, colonne « code »",
        "figure déjà à la ligne 4",
    ),
    (
        "partners",
        _edit("partners", lambda d: _set(d, 2, "code", "ONEE eau")),
        "ligne 3, colonne « code »",
        "un code ne contient que",
    ),
    (
        "partners",
        _edit("partners", lambda d: _set(d, 1, "name_fr", "<script>alert(1)</script>")),
        "ligne 2, colonne « name_fr »",
        "balises HTML",
    ),
    ("partners", _edit("partners", lambda d: d[d["code"] != "COMMUNE"]), "colonne « code »", "« COMMUNE »"),
    (
        "partners",
        _edit("partners", lambda d: _set(d, 0, "kind", "state")),
        "colonne « kind »",
        "type « commune »",
    ),
    (
        "partners",
        _edit("partners", lambda d: d.drop(columns=["kind"])),
        "colonne « kind »",
        "colonne manquante",
    ),
    (
        "markers",
        _edit("markers", lambda d: d[d["code"] != "migration"]),
        "colonne « code »",
        "ne peut pas être supprimé",
    ),
    (
        "markers",
        _edit("markers", lambda d: _set(d, 0, "code", "poverty")),
        "ligne 1, colonne « code »",
        "n'est pas un marqueur connu",
    ),
    (
        "marker_levels",
        _edit("marker_levels", lambda d: _set(d, 2, "value", 3)),
        "ligne 3, colonne « value »",
        "n'est pas une valeur permise",
    ),
    ("marker_levels", _edit("marker_levels", lambda d: d.iloc[1:]), "colonne « value »", "manque : 0"),
    (
        "marker_levels",
        _edit("marker_levels", lambda d: _set(d, 0, "marker_code", "poverty")),
        "ligne 1, colonne « marker_code »",
        "n'est pas une valeur permise",
    ),
    (
        "migration_criteria",
        _edit("migration_criteria", lambda d: d.iloc[0:0]),
        "colonne « code »",
        "ne peut pas être vide",
    ),
    (
        "marker_levels",
        _edit("marker_levels", lambda d: _set(d, 4, "value", "inf")),
        "ligne 5, colonne « value »",
        "n'est pas une valeur permise",
    ),
    (
        "migration_criteria",
        _edit("migration_criteria", lambda d: _set(d, 6, "label_fr", None)),
        "ligne 7, colonne « label_fr »",
        "obligatoire",
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "where", "what"), BAD_EDITS, ids=[f"{b[0]}-{b[3]}" for b in BAD_EDITS]
)
def test_save_catalogue_refuses_and_changes_nothing(
    catalogued_db: Database, name: str, make: Callable[[Database], pd.DataFrame], where: str, what: str
) -> None:
    before = _snapshot(catalogued_db)
    df = make(catalogued_db)
    with pytest.raises(DomainError) as err:
        catalogues.save_catalogue(catalogued_db, name, df)
    messages = err.value.messages
    assert any(where in m and what in m for m in messages), messages
    sheet = {
        "sectors": "Secteurs",
        "competences": "Compétences",
        "partners": "Partenaires",
        "markers": "Marqueurs",
        "marker_levels": "Niveaux des marqueurs",
        "migration_criteria": "Critères migration",
    }[name]
    assert all(sheet in m for m in messages), messages
    assert _snapshot(catalogued_db) == before


def test_a_good_row_is_not_saved_beside_a_bad_one(catalogued_db: Database) -> None:
    before = _snapshot(catalogued_db)
    df = catalogues.list_catalogue(catalogued_db, "sectors")
    df.loc[0, "label_fr"] = "Eau potable et irrigation"  # fine
    df = _set(df, 1, "position", "deux")  # not a number
    with pytest.raises(DomainError, match="colonne « position »"):
        catalogues.save_catalogue(catalogued_db, "sectors", df)
    assert _snapshot(catalogued_db) == before


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pac.db import upgrade

    path = tmp_path_factory.mktemp("catalogues-demo") / "demo.db"
    database = Database(f"sqlite:///{path}")
    upgrade(database)
    load_demo(database)
    database.dispose()
    return path


@pytest.fixture
def with_demo(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.mark.parametrize(
    ("name", "code", "used_by"),
    [
        ("partners", "INDH", "financements"),
        ("partners", "ONEE_EAU", "projets (chef de file)"),
        ("sectors", "water", "constats du diagnostic"),
        ("sectors", "migration", "projets"),
        ("competences", "SH_COMMUNAL_ROADS", "projets"),
        ("migration_criteria", "returning_migrants", "projets"),
    ],
)
def test_codes_in_use_cannot_be_deleted(with_demo: Database, name: str, code: str, used_by: str) -> None:
    before = _snapshot(with_demo)
    df = catalogues.list_catalogue(with_demo, name)
    with pytest.raises(DomainError) as err:
        catalogues.save_catalogue(with_demo, name, df[df["code"] != code])
    assert any(f"« {code} » est encore utilisé" in m and used_by in m for m in err.value.messages), (
        err.value.messages
    )
    assert _snapshot(with_demo) == before


def test_unused_code_can_go_and_used_code_stays_referenced(with_demo: Database) -> None:
    df = catalogues.list_catalogue(with_demo, "partners")
    df.loc[df["code"] == "INDH", "name_fr"] = "Initiative nationale (INDH)"
    catalogues.save_catalogue(with_demo, "partners", df[df["code"] != "PRIVE"])
    with with_demo.read() as s:
        assert s.get(Partner, "INDH").name_fr == "Initiative nationale (INDH)"
        assert s.get(Partner, "PRIVE") is None
        # Rows were updated in place: projects still point to existing codes.
        used = set(s.scalars(select(Project.lead_partner_code)))
        assert used <= set(s.scalars(select(Partner.code)))
        assert s.scalar(select(func.count()).select_from(Finding)) > 0
        assert s.get(Competence, "OWN_WATER") is not None
