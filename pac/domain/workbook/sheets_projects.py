"""SWOT, axes, objectives and projects, with their douars, partners, yearly costs, funding and progress.

Part of the one table `SHEETS` (sheets.py), in the workbook's order.
"""

from __future__ import annotations

from pac.domain import vocab
from pac.domain.workbook.columns import (
    AMOUNT,
    COMPETENCES,
    LONG,
    MIGRATION_CRITERIA,
    PARTNER_ROLES,
    PARTNERS,
    Column,
    Sheet,
    amount,
    bilingual,
    boolean,
    catalogue,
    choice,
    code_in_plan,
    integer,
    key,
    long_text,
    markers,
    number,
    plan,
    project,
    ref,
    sector,
    text,
    year,
)


def _partner() -> Column:
    doc = "Code du partenaire (catalogue des partenaires)."
    return catalogue("partenaire", doc, PARTNERS, "partner_code", required=True)


def _plan_year(name: str, attr: str, doc: str = "Année (dans la période du plan).") -> Column:
    return year(name, attr, doc, required=True, within="plan")


PROJECT_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "afom",
        "AFOM (SWOT)",
        "La matrice Atouts-Faiblesses-Opportunités-Menaces de chaque plan.",
        "swot_items",
        (
            ref("ref", "Numéro de l'élément dans le classeur (unique).", refers=""),
            plan(),
            choice(
                "quadrant",
                "quadrant",
                "S (forces), W (faiblesses), O (opportunités) ou T (menaces).",
                vocab.QUADRANTS,
                "quadrants",
                required=True,
            ),
            integer("position", "position", "Ordre dans le quadrant.", default=0),
            *bilingual(long_text("texte", "text", "L'élément.", required=True)),
            sector(),
        ),
        key=("ref",),
        unknown="élément AFOM inconnu (feuille « afom ») « {value} ».",
    ),
    Sheet(
        "afom_constats",
        "AFOM — constats",
        "Les constats dont chaque élément AFOM est tiré.",
        "swot_item_findings",
        (
            ref("afom", "Numéro (ref) de l'élément AFOM.", refers="afom.ref", fk="swot_item_id"),
            ref("constat", "Numéro (ref) du constat.", refers="constats.ref", fk="finding_id"),
        ),
        key=("afom", "constat"),
    ),
    Sheet(
        "axes",
        "Axes stratégiques",
        "Les axes de chaque plan.",
        "axes",
        (
            plan(),
            text("code", "code", "Code de l'axe, unique dans le plan (ex. A1).", max_len=20, required=True),
            *bilingual(text("titre", "title", "Intitulé.", max_len=300, required=True)),
            *bilingual(long_text("description", "description", "Description.")),
            integer("position", "position", "Ordre d'affichage.", default=0),
        ),
        key=("plan", "code"),
        unknown="axe inconnu dans le plan {plan} « {value} ».",
    ),
    Sheet(
        "objectifs",
        "Objectifs",
        "Les objectifs de chaque axe.",
        "objectives",
        (
            plan(fk=""),  # an objective reaches its plan through its axis
            code_in_plan("axe", "Code de l'axe dans ce plan.", refers="axes.code", fk="axis_id"),
            text(
                "code",
                "code",
                "Code de l'objectif, unique dans le plan (ex. A1.1).",
                max_len=20,
                required=True,
            ),
            *bilingual(text("titre", "title", "Intitulé.", max_len=300, required=True)),
            *bilingual(long_text("description", "description", "Description.")),
            integer("position", "position", "Ordre dans l'axe.", default=0),
        ),
        key=("plan", "code"),
        unknown="objectif inconnu dans le plan {plan} « {value} ».",
    ),
    Sheet(
        "objectifs_afom",
        "Objectifs — AFOM",
        "Les éléments AFOM auxquels répond chaque objectif.",
        "objective_swot_items",
        (
            plan(fk=""),
            code_in_plan(
                "objectif", "Code de l'objectif dans ce plan.", refers="objectifs.code", fk="objective_id"
            ),
            ref("afom", "Numéro (ref) de l'élément AFOM.", refers="afom.ref", fk="swot_item_id"),
        ),
        key=("plan", "objectif", "afom"),
    ),
    Sheet(
        "projets",
        "Projets",
        "Les projets de chaque objectif, avec marqueurs, subsidiarité et programmation.",
        "projects",
        (
            plan(),
            code_in_plan(
                "objectif", "Code de l'objectif dans ce plan.", refers="objectifs.code", fk="objective_id"
            ),
            text("code", "code", "Code du projet, unique dans le plan (ex. P01).", max_len=20, required=True),
            *bilingual(text("titre", "title", "Intitulé.", max_len=300, required=True)),
            *bilingual(long_text("description", "description", "Description.")),
            *bilingual(
                text(
                    "resultats_attendus", "expected_results", "Résultats attendus.", max_len=LONG, added=True
                )
            ),
            sector(),
            boolean("toute_commune", "whole_commune", "Le projet concerne toute la commune."),
            integer("beneficiaires_femmes", "beneficiaries_women", "Bénéficiaires : femmes."),
            integer("beneficiaires_hommes", "beneficiaries_men", "Bénéficiaires : hommes."),
            integer("beneficiaires_jeunes", "beneficiaries_youth", "Bénéficiaires : jeunes."),
            amount("cout_total", "total_cost", "Coût total (DH).", default=0.0),
            *bilingual(text("maitre_ouvrage", "owner", "Maître d'ouvrage.", max_len=200)),
            choice(
                "statut",
                "status",
                "Statut du projet.",
                vocab.PROJECT_STATUSES,
                "project_statuses",
                default="proposed",
            ),
            *markers(),
            *bilingual(long_text("note_analyse_genre", "gender_analysis_note", "Note d'analyse de genre.")),
            *bilingual(
                text(
                    "objectif_genre",
                    "gender_objective",
                    "Objectif explicite d'égalité femmes-hommes (marqueur genre 1 ou 2).",
                    max_len=LONG,
                    added=True,
                )
            ),
            *bilingual(
                text(
                    "contexte_vulnerabilite",
                    "vulnerability_context",
                    "Contexte de vulnérabilité climatique auquel le projet répond (adaptation 1 ou 2).",
                    max_len=LONG,
                    added=True,
                )
            ),
            catalogue(
                "competence",
                "Code de la compétence (catalogue des compétences) ; vide = non précisée.",
                COMPETENCES,
                "competence_code",
            ),
            catalogue(
                "chef_de_file",
                "Code du partenaire chef de file (catalogue des partenaires) ; vide = aucun.",
                PARTNERS,
                "lead_partner_code",
            ),
            boolean(
                "subsidiarite_confirmee", "subsidiarity_confirmed", "Subsidiarité confirmée par l'atelier."
            ),
            integer("rang_vote", "vote_rank", "Rang obtenu au vote."),
            number("score_vote", "vote_score", "Score obtenu au vote."),
            integer(
                "priorite_forcee", "priority_override", "Priorité fixée par l'animateur (remplace le rang)."
            ),
            *bilingual(
                long_text("motif_priorite", "priority_override_reason", "Motif de la priorité fixée.")
            ),
            boolean("au_plan", "in_plan", "Retenu dans le plan triennal."),
            year("annee_debut", "start_year", "Année de début (dans la période du plan).", within="plan"),
            year(
                "annee_fin",
                "end_year",
                "Année de fin (dans la période du plan).",
                within="plan",
                not_before=("annee_debut", "l'année de fin ({value}) précède l'année de début ({other})."),
            ),
        ),
        key=("plan", "code"),
        unknown="projet inconnu dans le plan {plan} « {value} ».",
    ),
    Sheet(
        "projets_douars",
        "Projets — douars",
        "Les douars où se fait chaque projet.",
        "project_douars",
        (*project(), key("douar", "Nom du douar.", refers="douars.nom", fk="douar_id")),
        key=("plan", "projet", "douar"),
    ),
    Sheet(
        "projets_partenaires",
        "Projets — partenaires",
        "Les partenaires de chaque projet, hors chef de file.",
        "project_partners",
        (
            *project(),
            _partner(),
            choice(
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
            *project(),
            _plan_year("annee", "year"),
            amount("montant", "amount", "Montant (DH).", default=0.0),
        ),
        key=("plan", "projet", "annee"),
    ),
    Sheet(
        "financements",
        "Financements",
        "Qui finance chaque projet, quelle année, et où en est l'accord.",
        "fundings",
        (
            *project(),
            _partner(),
            _plan_year("annee", "year"),
            amount("montant", "amount", "Montant (DH).", required=True),
            choice(
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
            *project(),
            _plan_year("annee", "year"),
            text("statut", "status", "État d'avancement (code court, ex. not_started).", max_len=20),
            Column(
                "pourcentage",
                AMOUNT,
                "Pourcentage réalisé (0 à 100).",
                attr="percent_done",
                maximum=100,
                default=0.0,
            ),
            amount("depense", "spent", "Montant dépensé (DH).", default=0.0),
            long_text("commentaire", "comment", "Commentaire."),
        ),
        key=("plan", "projet", "annee"),
    ),
    Sheet(
        "projets_criteres_migration",
        "Projets — critères migration",
        "Les critères du marqueur migration et développement que remplit chaque projet, dans l'ordre.",
        "projects",  # not a table: the list in projects.migration_criteria (the services say so)
        (
            *project(fk=""),
            catalogue(
                "critere",
                "Code du critère (catalogue des critères migration).",
                MIGRATION_CRITERIA,
                "",
                required=True,
            ),
        ),
        key=("plan", "projet", "critere"),
    ),
)
