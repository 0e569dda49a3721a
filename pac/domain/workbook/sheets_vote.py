"""The prioritisation votes: rounds, options, criteria, anonymous participants, ballots and paper tallies.

Part of the one table `SHEETS` (sheets.py), in the workbook's order.
"""

from __future__ import annotations

from pac.domain import vocab
from pac.domain.workbook.columns import (
    INT,
    LANGUAGES,
    OPTION_KINDS,
    ROLE_OR_BLANK,
    SEX_OR_BLANK,
    Column,
    Sheet,
    Unique,
    amount,
    bilingual,
    boolean,
    choice,
    code_in_plan,
    commune,
    datetime,
    integer,
    number,
    plan,
    ref,
    text,
)


def _round(fk: str = "round_id") -> Column:
    return ref("scrutin", "Numéro (ref) du scrutin.", refers="scrutins.ref", fk=fk)


def _option() -> Column:
    doc = "Numéro (ref) de l'option, du même scrutin."
    return ref("option", doc, refers="options.ref", fk="option_id", same="scrutin")


def _criterion() -> Column:
    doc = "Numéro (ref) du critère, du même scrutin ; vide = aucun."
    return ref("critere", doc, refers="criteres.ref", fk="criterion_id", required=False, same="scrutin")


VOTE_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "scrutins",
        "Scrutins",
        "Les tours de vote de priorisation.",
        "voting_rounds",
        (
            ref("ref", "Numéro du scrutin dans le classeur (unique).", refers=""),
            plan(),
            *bilingual(text("titre", "title", "Intitulé.", max_len=300, required=True)),
            choice(
                "methode", "method", "Méthode de vote.", vocab.VOTE_METHODS, "vote_methods", required=True
            ),
            choice(
                "type_options",
                "option_kind",
                "project (projets), objective (objectifs) ou free (libres).",
                OPTION_KINDS,
                default="project",
            ),
            choice(
                "statut",
                "status",
                "État du scrutin.",
                vocab.ROUND_STATUSES,
                "round_statuses",
                default="draft",
            ),
            text(
                "code_acces",
                "join_code",
                "Code que les participants saisissent sur leur téléphone (unique).",
                max_len=12,
                required=True,
                unique=Unique(
                    "join_codes",
                    "le code d'accès « {value} »",
                    "est déjà utilisé par un scrutin d'une autre commune de cette base",
                ),
            ),
            integer(
                "gommettes_par_participant", "dots_per_participant", "Gommettes par participant.", default=5
            ),
            integer(
                "max_gommettes_par_option", "max_dots_per_option", "Gommettes au plus par option.", default=2
            ),
            integer("points_total", "points_total", "Points à répartir.", default=100),
            Column(
                "participants_par_telephone",
                INT,
                "Participant·e·s au plus sur un même téléphone (téléphone partagé).",
                attr="max_per_phone",
                default=3,
                minimum=1,
                added=True,
            ),
            boolean("masquer_resultats", "hide_results", "Résultats masqués pendant le vote."),
            boolean(
                "cartes_seulement", "cards_only", "Seules les cartes de participant imprimées peuvent voter."
            ),
            datetime("ouvert_le", "opened_at", "Ouverture du vote."),
            datetime("clos_le", "closed_at", "Clôture du vote."),
        ),
        key=("ref",),
        unknown="scrutin inconnu (feuille « scrutins ») « {value} ».",
    ),
    Sheet(
        "options",
        "Options de vote",
        "Les options soumises à chaque scrutin.",
        "voting_options",
        (
            ref("ref", "Numéro de l'option dans le classeur (unique).", refers=""),
            _round(),
            integer("position", "position", "Ordre d'affichage.", default=0),
            *bilingual(text("libelle", "label", "Libellé.", max_len=300, required=True)),
            code_in_plan(
                "projet",
                "Code du projet (dans le plan du scrutin) ; vide = aucun.",
                refers="projets.code",
                fk="project_id",
                required=False,
                scope="scrutin",
            ),
            code_in_plan(
                "objectif",
                "Code de l'objectif (dans le plan du scrutin) ; vide = aucun.",
                refers="objectifs.code",
                fk="objective_id",
                required=False,
                scope="scrutin",
            ),
            integer("rang_final", "final_rank", "Rang final."),
            number("score_final", "final_score", "Score final."),
        ),
        key=("ref",),
        unknown="option inconnue (feuille « options ») « {value} ».",
        belongs="l'option {value} appartient au scrutin {theirs}, pas au scrutin {ours}.",
    ),
    Sheet(
        "criteres",
        "Critères de vote",
        "Les critères pondérés d'un scrutin par notation.",
        "voting_criteria",
        (
            ref("ref", "Numéro du critère dans le classeur (unique).", refers=""),
            _round(),
            integer("position", "position", "Ordre d'affichage.", default=0),
            *bilingual(text("libelle", "label", "Libellé.", max_len=200, required=True)),
            amount("poids", "weight", "Poids.", default=1.0),
        ),
        key=("ref",),
        unknown="critère inconnu (feuille « criteres ») « {value} ».",
        belongs="le critère {value} appartient au scrutin {theirs}, pas au scrutin {ours}.",
    ),
    Sheet(
        "participants",
        "Participants",
        "Les votants anonymes : un jeton et un profil, jamais de nom.",
        "participants",
        (
            commune(),
            ref("ref", "Numéro du participant dans le classeur (unique).", refers=""),
            text(
                "jeton",
                "token",
                "Jeton anonyme du participant (unique).",
                max_len=64,
                required=True,
                # The token never appears in a message: it is the participant's key to the voting page.
                unique=Unique(
                    "tokens", "ce jeton", "est déjà celui d'un participant d'une autre commune de cette base"
                ),
            ),
            integer("numero_carte", "card_number", "Numéro de la carte de vote papier."),
            choice("role", "role", "Rôle (vide = non dit).", ROLE_OR_BLANK, "roles", default=""),
            choice("sexe", "sex", "f, m ou vide (non dit).", SEX_OR_BLANK, "sexes", default=""),
            choice(
                "tranche_age",
                "age_band",
                "Tranche d'âge (vide = non dite).",
                ("", *vocab.AGE_BANDS),
                default="",
            ),
            text("douar", "douar", "Douar déclaré (texte libre).", max_len=200),
            choice("langue", "language", "Langue de la page de vote : fr ou ar.", LANGUAGES, default="fr"),
            datetime(
                "profil_le",
                "profiled_at",
                "Quand le participant a donné son profil (vide = carte pas encore utilisée).",
            ),
        ),
        key=("ref",),
        unknown="participant inconnu (feuille « participants ») « {value} ».",
    ),
    Sheet(
        "bulletins",
        "Bulletins",
        "Un bulletin par participant et par scrutin.",
        "ballots",
        (
            _round(),
            ref(
                "participant", "Numéro (ref) du participant.", refers="participants.ref", fk="participant_id"
            ),
            datetime("depose_le", "submitted_at", "Dépôt du bulletin.", required=True),
        ),
        key=("scrutin", "participant"),
        unknown="aucun bulletin de ce participant pour ce scrutin (feuille « bulletins ») « {value} ».",
    ),
    Sheet(
        "votes",
        "Votes",
        "Le contenu des bulletins : une valeur par option (et par critère).",
        "votes",
        (
            _round(fk=""),  # a vote reaches its round through its ballot
            ref(
                "participant",
                "Numéro (ref) du participant (son bulletin doit exister).",
                refers="participants.ref",
                fk="ballot_id",  # the ballot (scrutin, participant) of `also_in`
                also_in="bulletins",
            ),
            _option(),
            _criterion(),
            amount("valeur", "value", "Gommettes, points ou note.", required=True),
        ),
    ),
    Sheet(
        "depouillement_papier",
        "Dépouillement papier",
        "Les bulletins papier comptés à la main.",
        "paper_tallies",
        (
            _round(),
            _option(),
            _criterion(),
            choice("sexe", "sex", "f, m ou vide (tous).", SEX_OR_BLANK, "sexes", default=""),
            choice("role", "role", "Rôle (vide = tous).", ROLE_OR_BLANK, "roles", default=""),
            amount("valeur", "value", "Total compté.", default=0.0),
            integer("bulletins", "ballots", "Nombre de bulletins papier que la ligne totalise.", default=0),
        ),
    ),
)
