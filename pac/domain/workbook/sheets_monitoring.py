"""The M&E system: indicators with their targets and measurements, committee, tools and calendar.

Part of the one table `SHEETS` (sheets.py), in the workbook's order.
"""

from __future__ import annotations

from pac.domain import vocab
from pac.domain.workbook.columns import (
    CODES,
    EVALUATION_TYPES,
    FIGURE_SEXES,
    ME_EVENT_KINDS,
    SEX_OR_BLANK,
    Column,
    Sheet,
    bilingual,
    boolean,
    choice,
    code_in_plan,
    date,
    long_text,
    number,
    plan,
    ref,
    text,
    year,
)


def _indicator() -> Column:
    return ref("indicateur", "Numéro (ref) de l'indicateur.", refers="indicateurs.ref", fk="indicator_id")


MONITORING_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "indicateurs",
        "Indicateurs",
        "Le système de suivi-évaluation : un indicateur par ligne.",
        "indicators",
        (
            ref("ref", "Numéro de l'indicateur dans le classeur (unique).", refers=""),
            plan(),
            code_in_plan(
                "objectif",
                "Code de l'objectif (dans ce plan) ; vide = aucun.",
                refers="objectifs.code",
                fk="objective_id",
                required=False,
            ),
            code_in_plan(
                "projet",
                "Code du projet (dans ce plan) ; vide = aucun.",
                refers="projets.code",
                fk="project_id",
                required=False,
            ),
            text("code", "code", "Code de l'indicateur.", max_len=30),
            choice("niveau", "level", "Niveau.", vocab.INDICATOR_LEVELS, "indicator_levels", required=True),
            *bilingual(text("nom", "name", "Intitulé.", max_len=300, required=True)),
            *bilingual(long_text("definition", "definition", "Définition.")),
            *bilingual(text("unite", "unit", "Unité.", max_len=60)),
            number("valeur_reference", "baseline_value", "Valeur de référence."),
            year("annee_reference", "baseline_year", "Année de la valeur de référence."),
            number("cible_finale", "target_final", "Cible en fin de plan."),
            *bilingual(long_text("source", "source", "Source et moyens de vérification.")),
            choice(
                "frequence",
                "frequency",
                "Fréquence de collecte.",
                ("", *vocab.FREQUENCIES),
                "frequencies",
                default="",
            ),
            *bilingual(text("responsable", "responsible", "Responsable de la collecte.", max_len=200)),
            Column(
                "desagregation",
                CODES,
                "Ventilations : sex, age, douar (séparées par des virgules).",
                attr="disaggregation",
                allowed=vocab.DISAGGREGATIONS,
                vocab="disaggregations",
                default=[],
            ),
            boolean("genre", "is_gender", "Indicateur de genre ou ventilé par sexe."),
            text("statut", "status", "État.", max_len=30),
            long_text("commentaire", "comment", "Commentaire."),
        ),
        key=("ref",),
        unknown="indicateur inconnu (feuille « indicateurs ») « {value} ».",
    ),
    Sheet(
        "cibles",
        "Cibles",
        "La cible de chaque indicateur par année.",
        "indicator_targets",
        (
            _indicator(),
            year("annee", "year", "Année (dans la période du plan).", required=True, within="indicateur"),
            number("valeur", "value", "Valeur cible.", required=True),
        ),
        key=("indicateur", "annee"),
    ),
    Sheet(
        "mesures",
        "Mesures",
        "Les valeurs mesurées de chaque indicateur.",
        "measurements",
        (
            _indicator(),
            year("annee", "year", "Année (dans la période du plan).", required=True, within="indicateur"),
            choice("sexe", "sex", "all (ensemble), f ou m.", FIGURE_SEXES, default="all"),
            number("valeur", "value", "Valeur mesurée.", required=True),
            long_text("commentaire", "comment", "Commentaire."),
        ),
        key=("indicateur", "annee", "sexe"),
    ),
    Sheet(
        "comite_suivi",
        "Comité de suivi",
        "Les membres du comité de suivi du plan.",
        "me_committee_members",
        (
            plan(),
            *bilingual(text("nom", "name", "Nom ou fonction du membre.", max_len=200)),
            text("role", "role", "Rôle dans le comité.", max_len=40, required=True),
            choice("sexe", "sex", "f, m ou vide.", SEX_OR_BLANK, "sexes", default=""),
            *bilingual(text("organisation", "organisation", "Organisation.", max_len=200)),
            boolean("ieeag", "is_ieeag", "Membre de l'IEEAG."),
        ),
    ),
    Sheet(
        "outils_suivi",
        "Outils de suivi",
        "Les outils de suivi-évaluation du plan.",
        "me_tools",
        (
            plan(),
            *bilingual(text("nom", "name", "Nom de l'outil.", max_len=200, required=True)),
            *bilingual(long_text("description", "description", "Description.")),
            choice(
                "frequence",
                "frequency",
                "Fréquence (vide = non précisée).",
                ("", *vocab.FREQUENCIES),
                "frequencies",
                default="",
            ),
            *bilingual(text("responsable", "responsible", "Responsable.", max_len=200)),
        ),
    ),
    Sheet(
        "calendrier_suivi",
        "Calendrier de suivi",
        "Rapports annuels, évaluations à mi-parcours et finale.",
        "me_events",
        (
            plan(),
            choice("type", "kind", "annual_report, mid_term, final ou other.", ME_EVENT_KINDS, required=True),
            year(
                "annee",
                "year",
                "Année (de la première année du plan à l'année qui suit sa fin).",
                required=True,
                within="plan",
                after=1,  # the final evaluation comes the year after the plan
            ),
            date("echeance", "due_on", "Date d'échéance."),
            choice(
                "type_evaluation",
                "evaluation_type",
                "internal, external, participatory ou vide.",
                ("", *EVALUATION_TYPES),
                default="",
            ),
            *bilingual(long_text("description", "description", "Description.")),
        ),
    ),
)
