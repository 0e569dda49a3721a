"""The plan's road to adoption: its steps and the reviewers' comments.

Part of the one table `SHEETS` (sheets.py), in the workbook's order.  Both sheets came after the
format's first release: they are optional, so that an older workbook still imports.
"""

from __future__ import annotations

from pac.domain import adoption
from pac.domain.workbook.columns import (
    DATE,
    TEXT,
    Column,
    Sheet,
    choice,
    date,
    datetime,
    integer,
    long_text,
    plan,
    ref,
    text,
)

ADOPTION_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "adoption",
        "Route d'adoption",
        "Chaque étape enregistrée de la route d'adoption du plan (l'historique : la dernière ligne d'une "
        "étape compte).",
        "adoption_steps",
        (
            plan(),
            choice("etape", "step", ", ".join(adoption.STEPS) + ".", adoption.STEPS, required=True),
            Column("le", DATE, "Date de l'étape.", attr="done_on", required=True),
            text("par", "recorded_by", "Qui l'a enregistrée.", max_len=100),
            datetime("enregistre_le", "recorded_at", "Moment de l'enregistrement.", required=True),
            long_text("note", "note", "Note."),
            choice(
                "decision_ong",
                "outcome",
                "validated, returned ou vide (étape ngo_review).",
                ("", *adoption.NGO_OUTCOMES),
                default="",
            ),
            long_text("texte", "text", "Texte joint (avis de l'IEEAG, rapports des commissions)."),
            choice(
                "type_session",
                "session_type",
                "ordinary, extraordinary ou vide (étape adopted).",
                ("", *adoption.SESSION_TYPES),
                default="",
            ),
            integer("voix_pour", "votes_for", "Voix pour (étape adopted)."),
            integer("voix_contre", "votes_against", "Voix contre (étape adopted)."),
            integer("abstentions", "votes_abstain", "Abstentions (étape adopted)."),
        ),
        optional=True,
    ),
    Sheet(
        "commentaires_revue",
        "Commentaires de revue",
        "Les commentaires des relecteurs (ONG, commissions, IEEAG) sur le plan, une section ou un projet.",
        "review_comments",
        (
            plan(),
            choice(
                "source",
                "source",
                ", ".join(adoption.COMMENT_SOURCES) + ".",
                adoption.COMMENT_SOURCES,
                default="ngo",
            ),
            choice("cible", "target", "plan, section ou project.", adoption.COMMENT_TARGETS, default="plan"),
            text(
                "cible_ref",
                "target_ref",
                "La section ou le code du projet visé (vide pour le plan).",
                max_len=100,
            ),
            text("auteur", "author", "Auteur.", max_len=100),
            Column("ecrit_le", DATE, "Date du commentaire.", attr="written_on", required=True),
            long_text("texte", "text", "Le commentaire.", required=True),
            choice(
                "etat",
                "state",
                "open (ouvert) ou answered (répondu).",
                adoption.COMMENT_STATES,
                default="open",
            ),
            long_text("reponse", "answer", "La réponse."),
            date("repondu_le", "answered_on", "Date de la réponse."),
        ),
        optional=True,
    ),
    Sheet(
        "versions_adoptees",
        "Versions adoptées",
        "Chaque version du plan adoptée en session, figée : son classeur est dans la feuille "
        "« versions_morceaux ».",
        "plan_versions",
        (
            ref("ref", "Numéro de la version dans le classeur (unique).", refers=""),
            plan(),
            integer("numero", "number", "Numéro de la version du plan (1, 2…).", default=1, minimum=1),
            Column("adoptee_le", DATE, "Date de la session d'adoption.", attr="adopted_on", required=True),
            datetime("figee_le", "frozen_at", "Moment où la version a été figée.", required=True),
        ),
        key=("ref",),
        unknown="version inconnue (feuille « versions_adoptees ») « {value} ».",
        optional=True,
    ),
    Sheet(
        "versions_morceaux",
        "Versions adoptées (contenu)",
        "Le classeur de commune de chaque version adoptée (JSON), découpé en morceaux qui tiennent dans une "
        "cellule ; les morceaux d'une version, mis bout à bout dans l'ordre, redonnent son classeur.",
        "plan_version_parts",
        (
            ref("version", "Numéro (ref) de la version.", refers="versions_adoptees.ref", fk="version_id"),
            integer("ordre", "position", "Ordre du morceau.", default=0),
            Column(
                "donnees", TEXT, "Morceau du classeur (JSON).", attr="data", required=True, max_len=20_000
            ),
        ),
        key=("version", "ordre"),
        optional=True,
    ),
)
