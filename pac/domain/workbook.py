"""The commune workbook: its layout (one sheet per object, one column per field) and the checks of an import.

The workbook is a commune's whole dataset, readable by a person (`.xlsx`) or a
program (`.json`, the same content).  Internal database ids never appear: rows
point to each other by natural keys — the commune's slug, a douar's name, a
plan's first year, axis / objective / project codes — and, for objects that
have no natural key (findings, SWOT items, workshops, voting rounds and their
options, criteria and participants, indicators), by a `ref` number assigned at
export, unique in the workbook.

Pure: no I/O.  `check_workbook` turns the raw cells of either format into typed
rows, or collects every problem (sheet, row, column, French message) so that an
import can refuse the whole file before changing anything.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pac.domain import validate as v
from pac.domain import vocab
from pac.domain.errors import Collector, Problem

FORMAT = "pac-atelier/classeur-commune"
VERSION = 1
README_SHEET = "LISEZ-MOI"

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
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TRUE = {"oui", "o", "vrai", "true", "yes", "y", "x", "1"}
_FALSE = {"non", "n", "faux", "false", "no", "0"}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, its type and where it goes in the model."""

    name: str
    kind: str
    doc: str
    attr: str = ""  # model attribute filled directly; "" when the service resolves a reference
    required: bool = False
    allowed: tuple[Any, ...] = ()  # closed list (CHOICE, CODES)
    vocab: str = ""  # name of the list in the translation table, for labels
    minimum: float | None = 0
    maximum: float | None = None
    max_len: int = 300
    refers: str = ""  # what a reference points to, for the documentation
    default: Any = None  # stored when the cell is blank (non-nullable model columns)

    @property
    def type_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: one table (or link table) of the model."""

    name: str
    title: str
    doc: str
    table: str  # the model table it fills
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns that together are unique in the sheet

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


# --------------------------------------------------------------------------- column helpers


def _text(name: str, attr: str, doc: str, *, max_len: int = 300, required: bool = False) -> Column:
    return Column(name, TEXT, doc, attr=attr, max_len=max_len, required=required, default="")


def _long(name: str, attr: str, doc: str, *, required: bool = False) -> Column:
    return _text(name, attr, doc, max_len=LONG, required=required)


def _int(name: str, attr: str, doc: str, *, default: int | None = None, minimum: int | None = 0) -> Column:
    return Column(name, INT, doc, attr=attr, default=default, minimum=minimum)


def _amount(
    name: str, attr: str, doc: str, *, default: float | None = None, required: bool = False
) -> Column:
    return Column(name, AMOUNT, doc, attr=attr, default=default, required=required)


def _bool(name: str, attr: str, doc: str) -> Column:
    return Column(name, BOOL, doc, attr=attr, default=False)


def _choice(
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


def _date(name: str, attr: str, doc: str) -> Column:
    return Column(name, DATE, doc, attr=attr)


def _year(name: str, attr: str, doc: str, *, required: bool = False) -> Column:
    return Column(name, YEAR, doc, attr=attr, required=required, minimum=None)


def _ref(name: str, doc: str, *, refers: str, required: bool = True) -> Column:
    """A `ref` number: the row's own identity (refers="") or a pointer to another sheet's ref."""
    return Column(name, REF, doc, required=required, minimum=1, refers=refers)


def _key(name: str, doc: str, *, refers: str, required: bool = True, max_len: int = 200) -> Column:
    """A natural key pointing to another sheet (a code, a name) or to a catalogue."""
    return Column(name, TEXT, doc, required=required, max_len=max_len, refers=refers, default="")


def _plan(doc: str = "Première année du plan (feuille « plans », colonne annee_debut).") -> Column:
    return Column("plan", YEAR, doc, required=True, minimum=None, refers="plans.annee_debut")


def _commune() -> Column:
    return _key(
        "commune",
        "Identifiant (slug) de la commune : le même que dans la feuille « commune ».",
        refers="commune.slug",
        max_len=80,
    )


def _project() -> tuple[Column, Column]:
    return _plan(), _key("projet", "Code du projet dans ce plan.", refers="projets.code", max_len=20)


def _markers() -> tuple[Column, ...]:
    return tuple(
        _choice(
            f"marqueur_{m}",
            f"marker_{m}",
            f"Marqueur « {m} » : 0, 1 ou 2 (vide = pas encore évalué).",
            vocab.MARKER_VALUES,
        )
        for m in vocab.MARKERS
    )


_SEX_OR_BLANK = ("", *vocab.SEXES)
_ROLE_OR_BLANK = ("", *vocab.ROLES)

# --------------------------------------------------------------------------- the layout

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "commune",
        "Commune",
        "Une seule ligne : la commune elle-même.",
        "communes",
        (
            _text(
                "slug",
                "slug",
                "Identifiant court et stable : minuscules, chiffres et tirets (ex. tinzert).",
                max_len=80,
                required=True,
            ),
            _text("nom_fr", "name_fr", "Nom en français.", max_len=200, required=True),
            _text("nom_ar", "name_ar", "Nom en arabe.", max_len=200),
            _text("province", "province", "Province ou préfecture.", max_len=120),
            _text("region", "region", "Région.", max_len=120),
            _choice("type", "kind", "Type de commune.", vocab.COMMUNE_KINDS, "commune_kinds", required=True),
            _int("population", "population", "Population totale."),
            _int("population_femmes", "population_women", "Population féminine."),
            _int("population_hommes", "population_men", "Population masculine."),
            _int("menages", "households", "Nombre de ménages."),
            Column("superficie_km2", AMOUNT, "Superficie en km².", attr="area_km2"),
            _year("annee_recensement", "census_year", "Année du recensement des chiffres de population."),
            _bool("demo", "is_demo", "Commune de démonstration."),
            _bool("archivee", "archived", "Commune archivée (masquée des listes)."),
            _long("notes", "notes", "Notes libres."),
        ),
        key=("slug",),
    ),
    Sheet(
        "douars",
        "Douars",
        "Les douars (villages) de la commune ; leur nom les identifie.",
        "douars",
        (
            _commune(),
            _text("nom", "name", "Nom du douar, unique dans la commune.", max_len=200, required=True),
            _text("nom_ar", "name_ar", "Nom en arabe.", max_len=200),
            _text("fraction", "fraction", "Fraction (groupe de douars).", max_len=200),
            _int("population", "population", "Population du douar."),
            _int("menages", "households", "Nombre de ménages."),
        ),
        key=("nom",),
    ),
    Sheet(
        "chiffres_cles",
        "Chiffres clés",
        "Chiffres de la monographie : taux d'accès, effectifs, par sexe si connu.",
        "key_figures",
        (
            _commune(),
            _text("code", "code", "Code du chiffre (ex. access_water).", max_len=60, required=True),
            _text("libelle", "label", "Libellé.", max_len=300),
            Column(
                "valeur",
                NUMBER,
                "Valeur (peut être négative : un solde, une évolution).",
                attr="value",
                minimum=None,
            ),
            _text("unite", "unit", "Unité (%, habitants, km...).", max_len=40),
            _choice("sexe", "sex", "all (ensemble), f (femmes) ou m (hommes).", FIGURE_SEXES, default="all"),
            _year("annee", "year", "Année de la donnée."),
            _text("source", "source", "Source.", max_len=300),
        ),
        key=("code", "sexe", "annee"),
    ),
    Sheet(
        "annees_financieres",
        "Années financières",
        "Analyse institutionnelle et financière : une ligne par année (montants en DH).",
        "financial_years",
        (
            _commune(),
            _year("annee", "year", "Année budgétaire.", required=True),
            _amount("recettes_propres", "own_revenues", "Recettes propres (DH).", default=0.0),
            _amount("part_tva", "vat_share", "Part du produit de la TVA (DH).", default=0.0),
            _amount("autres_transferts", "other_transfers", "Autres transferts (DH).", default=0.0),
            _amount(
                "depenses_fonctionnement",
                "operating_expenses",
                "Dépenses de fonctionnement (DH).",
                default=0.0,
            ),
            _amount("service_dette", "debt_service", "Service de la dette (DH).", default=0.0),
            Column(
                "capacite_investissement_forcee",
                NUMBER,
                "Capacité d'investissement lue dans l'analyse (DH) ; vide = calculée. Peut être négative.",
                attr="investment_capacity_override",
                minimum=None,
            ),
            _bool("prevision", "is_forecast", "Année prévisionnelle (et non réalisée)."),
            _long("note", "note", "Note."),
        ),
        key=("annee",),
    ),
    Sheet(
        "plans",
        "Plans",
        "Les PAC de la commune (six ans) ; un plan est désigné par sa première année.",
        "plans",
        (
            _commune(),
            _year("annee_debut", "start_year", "Première année du plan.", required=True),
            _year("annee_fin", "end_year", "Dernière année du plan.", required=True),
            _text("titre", "title", "Titre.", max_len=300),
            _long("mission", "mission", "Mission."),
            _long("vision", "vision", "Vision."),
            _choice(
                "statut",
                "status",
                "draft (projet), adopted (adopté) ou archived (archivé).",
                PLAN_STATUSES,
                default="draft",
            ),
            _date(
                "envoi_commissions_le", "committees_sent_on", "Envoi du projet aux commissions du conseil."
            ),
            _date("session_adoption_le", "adoption_session_on", "Session d'adoption."),
            _date(
                "consultation_services_etat_le",
                "state_services_consulted_on",
                "Réunion de consultation des services déconcentrés de l'État.",
            ),
            _date("avis_ieeag_le", "ieeag_opinion_on", "Avis de l'IEEAG."),
            _long(
                "note_coherence_pdr",
                "pdr_consistency_note",
                "Cohérence avec le programme de développement régional.",
            ),
        ),
        key=("annee_debut",),
    ),
    Sheet(
        "valeurs",
        "Valeurs",
        "Les valeurs du plan, dans l'ordre.",
        "plan_values",
        (
            _plan(),
            _int("position", "position", "Ordre d'affichage.", default=0),
            _long("texte", "text", "La valeur.", required=True),
        ),
    ),
    Sheet(
        "ateliers",
        "Ateliers",
        "Les ateliers tenus avec la commune.",
        "workshops",
        (
            _commune(),
            _ref("ref", "Numéro de l'atelier dans le classeur (unique).", refers=""),
            Column(
                "plan",
                YEAR,
                "Première année du plan concerné (vide = aucun).",
                minimum=None,
                refers="plans.annee_debut",
            ),
            _text("titre", "title", "Titre.", max_len=300, required=True),
            _choice(
                "type", "kind", "Type d'atelier.", vocab.WORKSHOP_KINDS, "workshop_kinds", default="planning"
            ),
            _date("date", "held_on", "Date de l'atelier."),
            _text("lieu", "place", "Lieu.", max_len=300),
            _long("animateurs", "facilitators", "Animateurs et animatrices."),
            _long("notes", "notes", "Notes."),
        ),
        key=("ref",),
    ),
    Sheet(
        "presences",
        "Présences",
        "La participation à chaque atelier, par rôle et par sexe.",
        "attendance",
        (
            _ref("atelier", "Numéro (ref) de l'atelier.", refers="ateliers.ref"),
            _choice("role", "role", "Rôle des participants.", vocab.ROLES, "roles", required=True),
            _int("femmes", "women", "Nombre de femmes.", default=0),
            _int("hommes", "men", "Nombre d'hommes.", default=0),
        ),
        key=("atelier", "role"),
    ),
    Sheet(
        "constats",
        "Constats du diagnostic",
        "Ce que les trois diagnostics ont trouvé.",
        "findings",
        (
            _commune(),
            _ref("ref", "Numéro du constat dans le classeur (unique).", refers=""),
            _choice("source", "source", "Source du constat.", vocab.SOURCES, "sources", required=True),
            _key(
                "secteur",
                "Code du secteur (catalogue des secteurs) ; vide = aucun.",
                refers="catalogue des secteurs",
                required=False,
                max_len=40,
            ),
            _choice(
                "type", "kind", "Nature du constat.", vocab.FINDING_KINDS, "finding_kinds", required=True
            ),
            _long("texte", "text", "Le constat.", required=True),
            _choice(
                "exprime_par",
                "raised_by",
                "Groupe qui l'a exprimé (vide = non précisé).",
                vocab.VOICES,
                "voices",
                default="",
            ),
        ),
        key=("ref",),
    ),
    Sheet(
        "constats_douars",
        "Constats — douars",
        "Les douars concernés par chaque constat.",
        "finding_douars",
        (
            _ref("constat", "Numéro (ref) du constat.", refers="constats.ref"),
            _key("douar", "Nom du douar.", refers="douars.nom"),
        ),
        key=("constat", "douar"),
    ),
    Sheet(
        "afom",
        "AFOM (SWOT)",
        "La matrice Atouts-Faiblesses-Opportunités-Menaces de chaque plan.",
        "swot_items",
        (
            _ref("ref", "Numéro de l'élément dans le classeur (unique).", refers=""),
            _plan(),
            _choice(
                "quadrant",
                "quadrant",
                "S (forces), W (faiblesses), O (opportunités) ou T (menaces).",
                vocab.QUADRANTS,
                "quadrants",
                required=True,
            ),
            _int("position", "position", "Ordre dans le quadrant.", default=0),
            _long("texte", "text", "L'élément.", required=True),
            _key(
                "secteur",
                "Code du secteur (catalogue) ; vide = aucun.",
                refers="catalogue des secteurs",
                required=False,
                max_len=40,
            ),
        ),
        key=("ref",),
    ),
    Sheet(
        "afom_constats",
        "AFOM — constats",
        "Les constats dont chaque élément AFOM est tiré.",
        "swot_item_findings",
        (
            _ref("afom", "Numéro (ref) de l'élément AFOM.", refers="afom.ref"),
            _ref("constat", "Numéro (ref) du constat.", refers="constats.ref"),
        ),
        key=("afom", "constat"),
    ),
    Sheet(
        "axes",
        "Axes stratégiques",
        "Les axes de chaque plan.",
        "axes",
        (
            _plan(),
            _text("code", "code", "Code de l'axe, unique dans le plan (ex. A1).", max_len=20, required=True),
            _text("titre", "title", "Intitulé.", max_len=300, required=True),
            _long("description", "description", "Description."),
            _int("position", "position", "Ordre d'affichage.", default=0),
        ),
        key=("plan", "code"),
    ),
    Sheet(
        "objectifs",
        "Objectifs",
        "Les objectifs de chaque axe.",
        "objectives",
        (
            _plan(),
            _key("axe", "Code de l'axe dans ce plan.", refers="axes.code", max_len=20),
            _text(
                "code",
                "code",
                "Code de l'objectif, unique dans le plan (ex. A1.1).",
                max_len=20,
                required=True,
            ),
            _text("titre", "title", "Intitulé.", max_len=300, required=True),
            _long("description", "description", "Description."),
            _int("position", "position", "Ordre dans l'axe.", default=0),
        ),
        key=("plan", "code"),
    ),
    Sheet(
        "objectifs_afom",
        "Objectifs — AFOM",
        "Les éléments AFOM auxquels répond chaque objectif.",
        "objective_swot_items",
        (
            _plan(),
            _key("objectif", "Code de l'objectif dans ce plan.", refers="objectifs.code", max_len=20),
            _ref("afom", "Numéro (ref) de l'élément AFOM.", refers="afom.ref"),
        ),
        key=("plan", "objectif", "afom"),
    ),
    Sheet(
        "projets",
        "Projets",
        "Les projets de chaque objectif, avec marqueurs, subsidiarité et programmation.",
        "projects",
        (
            _plan(),
            _key("objectif", "Code de l'objectif dans ce plan.", refers="objectifs.code", max_len=20),
            _text(
                "code", "code", "Code du projet, unique dans le plan (ex. P01).", max_len=20, required=True
            ),
            _text("titre", "title", "Intitulé.", max_len=300, required=True),
            _long("description", "description", "Description."),
            _key(
                "secteur",
                "Code du secteur (catalogue) ; vide = aucun.",
                refers="catalogue des secteurs",
                required=False,
                max_len=40,
            ),
            _bool("toute_commune", "whole_commune", "Le projet concerne toute la commune."),
            _int("beneficiaires_femmes", "beneficiaries_women", "Bénéficiaires : femmes."),
            _int("beneficiaires_hommes", "beneficiaries_men", "Bénéficiaires : hommes."),
            _int("beneficiaires_jeunes", "beneficiaries_youth", "Bénéficiaires : jeunes."),
            _amount("cout_total", "total_cost", "Coût total (DH).", default=0.0),
            _text("maitre_ouvrage", "owner", "Maître d'ouvrage.", max_len=200),
            _choice(
                "statut",
                "status",
                "Statut du projet.",
                vocab.PROJECT_STATUSES,
                "project_statuses",
                default="proposed",
            ),
            *_markers(),
            _long("note_analyse_genre", "gender_analysis_note", "Note d'analyse de genre."),
            _key(
                "competence",
                "Code de la compétence (catalogue des compétences) ; vide = non précisée.",
                refers="catalogue des compétences",
                required=False,
                max_len=40,
            ),
            _key(
                "chef_de_file",
                "Code du partenaire chef de file (catalogue des partenaires) ; vide = aucun.",
                refers="catalogue des partenaires",
                required=False,
                max_len=40,
            ),
            _bool(
                "subsidiarite_confirmee", "subsidiarity_confirmed", "Subsidiarité confirmée par l'atelier."
            ),
            _int("rang_vote", "vote_rank", "Rang obtenu au vote."),
            Column("score_vote", NUMBER, "Score obtenu au vote.", attr="vote_score", minimum=None),
            _int(
                "priorite_forcee", "priority_override", "Priorité fixée par l'animateur (remplace le rang)."
            ),
            _long("motif_priorite", "priority_override_reason", "Motif de la priorité fixée."),
            _bool("au_plan", "in_plan", "Retenu dans le plan triennal."),
            _year("annee_debut", "start_year", "Année de début (dans la période du plan)."),
            _year("annee_fin", "end_year", "Année de fin (dans la période du plan)."),
        ),
        key=("plan", "code"),
    ),
    Sheet(
        "projets_douars",
        "Projets — douars",
        "Les douars où se fait chaque projet.",
        "project_douars",
        (*_project(), _key("douar", "Nom du douar.", refers="douars.nom")),
        key=("plan", "projet", "douar"),
    ),
    Sheet(
        "projets_partenaires",
        "Projets — partenaires",
        "Les partenaires de chaque projet, hors chef de file.",
        "project_partners",
        (
            *_project(),
            _key(
                "partenaire",
                "Code du partenaire (catalogue des partenaires).",
                refers="catalogue des partenaires",
                max_len=40,
            ),
            _choice(
                "role",
                "role",
                "partner (partenaire), agreement (convention) ou funder (financeur).",
                PARTNER_ROLES,
                default="partner",
            ),
        ),
        key=("plan", "projet", "partenaire"),
    ),
    Sheet(
        "projets_couts",
        "Projets — coûts annuels",
        "La programmation du coût de chaque projet par année.",
        "project_year_costs",
        (
            *_project(),
            _year("annee", "year", "Année (dans la période du plan).", required=True),
            _amount("montant", "amount", "Montant (DH).", default=0.0),
        ),
        key=("plan", "projet", "annee"),
    ),
    Sheet(
        "financements",
        "Financements",
        "Qui finance chaque projet, quelle année, et où en est l'accord.",
        "fundings",
        (
            *_project(),
            _key(
                "partenaire",
                "Code du partenaire (catalogue des partenaires).",
                refers="catalogue des partenaires",
                max_len=40,
            ),
            _year("annee", "year", "Année (dans la période du plan).", required=True),
            _amount("montant", "amount", "Montant (DH).", required=True),
            _choice(
                "statut",
                "status",
                "État du financement.",
                vocab.FUNDING_STATUSES,
                "funding_statuses",
                default="to_find",
            ),
        ),
    ),
    Sheet(
        "avancement",
        "Avancement des projets",
        "Le suivi annuel de chaque projet après l'atelier.",
        "project_progress",
        (
            *_project(),
            _year("annee", "year", "Année (dans la période du plan).", required=True),
            _text("statut", "status", "État d'avancement (code court, ex. not_started).", max_len=20),
            Column(
                "pourcentage",
                AMOUNT,
                "Pourcentage réalisé (0 à 100).",
                attr="percent_done",
                maximum=100,
                default=0.0,
            ),
            _amount("depense", "spent", "Montant dépensé (DH).", default=0.0),
            _long("commentaire", "comment", "Commentaire."),
        ),
        key=("plan", "projet", "annee"),
    ),
    Sheet(
        "projets_criteres_migration",
        "Projets — critères migration",
        "Les critères du marqueur migration et développement que remplit chaque projet, dans l'ordre.",
        "projects",
        (
            *_project(),
            _key(
                "critere",
                "Code du critère (catalogue des critères migration).",
                refers="catalogue des critères migration",
                max_len=40,
            ),
        ),
        key=("plan", "projet", "critere"),
    ),
    Sheet(
        "scrutins",
        "Scrutins",
        "Les tours de vote de priorisation.",
        "voting_rounds",
        (
            _ref("ref", "Numéro du scrutin dans le classeur (unique).", refers=""),
            _plan(),
            _text("titre", "title", "Intitulé.", max_len=300, required=True),
            _choice(
                "methode", "method", "Méthode de vote.", vocab.VOTE_METHODS, "vote_methods", required=True
            ),
            _choice(
                "type_options",
                "option_kind",
                "project (projets), objective (objectifs) ou free (libres).",
                OPTION_KINDS,
                default="project",
            ),
            _choice(
                "statut",
                "status",
                "État du scrutin.",
                vocab.ROUND_STATUSES,
                "round_statuses",
                default="draft",
            ),
            _text(
                "code_acces",
                "join_code",
                "Code que les participants saisissent sur leur téléphone (unique).",
                max_len=12,
                required=True,
            ),
            _int(
                "gommettes_par_participant", "dots_per_participant", "Gommettes par participant.", default=5
            ),
            _int(
                "max_gommettes_par_option", "max_dots_per_option", "Gommettes au plus par option.", default=2
            ),
            _int("points_total", "points_total", "Points à répartir.", default=100),
            _bool("masquer_resultats", "hide_results", "Résultats masqués pendant le vote."),
            _bool(
                "cartes_seulement", "cards_only", "Seules les cartes de participant imprimées peuvent voter."
            ),
            Column("ouvert_le", DATETIME, "Ouverture du vote.", attr="opened_at"),
            Column("clos_le", DATETIME, "Clôture du vote.", attr="closed_at"),
        ),
        key=("ref",),
    ),
    Sheet(
        "options",
        "Options de vote",
        "Les options soumises à chaque scrutin.",
        "voting_options",
        (
            _ref("ref", "Numéro de l'option dans le classeur (unique).", refers=""),
            _ref("scrutin", "Numéro (ref) du scrutin.", refers="scrutins.ref"),
            _int("position", "position", "Ordre d'affichage.", default=0),
            _text("libelle", "label", "Libellé.", max_len=300, required=True),
            _key(
                "projet",
                "Code du projet (dans le plan du scrutin) ; vide = aucun.",
                refers="projets.code",
                required=False,
                max_len=20,
            ),
            _key(
                "objectif",
                "Code de l'objectif (dans le plan du scrutin) ; vide = aucun.",
                refers="objectifs.code",
                required=False,
                max_len=20,
            ),
            _int("rang_final", "final_rank", "Rang final."),
            Column("score_final", NUMBER, "Score final.", attr="final_score", minimum=None),
        ),
        key=("ref",),
    ),
    Sheet(
        "criteres",
        "Critères de vote",
        "Les critères pondérés d'un scrutin par notation.",
        "voting_criteria",
        (
            _ref("ref", "Numéro du critère dans le classeur (unique).", refers=""),
            _ref("scrutin", "Numéro (ref) du scrutin.", refers="scrutins.ref"),
            _int("position", "position", "Ordre d'affichage.", default=0),
            _text("libelle", "label", "Libellé.", max_len=200, required=True),
            _amount("poids", "weight", "Poids.", default=1.0),
        ),
        key=("ref",),
    ),
    Sheet(
        "participants",
        "Participants",
        "Les votants anonymes : un jeton et un profil, jamais de nom.",
        "participants",
        (
            _commune(),
            _ref("ref", "Numéro du participant dans le classeur (unique).", refers=""),
            _text("jeton", "token", "Jeton anonyme du participant (unique).", max_len=64, required=True),
            _int("numero_carte", "card_number", "Numéro de la carte de vote papier."),
            _choice("role", "role", "Rôle (vide = non dit).", _ROLE_OR_BLANK, "roles", default=""),
            _choice("sexe", "sex", "f, m ou vide (non dit).", _SEX_OR_BLANK, "sexes", default=""),
            _choice(
                "tranche_age",
                "age_band",
                "Tranche d'âge (vide = non dite).",
                ("", *vocab.AGE_BANDS),
                default="",
            ),
            _text("douar", "douar", "Douar déclaré (texte libre).", max_len=200),
            _choice("langue", "language", "Langue de la page de vote : fr ou ar.", LANGUAGES, default="fr"),
            Column(
                "profil_le",
                DATETIME,
                "Quand le participant a donné son profil (vide = carte pas encore utilisée).",
                attr="profiled_at",
            ),
        ),
        key=("ref",),
    ),
    Sheet(
        "bulletins",
        "Bulletins",
        "Un bulletin par participant et par scrutin.",
        "ballots",
        (
            _ref("scrutin", "Numéro (ref) du scrutin.", refers="scrutins.ref"),
            _ref("participant", "Numéro (ref) du participant.", refers="participants.ref"),
            Column("depose_le", DATETIME, "Dépôt du bulletin.", attr="submitted_at", required=True),
        ),
        key=("scrutin", "participant"),
    ),
    Sheet(
        "votes",
        "Votes",
        "Le contenu des bulletins : une valeur par option (et par critère).",
        "votes",
        (
            _ref("scrutin", "Numéro (ref) du scrutin.", refers="scrutins.ref"),
            _ref(
                "participant",
                "Numéro (ref) du participant (son bulletin doit exister).",
                refers="participants.ref",
            ),
            _ref("option", "Numéro (ref) de l'option, du même scrutin.", refers="options.ref"),
            _ref(
                "critere",
                "Numéro (ref) du critère, du même scrutin ; vide = aucun.",
                refers="criteres.ref",
                required=False,
            ),
            _amount("valeur", "value", "Gommettes, points ou note.", required=True),
        ),
    ),
    Sheet(
        "depouillement_papier",
        "Dépouillement papier",
        "Les bulletins papier comptés à la main.",
        "paper_tallies",
        (
            _ref("scrutin", "Numéro (ref) du scrutin.", refers="scrutins.ref"),
            _ref("option", "Numéro (ref) de l'option, du même scrutin.", refers="options.ref"),
            _ref(
                "critere",
                "Numéro (ref) du critère, du même scrutin ; vide = aucun.",
                refers="criteres.ref",
                required=False,
            ),
            _choice("sexe", "sex", "f, m ou vide (tous).", _SEX_OR_BLANK, "sexes", default=""),
            _choice("role", "role", "Rôle (vide = tous).", _ROLE_OR_BLANK, "roles", default=""),
            _amount("valeur", "value", "Total compté.", default=0.0),
            _int("bulletins", "ballots", "Nombre de bulletins papier que la ligne totalise.", default=0),
        ),
    ),
    Sheet(
        "indicateurs",
        "Indicateurs",
        "Le système de suivi-évaluation : un indicateur par ligne.",
        "indicators",
        (
            _ref("ref", "Numéro de l'indicateur dans le classeur (unique).", refers=""),
            _plan(),
            _key(
                "objectif",
                "Code de l'objectif (dans ce plan) ; vide = aucun.",
                refers="objectifs.code",
                required=False,
                max_len=20,
            ),
            _key(
                "projet",
                "Code du projet (dans ce plan) ; vide = aucun.",
                refers="projets.code",
                required=False,
                max_len=20,
            ),
            _text("code", "code", "Code de l'indicateur.", max_len=30),
            _choice("niveau", "level", "Niveau.", vocab.INDICATOR_LEVELS, "indicator_levels", required=True),
            _text("nom", "name", "Intitulé.", max_len=300, required=True),
            _long("definition", "definition", "Définition."),
            _text("unite", "unit", "Unité.", max_len=60),
            Column("valeur_reference", NUMBER, "Valeur de référence.", attr="baseline_value", minimum=None),
            _year("annee_reference", "baseline_year", "Année de la valeur de référence."),
            Column("cible_finale", NUMBER, "Cible en fin de plan.", attr="target_final", minimum=None),
            _long("source", "source", "Source et moyens de vérification."),
            _choice(
                "frequence",
                "frequency",
                "Fréquence de collecte.",
                ("", *vocab.FREQUENCIES),
                "frequencies",
                default="",
            ),
            _text("responsable", "responsible", "Responsable de la collecte.", max_len=200),
            Column(
                "desagregation",
                CODES,
                "Ventilations : sex, age, douar (séparées par des virgules).",
                attr="disaggregation",
                allowed=vocab.DISAGGREGATIONS,
                vocab="disaggregations",
                default=[],
            ),
            _bool("genre", "is_gender", "Indicateur de genre ou ventilé par sexe."),
            _text("statut", "status", "État.", max_len=30),
            _long("commentaire", "comment", "Commentaire."),
        ),
        key=("ref",),
    ),
    Sheet(
        "cibles",
        "Cibles",
        "La cible de chaque indicateur par année.",
        "indicator_targets",
        (
            _ref("indicateur", "Numéro (ref) de l'indicateur.", refers="indicateurs.ref"),
            _year("annee", "year", "Année (dans la période du plan).", required=True),
            Column("valeur", NUMBER, "Valeur cible.", attr="value", required=True, minimum=None),
        ),
        key=("indicateur", "annee"),
    ),
    Sheet(
        "mesures",
        "Mesures",
        "Les valeurs mesurées de chaque indicateur.",
        "measurements",
        (
            _ref("indicateur", "Numéro (ref) de l'indicateur.", refers="indicateurs.ref"),
            _year("annee", "year", "Année (dans la période du plan).", required=True),
            _choice("sexe", "sex", "all (ensemble), f ou m.", FIGURE_SEXES, default="all"),
            Column("valeur", NUMBER, "Valeur mesurée.", attr="value", required=True, minimum=None),
            _long("commentaire", "comment", "Commentaire."),
        ),
        key=("indicateur", "annee", "sexe"),
    ),
    Sheet(
        "comite_suivi",
        "Comité de suivi",
        "Les membres du comité de suivi du plan.",
        "me_committee_members",
        (
            _plan(),
            _text("nom", "name", "Nom.", max_len=200),
            _text("role", "role", "Rôle dans le comité.", max_len=40, required=True),
            _choice("sexe", "sex", "f, m ou vide.", _SEX_OR_BLANK, "sexes", default=""),
            _text("organisation", "organisation", "Organisation.", max_len=200),
            _bool("ieeag", "is_ieeag", "Membre de l'IEEAG."),
        ),
    ),
    Sheet(
        "outils_suivi",
        "Outils de suivi",
        "Les outils de suivi-évaluation du plan.",
        "me_tools",
        (
            _plan(),
            _text("nom", "name", "Nom de l'outil.", max_len=200, required=True),
            _long("description", "description", "Description."),
            _choice(
                "frequence",
                "frequency",
                "Fréquence (vide = non précisée).",
                ("", *vocab.FREQUENCIES),
                "frequencies",
                default="",
            ),
            _text("responsable", "responsible", "Responsable.", max_len=200),
        ),
    ),
    Sheet(
        "calendrier_suivi",
        "Calendrier de suivi",
        "Rapports annuels, évaluations à mi-parcours et finale.",
        "me_events",
        (
            _plan(),
            _choice(
                "type", "kind", "annual_report, mid_term, final ou other.", ME_EVENT_KINDS, required=True
            ),
            _year(
                "annee",
                "year",
                "Année (de la première année du plan à l'année qui suit sa fin).",
                required=True,
            ),
            _date("echeance", "due_on", "Date d'échéance."),
            _choice(
                "type_evaluation",
                "evaluation_type",
                "internal, external, participatory ou vide.",
                ("", *EVALUATION_TYPES),
                default="",
            ),
            _long("description", "description", "Description."),
        ),
    ),
)

SHEET_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}


# --------------------------------------------------------------------------- raw input and checked output


@dataclass
class RawSheet:
    """A sheet as read from a file: its header (None when unknown: an empty JSON list) and its rows."""

    columns: list[str] | None
    rows: list[dict[str, Any]]
    row_numbers: list[int]  # the spreadsheet row (xlsx) or the rank in the list (json) of each row
    header_row: int | None = None  # 1 in a spreadsheet; JSON has no header row


@dataclass
class RawWorkbook:
    sheets: dict[str, RawSheet]
    format: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class Catalogues:
    """Codes of the reference catalogues of the target database."""

    sectors: frozenset[str] = frozenset()
    competences: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()
    migration_criteria: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Taken:
    """Globally unique values already used by OTHER communes of the target database."""

    join_codes: frozenset[str] = frozenset()
    tokens: frozenset[str] = frozenset()


@dataclass
class Row:
    number: int  # spreadsheet row (or rank in the JSON list), for messages
    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@dataclass
class Checked:
    """Typed rows of every sheet, all references verified."""

    sheets: dict[str, list[Row]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.sheets.items()}


def raw_from_json(obj: Any) -> tuple[RawWorkbook, list[Problem]]:
    """The raw workbook inside a decoded JSON document (see `workbook_dict` for its shape)."""
    problems: list[Problem] = []
    if not isinstance(obj, dict) or not isinstance(obj.get("sheets"), dict):
        problems.append(
            Problem(
                "",
                "le fichier JSON n'a pas la forme d'un classeur de commune "
                "(un objet avec « format », « version » et « sheets »).",
            )
        )
        return RawWorkbook({}), problems
    version = obj.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        problems.append(Problem("version", f"« {version} » n'est pas un numéro de version."))
        version = None
    sheets: dict[str, RawSheet] = {}
    for name, rows in obj["sheets"].items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            problems.append(
                Problem("", "la feuille doit être une liste d'objets (une ligne par objet).", sheet=str(name))
            )
            continue
        columns: list[str] | None = None
        if rows:
            columns = []
            for r in rows:
                columns.extend(k for k in r if k not in columns)
        sheets[str(name)] = RawSheet(columns, list(rows), list(range(1, len(rows) + 1)))
    fmt = obj.get("format")
    return RawWorkbook(sheets, None if fmt is None else str(fmt), version), problems


# --------------------------------------------------------------------------- cell coercion


def _is_blank(value: Any) -> bool:
    return v.is_blank(value)


def coerce(
    c: Collector, col: Column, value: Any, *, sheet: str, row: int, labels: dict[str, str] | None = None
) -> Any:
    """The typed value of one cell, or its default; problems go to the collector."""
    where: dict[str, Any] = {"sheet": sheet, "row": row}
    if isinstance(value, str):
        value = value.strip()
    if _is_blank(value):
        if col.required:
            c.add(col.name, "ce champ est obligatoire.", **where)
            return None
        return list(col.default) if isinstance(col.default, list) else col.default
    kind = col.kind
    if kind == TEXT:
        if isinstance(value, bool):
            value = "oui" if value else "non"
        elif isinstance(value, float) and value.is_integer():
            value = int(value)  # a code typed in a spreadsheet cell becomes a number
        elif isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        return v.text(c, col.name, value, required=col.required, max_len=col.max_len, **where)
    if kind in (INT, REF):
        return v.integer(
            c, col.name, value, minimum=_int_or_none(col.minimum), maximum=_int_or_none(col.maximum), **where
        )
    if kind == YEAR:
        return v.year(c, col.name, value, first=YEAR_MIN, last=YEAR_MAX, **where)
    if kind in (NUMBER, AMOUNT):
        minimum = 0 if kind == AMOUNT else col.minimum
        return v.number(c, col.name, value, minimum=minimum, maximum=col.maximum, **where)
    if kind == BOOL:
        return _boolean(c, col, value, where)
    if kind == DATE:
        return v.date(c, col.name, value, **where)
    if kind == DATETIME:
        return _datetime(c, col, value, where)
    if kind == CHOICE:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and any(isinstance(a, int) for a in col.allowed) and value.isdigit():
            value = int(value)
        return v.choice(c, col.name, value, col.allowed, required=False, labels=labels, **where)
    if kind == CODES:
        return _codes(c, col, value, where, labels)
    raise ValueError(f"unknown column kind {kind!r}")  # a programming error in SHEETS


def _int_or_none(x: float | None) -> int | None:
    return None if x is None else int(x)


def _boolean(c: Collector, col: Column, value: Any, where: dict[str, Any]) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    s = str(value).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    c.add(col.name, f"« {value} » n'est pas oui ou non.", **where)
    return None


def _datetime(c: Collector, col: Column, value: Any, where: dict[str, Any]) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        # A spreadsheet stores times as fractions of a day: round off the float noise.
        return (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    s = str(value).strip()
    for fmt in (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%Y-%m-%d",
        "%d/%m/%Y",
    ):
        try:
            return dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
    c.add(col.name, f"« {value} » n'est pas une date et heure (format attendu AAAA-MM-JJ HH:MM:SS).", **where)
    return None


def _codes(
    c: Collector, col: Column, value: Any, where: dict[str, Any], labels: dict[str, str] | None
) -> list[str]:
    items = value if isinstance(value, list) else [p for p in re.split(r"[,;]", str(value))]
    out: list[str] = []
    for item in items:
        if _is_blank(item):
            continue
        code = v.choice(c, col.name, str(item).strip(), col.allowed, required=False, labels=labels, **where)
        if code is not None and code not in out:
            out.append(code)
    return out


# --------------------------------------------------------------------------- canonical values (export side)


def canonical(col: Column, value: Any) -> Any:
    """The workbook value of a model value: what the JSON holds and what a round trip compares."""
    if value is None:
        if col.kind == TEXT:
            return ""
        if col.kind == BOOL:
            return False
        if col.kind == CODES:
            return ""
        if col.kind == CHOICE and "" in col.allowed:
            return ""
        return None
    kind = col.kind
    if kind == TEXT:
        return str(value)
    if kind in (INT, REF, YEAR):
        return int(value)
    if kind in (NUMBER, AMOUNT):
        x = float(value)
        return None if math.isnan(x) else x
    if kind == BOOL:
        return bool(value)
    if kind == DATE:
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if kind == DATETIME:
        return value.replace(microsecond=0).isoformat(sep=" ")
    if kind == CODES:
        return ", ".join(str(x) for x in value)
    return value


# --------------------------------------------------------------------------- the whole check


def check_workbook(
    raw: RawWorkbook,
    *,
    catalogues: Catalogues,
    taken: Taken | None = None,
    labels: dict[str, dict[str, str]] | None = None,
) -> tuple[Checked, list[Problem]]:
    """Every problem of a raw workbook (structure, types, closed lists, references), and its typed rows.

    The rows are usable only when no problem is returned."""
    checker = _Checker(catalogues, taken or Taken(), labels or {})
    return checker.run(raw)


class _Checker:
    def __init__(self, catalogues: Catalogues, taken: Taken, labels: dict[str, dict[str, str]]) -> None:
        self.c = Collector()
        self.cat = catalogues
        self.taken = taken
        self.labels = labels
        self.out = Checked()
        self.broken: set[str] = set()  # sheets missing or missing a column: their references are not checked

    # -- helpers
    def add(self, sheet: str, row: Row | None, column: str, message: str) -> None:
        self.c.add(column, message, sheet=sheet, row=row.number if row else None)

    def rows(self, sheet: str) -> list[Row]:
        return self.out.sheets.get(sheet, [])

    # -- stages
    def run(self, raw: RawWorkbook) -> tuple[Checked, list[Problem]]:
        if raw.format is not None and raw.format != FORMAT:
            self.c.add(
                "format",
                f"« {raw.format} » : ce fichier n'est pas un classeur de commune PAC Atelier "
                f"(format attendu « {FORMAT} »).",
            )
        if raw.version is not None and raw.version > VERSION:
            self.c.add(
                "version",
                f"ce classeur est au format {raw.version}, plus récent que celui que cette "
                f"version de l'application sait lire ({VERSION}).",
            )
        if not any(sheet.name in raw.sheets for sheet in SHEETS):
            self.c.add(
                "",
                "ce fichier n'est pas un classeur de commune : il n'a aucune des feuilles attendues "
                f"({', '.join(s.name for s in SHEETS[:4])}…). Voir docs/workbook.md.",
            )
            return self.out, self.c.problems
        for sheet in SHEETS:
            self._type_sheet(sheet, raw.sheets.get(sheet.name))
        self._check_keys()
        self._check_references()
        return self.out, self.c.problems

    def _type_sheet(self, sheet: Sheet, raw: RawSheet | None) -> None:
        self.out.sheets[sheet.name] = []
        if raw is None:
            self.c.add("", "feuille manquante.", sheet=sheet.name)
            self.broken.add(sheet.name)
            return
        if raw.columns is not None:
            present = {str(h).strip() for h in raw.columns if h is not None}
            missing = [col.name for col in sheet.columns if col.name not in present]
            for name in missing:
                self.c.add(name, "colonne manquante.", sheet=sheet.name, row=raw.header_row)
            if missing:
                self.broken.add(sheet.name)
                return
        for number, cells in zip(raw.row_numbers, raw.rows, strict=True):
            cells = {str(k).strip(): val for k, val in cells.items() if k is not None}
            values = {
                col.name: coerce(
                    self.c,
                    col,
                    cells.get(col.name),
                    sheet=sheet.name,
                    row=number,
                    labels=self.labels.get(col.vocab) if col.vocab else None,
                )
                for col in sheet.columns
            }
            self.out.sheets[sheet.name].append(Row(number, values))

    def _check_keys(self) -> None:
        for sheet in SHEETS:
            if not sheet.key or sheet.name in self.broken:
                continue
            seen: dict[tuple[Any, ...], int] = {}
            for row in self.rows(sheet.name):
                key = tuple(row[k] for k in sheet.key)
                if any(row[k] in (None, "") for k in sheet.key if sheet.column(k).required):
                    continue  # an empty required cell was already reported
                if key in seen:
                    shown = ", ".join(f"{k} = {_show(val)}" for k, val in zip(sheet.key, key, strict=True))
                    self.add(
                        sheet.name,
                        row,
                        sheet.key[-1],
                        f"doublon : la même clé ({shown}) figure déjà ligne {seen[key]}.",
                    )
                else:
                    seen[key] = row.number
        communes = self.rows("commune")
        if "commune" not in self.broken:
            if len(communes) != 1:
                self.c.add(
                    "",
                    f"la feuille doit contenir exactement une commune (elle en contient {len(communes)}).",
                    sheet="commune",
                )
                self.broken.add("commune")
            elif communes[0]["slug"] and not _SLUG.match(communes[0]["slug"]):
                self.add(
                    "commune",
                    communes[0],
                    "slug",
                    f"« {communes[0]['slug']} » : seulement des minuscules sans accent, des chiffres et des "
                    "tirets (ex. azaghar-n-irs).",
                )

    def _check_references(self) -> None:
        slug = None if "commune" in self.broken else self.rows("commune")[0]["slug"]
        for sheet in SHEETS:
            if (
                slug
                and "commune" in sheet.names
                and sheet.name != "commune"
                and sheet.name not in self.broken
            ):
                for row in self.rows(sheet.name):
                    if row["commune"] and row["commune"] != slug:
                        self.add(
                            sheet.name,
                            row,
                            "commune",
                            f"commune inconnue « {row['commune']} » : ce classeur décrit la commune « {slug} ».",
                        )

        plans: dict[int, tuple[int, int]] = {}
        for row in self.rows("plans"):
            start, end = row["annee_debut"], row["annee_fin"]
            if start is not None and end is not None:
                if end < start:
                    self.add(
                        "plans", row, "annee_fin", f"la dernière année ({end}) précède la première ({start})."
                    )
                plans[start] = (start, end)
        douars = {r["nom"] for r in self.rows("douars")}
        workshops = {r["ref"] for r in self.rows("ateliers")}
        findings = {r["ref"] for r in self.rows("constats")}
        swot = {r["ref"] for r in self.rows("afom")}
        axes = {(r["plan"], r["code"]) for r in self.rows("axes")}
        objectives = {(r["plan"], r["code"]) for r in self.rows("objectifs")}
        projects = {(r["plan"], r["code"]) for r in self.rows("projets")}
        rounds = {r["ref"]: r["plan"] for r in self.rows("scrutins")}
        options = {r["ref"]: r["scrutin"] for r in self.rows("options")}
        criteria = {r["ref"]: r["scrutin"] for r in self.rows("criteres")}
        participants = {r["ref"] for r in self.rows("participants")}
        ballots = {(r["scrutin"], r["participant"]) for r in self.rows("bulletins")}
        indicators = {r["ref"]: r["plan"] for r in self.rows("indicateurs")}

        def each(sheet: str) -> list[Row]:
            return [] if sheet in self.broken else self.rows(sheet)

        def plan_ok(sheet: str, row: Row, column: str = "plan") -> bool:
            year = row[column]
            if year is None:
                return False
            if year not in plans:
                self.add(
                    sheet,
                    row,
                    column,
                    f"plan inconnu « {year} » : aucun plan ne commence cette année-là "
                    "dans la feuille « plans ».",
                )
                return False
            return True

        def in_period(sheet: str, row: Row, column: str, plan_year: int | None, *, after: int = 0) -> None:
            year = row[column]
            if year is None or plan_year not in plans:
                return
            start, end = plans[plan_year]
            if not start <= year <= end + after:
                self.add(
                    sheet,
                    row,
                    column,
                    f"l'année {year} est hors de la période du plan ({start}–{end + after}).",
                )

        def known(sheet: str, row: Row, column: str, value: Any, pool: Any, what: str) -> bool:
            if value is None or value == "":
                return False
            if value not in pool:
                self.add(sheet, row, column, f"{what} « {_show(value)} ».")
                return False
            return True

        def project_ok(sheet: str, row: Row) -> bool:
            return plan_ok(sheet, row) and known(
                sheet,
                row,
                "projet",
                (row["plan"], row["projet"]),
                projects,
                f"projet inconnu dans le plan {row['plan']}",
            )

        for row in each("valeurs"):
            plan_ok("valeurs", row)
        for row in each("ateliers"):
            if row["plan"] is not None:
                plan_ok("ateliers", row)
        for row in each("presences"):
            known(
                "presences",
                row,
                "atelier",
                row["atelier"],
                workshops,
                "atelier inconnu (feuille « ateliers »)",
            )
        for row in each("constats"):
            known(
                "constats", row, "secteur", row["secteur"], self.cat.sectors, "secteur inconnu du catalogue"
            )
        for row in each("constats_douars"):
            known(
                "constats_douars",
                row,
                "constat",
                row["constat"],
                findings,
                "constat inconnu (feuille « constats »)",
            )
            known("constats_douars", row, "douar", row["douar"], douars, "douar inconnu (feuille « douars »)")
        for row in each("afom"):
            plan_ok("afom", row)
            known("afom", row, "secteur", row["secteur"], self.cat.sectors, "secteur inconnu du catalogue")
        for row in each("afom_constats"):
            known("afom_constats", row, "afom", row["afom"], swot, "élément AFOM inconnu (feuille « afom »)")
            known(
                "afom_constats",
                row,
                "constat",
                row["constat"],
                findings,
                "constat inconnu (feuille « constats »)",
            )
        for row in each("axes"):
            plan_ok("axes", row)
        for row in each("objectifs"):
            if plan_ok("objectifs", row):
                known(
                    "objectifs",
                    row,
                    "axe",
                    (row["plan"], row["axe"]),
                    axes,
                    f"axe inconnu dans le plan {row['plan']}",
                )
        for row in each("objectifs_afom"):
            if plan_ok("objectifs_afom", row):
                known(
                    "objectifs_afom",
                    row,
                    "objectif",
                    (row["plan"], row["objectif"]),
                    objectives,
                    f"objectif inconnu dans le plan {row['plan']}",
                )
            known("objectifs_afom", row, "afom", row["afom"], swot, "élément AFOM inconnu (feuille « afom »)")
        for row in each("projets"):
            if plan_ok("projets", row):
                known(
                    "projets",
                    row,
                    "objectif",
                    (row["plan"], row["objectif"]),
                    objectives,
                    f"objectif inconnu dans le plan {row['plan']}",
                )
            known("projets", row, "secteur", row["secteur"], self.cat.sectors, "secteur inconnu du catalogue")
            known(
                "projets",
                row,
                "competence",
                row["competence"],
                self.cat.competences,
                "compétence inconnue du catalogue",
            )
            known(
                "projets",
                row,
                "chef_de_file",
                row["chef_de_file"],
                self.cat.partners,
                "partenaire inconnu du catalogue",
            )
            in_period("projets", row, "annee_debut", row["plan"])
            in_period("projets", row, "annee_fin", row["plan"])
            if row["annee_debut"] and row["annee_fin"] and row["annee_fin"] < row["annee_debut"]:
                self.add(
                    "projets",
                    row,
                    "annee_fin",
                    f"l'année de fin ({row['annee_fin']}) précède l'année de début ({row['annee_debut']}).",
                )
        for row in each("projets_douars"):
            project_ok("projets_douars", row)
            known("projets_douars", row, "douar", row["douar"], douars, "douar inconnu (feuille « douars »)")
        for row in each("projets_partenaires"):
            project_ok("projets_partenaires", row)
            known(
                "projets_partenaires",
                row,
                "partenaire",
                row["partenaire"],
                self.cat.partners,
                "partenaire inconnu du catalogue",
            )
        for sheet in ("projets_couts", "financements", "avancement"):
            for row in each(sheet):
                project_ok(sheet, row)
                in_period(sheet, row, "annee", row["plan"])
        for row in each("financements"):
            known(
                "financements",
                row,
                "partenaire",
                row["partenaire"],
                self.cat.partners,
                "partenaire inconnu du catalogue",
            )
        for row in each("projets_criteres_migration"):
            project_ok("projets_criteres_migration", row)
            known(
                "projets_criteres_migration",
                row,
                "critere",
                row["critere"],
                self.cat.migration_criteria,
                "critère migration inconnu du catalogue",
            )

        codes: dict[str, int] = {}
        for row in each("scrutins"):
            plan_ok("scrutins", row)
            code = row["code_acces"]
            if not code:
                continue
            if code in self.taken.join_codes:
                self.add(
                    "scrutins",
                    row,
                    "code_acces",
                    f"le code d'accès « {code} » est déjà utilisé par un scrutin d'une autre commune de cette base.",
                )
            if code in codes:
                self.add(
                    "scrutins",
                    row,
                    "code_acces",
                    f"doublon : le code d'accès « {code} » figure déjà ligne {codes[code]}.",
                )
            else:
                codes[code] = row.number
        for row in each("options"):
            if known(
                "options", row, "scrutin", row["scrutin"], rounds, "scrutin inconnu (feuille « scrutins »)"
            ):
                plan_year = rounds[row["scrutin"]]
                known(
                    "options",
                    row,
                    "projet",
                    (plan_year, row["projet"]) if row["projet"] else None,
                    projects,
                    f"projet inconnu dans le plan {plan_year} du scrutin",
                )
                known(
                    "options",
                    row,
                    "objectif",
                    (plan_year, row["objectif"]) if row["objectif"] else None,
                    objectives,
                    f"objectif inconnu dans le plan {plan_year} du scrutin",
                )
        for row in each("criteres"):
            known(
                "criteres", row, "scrutin", row["scrutin"], rounds, "scrutin inconnu (feuille « scrutins »)"
            )
        tokens: dict[str, int] = {}
        for row in each("participants"):
            token = row["jeton"]
            if not token:
                continue
            if token in self.taken.tokens:
                self.add(
                    "participants",
                    row,
                    "jeton",
                    "ce jeton est déjà celui d'un participant d'une autre commune de cette base.",
                )
            if token in tokens:
                self.add(
                    "participants", row, "jeton", f"doublon : ce jeton figure déjà ligne {tokens[token]}."
                )
            else:
                tokens[token] = row.number
        for row in each("bulletins"):
            known(
                "bulletins", row, "scrutin", row["scrutin"], rounds, "scrutin inconnu (feuille « scrutins »)"
            )
            known(
                "bulletins",
                row,
                "participant",
                row["participant"],
                participants,
                "participant inconnu (feuille « participants »)",
            )
        for sheet in ("votes", "depouillement_papier"):
            for row in each(sheet):
                if not known(
                    sheet, row, "scrutin", row["scrutin"], rounds, "scrutin inconnu (feuille « scrutins »)"
                ):
                    continue
                if sheet == "votes" and known(
                    sheet,
                    row,
                    "participant",
                    row["participant"],
                    participants,
                    "participant inconnu (feuille « participants »)",
                ):
                    known(
                        sheet,
                        row,
                        "participant",
                        (row["scrutin"], row["participant"]),
                        ballots,
                        "aucun bulletin de ce participant pour ce scrutin (feuille « bulletins »)",
                    )
                if (
                    known(
                        sheet, row, "option", row["option"], options, "option inconnue (feuille « options »)"
                    )
                    and options[row["option"]] != row["scrutin"]
                ):
                    self.add(
                        sheet,
                        row,
                        "option",
                        f"l'option {row['option']} appartient au scrutin "
                        f"{options[row['option']]}, pas au scrutin {row['scrutin']}.",
                    )
                if (
                    known(
                        sheet,
                        row,
                        "critere",
                        row["critere"],
                        criteria,
                        "critère inconnu (feuille « criteres »)",
                    )
                    and criteria[row["critere"]] != row["scrutin"]
                ):
                    self.add(
                        sheet,
                        row,
                        "critere",
                        f"le critère {row['critere']} appartient au scrutin "
                        f"{criteria[row['critere']]}, pas au scrutin {row['scrutin']}.",
                    )

        for row in each("indicateurs"):
            if plan_ok("indicateurs", row):
                known(
                    "indicateurs",
                    row,
                    "objectif",
                    (row["plan"], row["objectif"]) if row["objectif"] else None,
                    objectives,
                    f"objectif inconnu dans le plan {row['plan']}",
                )
                known(
                    "indicateurs",
                    row,
                    "projet",
                    (row["plan"], row["projet"]) if row["projet"] else None,
                    projects,
                    f"projet inconnu dans le plan {row['plan']}",
                )
        for sheet in ("cibles", "mesures"):
            for row in each(sheet):
                if known(
                    sheet,
                    row,
                    "indicateur",
                    row["indicateur"],
                    indicators,
                    "indicateur inconnu (feuille « indicateurs »)",
                ):
                    in_period(sheet, row, "annee", indicators[row["indicateur"]])
        for sheet in ("comite_suivi", "outils_suivi"):
            for row in each(sheet):
                plan_ok(sheet, row)
        for row in each("calendrier_suivi"):
            if plan_ok("calendrier_suivi", row):
                in_period("calendrier_suivi", row, "annee", row["plan"], after=1)


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return " / ".join(_show(x) for x in value)
    return str(value)


# --------------------------------------------------------------------------- documentation


def render_markdown() -> str:
    """The reference part of docs/workbook.md: every sheet, every column (generated, so it cannot drift)."""
    out: list[str] = []
    for sheet in SHEETS:
        out.append(f"### `{sheet.name}` — {sheet.title}\n")
        out.append(f"{sheet.doc}")
        if sheet.key:
            out.append(f" Unique : {', '.join(sheet.key)}.")
        out.append("\n\n| colonne | type | obligatoire | valeurs permises / référence | description |\n")
        out.append("|---|---|---|---|---|\n")
        for col in sheet.columns:
            out.append(
                f"| `{col.name}` | {col.type_label} | {'oui' if col.required else 'non'} "
                f"| {allowed_text(col)} | {col.doc} |\n"
            )
        out.append("\n")
    return "".join(out)


def allowed_text(col: Column) -> str:
    """What a column accepts besides its type: its closed list, its bounds, or what it refers to."""
    parts: list[str] = []
    if col.allowed:
        codes = [str(a) for a in col.allowed if a != ""]
        parts.append(", ".join(codes) + (" ou vide" if "" in col.allowed else ""))
    if col.refers:
        parts.append(f"→ {col.refers}")
    if col.kind == AMOUNT or (col.kind in (INT, REF) and col.minimum is not None):
        lo = 1 if col.kind == REF else 0
        parts.append(f"≥ {lo}" + (f", ≤ {col.maximum:g}" if col.maximum is not None else ""))
    if col.kind == TEXT and not col.refers:
        parts.append("texte long" if col.max_len >= LONG else f"≤ {col.max_len} caractères")
    return " ; ".join(parts)
