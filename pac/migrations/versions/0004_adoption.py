"""adoption: mandates catalogue, Arabic competence keywords, corrected marker definitions, the plan's road to adoption (steps with date, who and note) and reviewers' comments

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import csv
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The shipped marker definitions corrected (OECD DAC gender minimum criteria; adaptation's vulnerability
# context): updated in a database only where the facilitator had not edited them.
_MARKER_TEXTS: tuple[tuple[str, int, str, str, str], ...] = (
    (
        "gender",
        1,
        "Significatif : l'égalité femmes-hommes est un objectif important et délibéré, sans être la raison principale du projet. Exige une analyse de genre, le principe de « ne pas nuire », au moins un objectif de genre et au moins un indicateur ventilé par sexe ou de genre.",
        "Significatif : l'égalité femmes-hommes est un objectif important et délibéré, sans être la raison principale du projet. Exige une analyse de genre, le principe de « ne pas nuire », au moins un objectif explicite de genre suivi par un indicateur spécifique au genre, ET des données ventilées par sexe (critères minimaux du CAD de l'OCDE, 2016), ainsi que l'engagement de rendre compte des résultats en matière de genre.",
        "هام: المساواة بين النساء والرجال هدف مهم ومقصود دون أن تكون السبب الرئيسي للمشروع. يتطلب تحليلا للنوع الاجتماعي ومبدأ عدم الإضرار وهدفا صريحا واحدا على الأقل للنوع يتتبعه مؤشر خاص بالنوع، وكذلك معطيات مصنفة حسب الجنس (المعايير الدنيا للجنة المساعدة الإنمائية لمنظمة التعاون والتنمية الاقتصادية، 2016)، مع الالتزام بتقديم تقرير عن نتائج النوع.",
    ),
    (
        "gender",
        2,
        "Principal : l'égalité femmes-hommes est l'objectif principal ; le projet n'existerait pas sans lui. Mêmes exigences qu'au niveau 1. Le niveau 2 n'est pas « meilleur » que le niveau 1, et le seul fait que des femmes en bénéficient ne suffit pas.",
        "Principal : l'égalité femmes-hommes est l'objectif principal ; le projet n'existerait pas sans lui. Mêmes exigences qu'au niveau 1 (analyse de genre, objectif de genre suivi par un indicateur spécifique au genre ET données ventilées par sexe). Le niveau 2 n'est pas « meilleur » que le niveau 1, et le seul fait que des femmes en bénéficient ne suffit pas.",
        "رئيسي: المساواة بين النساء والرجال هي الهدف الرئيسي، ولولاها لما وُجد المشروع. نفس متطلبات المستوى 1 (تحليل النوع، هدف للنوع يتتبعه مؤشر خاص بالنوع ومعطيات مصنفة حسب الجنس). المستوى 2 ليس «أفضل» من المستوى 1، ولا يكفي أن تستفيد منه النساء.",
    ),
    (
        "climate_adaptation",
        1,
        "Significatif : l'adaptation au changement climatique (réduire la vulnérabilité aux sécheresses, crues, chaleur) est un objectif important et délibéré du projet, sans en être la raison principale.",
        "Significatif : l'adaptation au changement climatique (réduire la vulnérabilité aux sécheresses, crues, chaleur) est un objectif important et délibéré du projet, sans en être la raison principale. Le projet doit énoncer le contexte de vulnérabilité climatique auquel il répond (quel risque, pour qui, où).",
        "هام: التكيف مع التغير المناخي (تقليص الهشاشة أمام الجفاف والفيضانات والحرارة) هدف مهم ومقصود للمشروع دون أن يكون سببه الرئيسي. يجب أن يبين المشروع سياق الهشاشة المناخية الذي يستجيب له (أي خطر، لمن، وأين).",
    ),
    (
        "climate_adaptation",
        2,
        "Principal : l'adaptation au changement climatique (réduire la vulnérabilité aux sécheresses, crues, chaleur) est l'objectif principal du projet ; sans lui, le projet n'existerait pas.",
        "Principal : l'adaptation au changement climatique (réduire la vulnérabilité aux sécheresses, crues, chaleur) est l'objectif principal du projet ; sans lui, le projet n'existerait pas. Le projet doit énoncer le contexte de vulnérabilité climatique auquel il répond (quel risque, pour qui, où).",
        "رئيسي: التكيف مع التغير المناخي (تقليص الهشاشة أمام الجفاف والفيضانات والحرارة) هو الهدف الرئيسي للمشروع، ولولاه لما وُجد المشروع. يجب أن يبين المشروع سياق الهشاشة المناخية الذي يستجيب له (أي خطر، لمن، وأين).",
    ),
)


# The shipped catalogue corrections (issue 14), applied where the database still holds the old shipped
# value: a facilitator's own edit is kept.  (code, column, old value, new value)
_COMPETENCE_FIXES: tuple[tuple[str, str, str, str], ...] = (
    (
        "SH_SPORT",
        "domain_fr",
        "Terrains, salles couvertes et piscines de sport",
        "Complexes sportifs, terrains, salles couvertes, piscines et instituts sportifs",
    ),
    (
        "SH_SPORT",
        "domain_ar",
        "الملاعب والقاعات المغطاة والمسابح الرياضية",
        "المركبات الرياضية والملاعب والقاعات المغطاة والمسابح والمعاهد الرياضية",
    ),
    (
        "SH_SPORT",
        "keywords",
        "terrain de sport;stade;terrain de proximité;salle de sport;salle couverte;piscine;football",
        "terrain de sport;stade;terrain de proximité;salle de sport;salle couverte;piscine;football;complexe sportif;institut sportif",
    ),
    (
        "SH_RIVERBANKS",
        "domain_fr",
        "Aménagement des berges, des lacs et des plages",
        "Mise à niveau et valorisation des plages, corniches, lacs et rives des cours d'eau (oueds) du territoire de la commune",
    ),
    (
        "SH_RIVERBANKS",
        "domain_ar",
        "تهيئة ضفاف الأنهار والبحيرات والشواطئ",
        "تأهيل وتثمين الشواطئ والكورنيشات والبحيرات وضفاف الأنهار والأودية داخل تراب الجماعة",
    ),
    (
        "SH_RIVERBANKS",
        "keywords",
        "berges;oued;lac;plage;rives;aménagement des berges",
        "berges;oued;lac;plage;rives;aménagement des berges;corniche;littoral;côte",
    ),
    (
        "SH_TOURISM_SITES",
        "domain_fr",
        "Mise à niveau touristique des sites et monuments",
        "Mise à niveau touristique des médinas, des sites touristiques et des monuments historiques",
    ),
    (
        "SH_TOURISM_SITES",
        "domain_ar",
        "التأهيل السياحي للمواقع والمآثر",
        "التأهيل السياحي للمدن العتيقة والمواقع السياحية والمآثر التاريخية",
    ),
    (
        "SH_TOURISM_SITES",
        "keywords",
        "site touristique;circuit touristique;randonnée;écotourisme;signalétique touristique;mise à niveau touristique",
        "site touristique;circuit touristique;randonnée;écotourisme;signalétique touristique;mise à niveau touristique;médina;monument touristique",
    ),
    (
        "PROV_RURAL_TRACKS",
        "keywords",
        "piste rurale;pistes rurales",
        "piste provinciale;programme provincial de pistes",
    ),
    (
        "REG_RENEWABLE",
        "keywords",
        "énergie solaire;énergies renouvelables;photovoltaïque;pompage solaire;panneaux solaires",
        "énergie solaire;énergies renouvelables;photovoltaïque;panneaux solaires",
    ),
    ("STATE_SCHOOLS", "verified", "true", "false"),
    ("STATE_HEALTH", "verified", "true", "false"),
    ("STATE_CLASSIFIED_ROADS", "verified", "true", "false"),
    ("STATE_AGRICULTURE", "verified", "true", "false"),
    ("STATE_FORESTS", "verified", "true", "false"),
    ("STATE_SOCIAL_WELFARE", "verified", "true", "false"),
    ("PB_ONEE_WATER", "verified", "true", "false"),
    ("PB_ONEE_ELECTRICITY", "verified", "true", "false"),
    ("PB_ABH_WATER_RESOURCES", "verified", "true", "false"),
)
_NEW_COMPETENCES: tuple[dict[str, str], ...] = (
    {
        "code": "SH_NATIONAL_ROADS_URBAN",
        "level": "shared",
        "article": "LO 113-14 art. 87",
        "domain_fr": "Entretien des routes nationales traversant le centre de la commune et son périmètre urbain",
        "domain_ar": "صيانة الطرق الوطنية العابرة لمركز الجماعة ومدارها الحضري",
        "sector_code": "roads",
        "keywords": "route nationale traversant le centre;traversée du centre;entretien de la route nationale",
        "verified": "true",
    },
)
# The « to verify » notes of the mission's communes: (name, old note, new note).
_COMMUNE_NOTES: tuple[tuple[str, str, str], ...] = (
    (
        "Tafraout",
        "",
        "À vérifier : ne pas confondre la municipalité de Tafraout (province de Tiznit) avec la commune rurale de Tafraout El Mouloud (même province) ; confirmer laquelle est concernée par la mission.",
    ),
    (
        "Ouijjane",
        "Aussi écrit Wijjane. Nom arabe à vérifier.",
        "À vérifier : aussi écrit Wijjane ; nom arabe « وجان » non confirmé par un texte officiel.",
    ),
    (
        "Boutrouch",
        "Nom arabe à vérifier.",
        "À vérifier : nom arabe « بوطروش » non confirmé ; province de Sidi Ifni, région Guelmim-Oued Noun (hors Souss-Massa).",
    ),
    ("Ammelne", "", "Nom arabe à vérifier (orthographe « أملن » non confirmée par un texte officiel)."),
    (
        "Azaghar N'Irs",
        "",
        "Nom arabe à vérifier (orthographe « أزغار نيرس » non confirmée par un texte officiel).",
    ),
)


def _shipped_arabic_keywords() -> list[tuple[str, str]]:
    path = Path(__file__).resolve().parents[3] / "data" / "competences.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [(r["code"], r["keywords_ar"]) for r in csv.DictReader(f) if r.get("keywords_ar")]


def _fix_shipped_data() -> None:
    competences = sa.table(
        "competences",
        sa.column("code", sa.String),
        sa.column("level", sa.String),
        sa.column("article", sa.String),
        sa.column("domain_fr", sa.String),
        sa.column("domain_ar", sa.String),
        sa.column("sector_code", sa.String),
        sa.column("keywords", sa.Text),
        sa.column("verified", sa.Boolean),
    )
    bind = op.get_bind()
    for code, column, old, new in _COMPETENCE_FIXES:
        col = competences.c[column]
        before, after = (old == "true", new == "true") if column == "verified" else (old, new)
        bind.execute(
            competences.update().where(competences.c.code == code, col == before).values({column: after})
        )
    # A new shipped row joins a catalogue already filled (when its sector exists and its code is free).
    for row in _NEW_COMPETENCES:
        taken = bind.execute(sa.select(competences.c.code).where(competences.c.code == row["code"])).first()
        sector = bind.execute(
            sa.text("SELECT code FROM sectors WHERE code = :c"), {"c": row["sector_code"]}
        ).first()
        filled = bind.execute(sa.select(sa.func.count()).select_from(competences)).scalar()
        if filled and not taken and sector:
            bind.execute(competences.insert().values({**row, "verified": row["verified"] == "true"}))
    communes = sa.table("communes", sa.column("name_fr", sa.String), sa.column("notes", sa.Text))
    for name, old, new in _COMMUNE_NOTES:
        bind.execute(
            communes.update().where(communes.c.name_fr == name, communes.c.notes == old).values(notes=new)
        )


def _plan_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["plan_id"], ["plans.id"], name=op.f(f"fk_{table}_plan_id_plans"), ondelete="CASCADE"
    )


def upgrade() -> None:
    # Filled from data/mandates.csv at the next start, like every empty catalogue.
    op.create_table(
        "mandates",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("elected_on", sa.Date(), nullable=True),
        sa.Column("label_fr", sa.String(length=300), nullable=False),
        sa.Column("label_ar", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_mandates")),
    )
    op.create_table(
        "adoption_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=30), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("session_type", sa.String(length=20), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("votes_abstain", sa.Integer(), nullable=True),
        _plan_fk("adoption_steps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adoption_steps")),
    )
    with op.batch_alter_table("adoption_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adoption_steps_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=20), nullable=False),
        sa.Column("target_ref", sa.String(length=100), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        _plan_fk("review_comments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_comments")),
    )
    with op.batch_alter_table("review_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_comments_plan_id"), ["plan_id"], unique=False)
    with op.batch_alter_table("competences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keywords_ar", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=False),
        sa.Column("frozen_at", sa.DateTime(), nullable=False),
        _plan_fk("plan_versions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_plan_versions_plan_id")),
    )
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_versions_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "plan_version_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["plan_versions.id"],
            name=op.f("fk_plan_version_parts_version_id_plan_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_version_parts")),
    )
    with op.batch_alter_table("plan_version_parts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_version_parts_version_id"), ["version_id"], unique=False)
    _fix_shipped_data()
    # An existing catalogue gets the shipped Arabic keywords of the codes it has (the rest it keeps).
    competences = sa.table("competences", sa.column("code", sa.String), sa.column("keywords_ar", sa.Text))
    for code, words in _shipped_arabic_keywords():
        op.execute(competences.update().where(competences.c.code == code).values(keywords_ar=words))
    levels = sa.table(
        "marker_levels",
        sa.column("marker_code", sa.String),
        sa.column("value", sa.Integer),
        sa.column("definition_fr", sa.Text),
        sa.column("definition_ar", sa.Text),
    )
    for marker, value, old_fr, new_fr, new_ar in _MARKER_TEXTS:
        op.execute(
            levels.update()
            .where(levels.c.marker_code == marker, levels.c.value == value, levels.c.definition_fr == old_fr)
            .values(definition_fr=new_fr, definition_ar=new_ar)
        )


def downgrade() -> None:
    op.drop_table("plan_version_parts")
    op.drop_table("plan_versions")
    with op.batch_alter_table("competences", schema=None) as batch_op:
        batch_op.drop_column("keywords_ar")
    with op.batch_alter_table("review_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_comments_plan_id"))
    op.drop_table("review_comments")
    with op.batch_alter_table("adoption_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adoption_steps_plan_id"))
    op.drop_table("adoption_steps")
    op.drop_table("mandates")
