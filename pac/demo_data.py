"""Content of the demonstration commune: Tafoukt n'Ouzrou, a FICTIONAL rural commune.

Nothing here describes a real commune: names of douars, figures, findings and
projects are invented for demonstration and training, in the orders of
magnitude of a rural Anti-Atlas commune of Tiznit province (about 7,000
inhabitants, some 35 douars, an investment capacity of about 2 MDH a year).
Pure data, no I/O: `pac.services.demo` turns it into database rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# This module is a table of data: one row per line reads better than the formatter's one value per
# line, so ruff format leaves it alone.
# fmt: off

SLUG = "demo-tafoukt-n-ouzrou"

COMMUNE = {
    "name_fr": "Tafoukt n'Ouzrou (commune fictive de démonstration)",
    "name_ar": "تافوكت نوزرو (جماعة افتراضية)",
    "province": "Tiznit",
    "region": "Souss-Massa",
    "kind": "rural",
    "area_km2": 318.0,
    "census_year": 2024,
    "notes": (
        "COMMUNE FICTIVE créée pour la démonstration et la formation : les douars, les chiffres, les constats "
        "et les projets sont inventés et ne décrivent aucune commune réelle. Ils respectent seulement les ordres "
        "de grandeur d'une commune rurale de l'Anti-Atlas (province de Tiznit, région Souss-Massa)."
    ),
}

# name, Arabic name, fraction, population, households
DOUARS: list[tuple[str, str, str, int, int]] = [
    ("Tafoukt (centre)", "تافوكت (المركز)", "Aït Ouzrou", 820, 181),
    ("Agadir n'Ouzrou", "أكادير نوزرو", "Aït Ouzrou", 380, 82),
    ("Tigmi Oufella", "تيكمي أوفلا", "Aït Ouzrou", 230, 50),
    ("Tigmi Izder", "تيكمي إيزدار", "Aït Ouzrou", 150, 33),
    ("Imi n'Taddart", "إيمي نتادارت", "Aït Ouzrou", 260, 57),
    ("Ighil Ouzrou", "إغيل ؤزرو", "Aït Ouzrou", 95, 22),
    ("Tizgui n'Ouzrou", "تيزكي نوزرو", "Aït Ouzrou", 300, 64),
    ("Anammer", "أنامر", "Aït Ouzrou", 140, 31),
    ("Taourirt", "تاوريرت", "Aït Ouzrou", 410, 88),
    ("Tala n'Wasif", "تالا نواسيف", "Aït Tala", 245, 54),
    ("Ifri", "إفري", "Aït Tala", 120, 27),
    ("Tamsoult", "تامسولت", "Aït Tala", 170, 38),
    ("Azrou Melloul", "أزرو ملول", "Aït Tala", 290, 63),
    ("Tiferki", "تيفركي", "Aït Tala", 85, 19),
    ("Aguerd", "أكرض", "Aït Tala", 150, 33),
    ("Tinfout n'Tala", "تينفوت نتالا", "Aït Tala", 110, 25),
    ("Isserghine", "إسرغين", "Aït Tala", 235, 51),
    ("Amzough", "أمزوغ", "Aït Tala", 70, 16),
    ("Tagadirt n'Argan", "تاكاديرت نأركان", "Aït Argane", 350, 76),
    ("Adrar n'Bour", "أدرار نبور", "Aït Argane", 130, 29),
    ("Tazrout", "تازروت", "Aït Argane", 260, 56),
    ("Amellal", "أملال", "Aït Argane", 200, 44),
    ("Targa Oumadi", "تاركا أومادي", "Aït Argane", 125, 28),
    ("Ighir n'Oussaka", "إغير نوساكا", "Aït Argane", 90, 20),
    ("Talat n'Ouanou", "تالات نوانو", "Aït Argane", 215, 47),
    ("Assif n'Tamda", "أسيف نتامدا", "Aït Argane", 145, 32),
    ("Tizi n'Tgharine", "تيزي نتغارين", "Aït Oufella", 115, 26),
    ("Igherm Oufella", "إغرم أوفلا", "Aït Oufella", 300, 66),
    ("Tasga", "تاسكا", "Aït Oufella", 80, 18),
    ("Id Ou Moussa", "إد وموسى", "Aït Oufella", 230, 50),
    ("Tamaloukt", "تمالوكت", "Aït Oufella", 105, 24),
    ("Iferd", "إفرض", "Aït Oufella", 65, 15),
    ("Aguelmous", "أكلموس", "Aït Oufella", 140, 31),
    ("Tadmamt", "تادمامت", "Aït Oufella", 100, 22),
    ("Tinouzar", "تينوزار", "Aït Oufella", 95, 21),
]
POPULATION = sum(d[3] for d in DOUARS)
HOUSEHOLDS = sum(d[4] for d in DOUARS)
# Out-migration of working-age men leaves more women than men in the douars.
POPULATION_WOMEN = round(POPULATION * 0.528)
POPULATION_MEN = POPULATION - POPULATION_WOMEN
CENTRE = DOUARS[0][0]
UPPER = ("Tizi n'Tgharine", "Igherm Oufella", "Tasga", "Id Ou Moussa", "Tamaloukt", "Iferd", "Aguelmous",
         "Tadmamt", "Tinouzar")

_MONO = "Monographie communale de démonstration (valeurs fictives)"
# code, label, value, unit, sex, year, source
KEY_FIGURES: list[tuple[str, str, float, str, str, int, str]] = [
    ("population", "Population", POPULATION, "habitants", "all", 2024, _MONO),
    ("population", "Population", POPULATION_WOMEN, "habitants", "f", 2024, _MONO),
    ("population", "Population", POPULATION_MEN, "habitants", "m", 2024, _MONO),
    ("households", "Ménages", HOUSEHOLDS, "ménages", "all", 2024, _MONO),
    ("douars", "Douars", len(DOUARS), "douars", "all", 2024, _MONO),
    ("access_water", "Ménages raccordés à un réseau d'eau potable", 58, "%", "all", 2021, _MONO),
    ("access_electricity", "Ménages raccordés à l'électricité", 92, "%", "all", 2021, _MONO),
    ("access_sanitation", "Ménages disposant d'un assainissement amélioré", 21, "%", "all", 2021, _MONO),
    ("schooling_primary", "Taux net de scolarisation au primaire", 91, "%", "f", 2021, _MONO),
    ("schooling_primary", "Taux net de scolarisation au primaire", 95, "%", "m", 2021, _MONO),
    ("schooling_secondary", "Taux de scolarisation au collège", 38, "%", "f", 2021, _MONO),
    ("schooling_secondary", "Taux de scolarisation au collège", 57, "%", "m", 2021, _MONO),
    ("health_coverage", "Population à moins de 5 km d'un établissement de santé", 46, "%", "all", 2021, _MONO),
    ("health_insurance", "Population couverte par l'assurance maladie", 63, "%", "all", 2021, _MONO),
    ("illiteracy", "Taux d'analphabétisme (10 ans et plus)", 61, "%", "f", 2021, _MONO),
    ("illiteracy", "Taux d'analphabétisme (10 ans et plus)", 34, "%", "m", 2021, _MONO),
    ("emigrant_households", "Ménages comptant au moins un membre émigré", 41, "%", "all", 2021, _MONO),
    ("rainfall", "Pluviométrie moyenne annuelle", 180, "mm", "all", 2021, _MONO),
    ("tracks_km", "Pistes communales", 62, "km", "all", 2021, _MONO),
    ("argan_share", "Part du territoire couverte par l'arganeraie", 40, "%", "all", 2021, _MONO),
]

# year, own revenues, VAT share, other transfers, operating expenses, debt service, forecast?, note
FINANCIAL_YEARS: list[tuple[int, float, float, float, float, float, bool, str]] = [
    (2019, 980_000, 7_500_000, 310_000, 6_420_000, 450_000, False, "Compte administratif (fictif)."),
    (2020, 910_000, 7_100_000, 280_000, 6_380_000, 450_000, False, "Recul des droits du souk (fermeture sanitaire)."),
    (2021, 1_050_000, 7_900_000, 350_000, 6_600_000, 420_000, False, "Compte administratif (fictif)."),
    (2022, 1_120_000, 8_500_000, 300_000, 6_850_000, 420_000, True, "Prévision : meilleur recouvrement du souk."),
    (2023, 1_190_000, 8_800_000, 400_000, 7_050_000, 380_000, True, "Prévision."),
    (2024, 1_260_000, 9_100_000, 400_000, 7_250_000, 380_000, True, "Prévision : fin d'un emprunt FEC en 2024."),
]

PLAN = {
    "start_year": 2022,
    "end_year": 2027,
    "title": "Plan d'Action de la Commune 2022-2027 (démonstration)",
    "status": "adopted",
    "mission": (
        "Offrir à chaque habitante et habitant des douars de Tafoukt n'Ouzrou les services de base, "
        "désenclaver le territoire et valoriser ses ressources (argan, terroir, paysages, diaspora), "
        "avec la population et dans l'équité entre femmes et hommes."
    ),
    "vision": (
        "En 2027, une commune où l'eau potable arrive dans tous les douars, où les filles poursuivent "
        "leurs études au collège, où les jeunes trouvent des raisons de rester et où l'arganeraie, "
        "gérée avec les coopératives, fait vivre les familles face à la sécheresse."
    ),
    "committees_sent_on": dt.date(2022, 8, 22),
    "adoption_session_on": dt.date(2022, 10, 4),
    "state_services_consulted_on": dt.date(2022, 4, 12),
    "ieeag_opinion_on": dt.date(2022, 9, 14),
    "pdr_consistency_note": (
        "Les axes 1 (eau), 2 (désenclavement) et 4 (argan, agriculture résiliente, tourisme rural) "
        "rejoignent les priorités du programme de développement régional Souss-Massa ; les projets "
        "cofinancés par le conseil régional sont inscrits dans ses conventions annuelles (démonstration)."
    ),
}
VALUES = [
    "Participation : les décisions se préparent avec les douars, les femmes, les jeunes et la diaspora.",
    "Transparence : la commune rend compte chaque année de l'exécution du plan et de l'usage des fonds.",
    "Équité femmes-hommes et égalité des chances entre douars.",
    "Solidarité avec les douars du haut et les familles vulnérables.",
    "Durabilité : économiser l'eau et préserver l'arganeraie pour les générations futures.",
]


@dataclass(frozen=True)
class DemoWorkshop:
    key: str
    title: str
    kind: str
    held_on: dt.date
    place: str
    facilitators: str
    notes: str
    attendance: dict[str, tuple[int, int]]  # role -> (women, men)
    in_plan: bool = False


WORKSHOPS = [
    DemoWorkshop(
        "diag",
        "Atelier de diagnostic participatif – douars du centre et de la fraction Aït Tala",
        "diagnostic",
        dt.date(2022, 3, 10),
        "Salle de réunion de la commune, Tafoukt",
        "Équipe d'animation de l'ONG (deux animatrices, un animateur), technicien de la commune",
        "Travail en sous-groupes par secteur ; un sous-groupe non mixte de femmes.",
        {"elected": (2, 9), "staff": (1, 3), "civil_society": (8, 10), "state_service": (1, 4), "diaspora": (0, 2),
         "other": (6, 5)},
    ),
    DemoWorkshop(
        "them",
        "Atelier thématique femmes et jeunes",
        "thematic",
        dt.date(2022, 3, 24),
        "Foyer de l'association des femmes, Taourirt",
        "Deux animatrices de l'ONG, la présidente de l'IEEAG",
        "Tenu l'après-midi près des douars pour permettre la venue des femmes.",
        {"ieeag": (4, 1), "civil_society": (14, 3), "other": (9, 11)},
    ),
    DemoWorkshop(
        "plan",
        "Atelier de planification participative du PAC",
        "planning",
        dt.date(2022, 5, 19),
        "Salle polyvalente du centre, Tafoukt",
        "Équipe d'animation de l'ONG ; président du conseil ; directeur des services",
        "Validation de l'AFOM, vision et axes, projets, vote des priorités, plan triennal, suivi-évaluation.",
        {"elected": (3, 10), "ieeag": (5, 4), "staff": (2, 3), "state_service": (1, 5), "civil_society": (5, 4),
         "diaspora": (1, 2)},
        in_plan=True,
    ),
]

# --------------------------------------------------------------------------- diagnostic findings


@dataclass(frozen=True)
class DemoFinding:
    key: str
    source: str
    sector: str
    kind: str
    text: str
    raised_by: str = ""
    douars: tuple[str, ...] = ()


_TALA = ("Tala n'Wasif", "Ifri", "Tamsoult", "Azrou Melloul", "Tiferki", "Aguerd", "Tinfout n'Tala", "Isserghine",
         "Amzough")

FINDINGS = [
    # monograph
    DemoFinding("m_water", "monograph", "water", "constraint",
                "Seuls 58 % des ménages sont raccordés à un réseau d'eau potable ; les douars de la fraction Aït Tala "
                "dépendent de citernes (métfias) et de puits qui tarissent en été.", "", _TALA),
    DemoFinding("m_rain", "monograph", "environment", "risk",
                "Pluviométrie moyenne d'environ 180 mm par an, très irrégulière : trois années sèches sur les cinq "
                "dernières."),
    DemoFinding("m_elec", "monograph", "electricity", "asset",
                "92 % des ménages ont l'électricité ; restent trois douars du haut et quelques foyers dispersés.", "",
                ("Iferd", "Tasga", "Tinouzar")),
    DemoFinding("m_sanit", "monograph", "sanitation", "constraint",
                "21 % seulement des ménages disposent d'un assainissement amélioré ; les eaux usées du centre se "
                "déversent dans l'oued.", "", (CENTRE,)),
    DemoFinding("m_college", "monograph", "education", "constraint",
                "Au collège, 38 % des filles sont scolarisées contre 57 % des garçons ; le collège le plus proche "
                "est à 22 km des douars du haut.", "", UPPER),
    DemoFinding("m_primary", "monograph", "education", "asset",
                "Scolarisation primaire presque générale (91 % des filles, 95 % des garçons) grâce à sept écoles "
                "satellites."),
    DemoFinding("m_health", "monograph", "health", "constraint",
                "Un centre de santé au centre et un dispensaire ; 54 % de la population vit à plus de 5 km d'un "
                "établissement de santé ; pas de maison d'accouchement."),
    DemoFinding("m_depop", "monograph", "migration", "risk",
                "Les douars du haut perdent des habitants, surtout des hommes de 20 à 39 ans partis vers Agadir, "
                "Casablanca et l'Europe.", "", UPPER),
    DemoFinding("m_diaspora", "monograph", "migration", "asset",
                "41 % des ménages comptent au moins un membre émigré ; la diaspora, installée surtout en France et "
                "en Belgique, revient chaque été."),
    DemoFinding("m_agri", "monograph", "agriculture", "constraint",
                "Agriculture vivrière en terrasses (orge, amandier, olivier) sur de petites parcelles irriguées par "
                "des séguias en mauvais état."),
    DemoFinding("m_argan", "monograph", "environment", "asset",
                "L'arganeraie couvre environ 40 % du territoire ; elle fournit aux femmes une part importante de "
                "leurs revenus (huile, amandons)."),
    DemoFinding("m_argan_deg", "monograph", "environment", "risk",
                "Dégradation de l'arganeraie : surpâturage, coupe de bois de feu, régénération naturelle presque "
                "nulle."),
    DemoFinding("m_tourism", "monograph", "tourism", "potential",
                "Paysages de l'Anti-Atlas, greniers collectifs (igoudar) et gravures rupestres : un potentiel de "
                "randonnée encore inexploité."),
    DemoFinding("m_tracks", "monograph", "roads", "constraint",
                "62 km de pistes, dont 40 % impraticables après les orages ; cinq passages d'oued coupés plusieurs "
                "jours par an."),
    DemoFinding("m_illit", "monograph", "social", "constraint",
                "Analphabétisme de 61 % chez les femmes contre 34 % chez les hommes."),
    DemoFinding("m_livestock", "monograph", "livestock", "asset",
                "Élevage caprin et apiculture traditionnelle répandus, mais fragilisés par la sécheresse."),
    # institutional and financial analysis
    DemoFinding("i_revenue", "institutional", "governance", "constraint",
                "Recettes propres faibles (environ 1,1 MDH par an) : plus de 80 % des recettes viennent de la part "
                "de TVA."),
    DemoFinding("i_capacity", "institutional", "governance", "constraint",
                "Capacité d'investissement d'environ 2 MDH par an après charges de fonctionnement et remboursement "
                "d'emprunt."),
    DemoFinding("i_staff", "institutional", "governance", "constraint",
                "28 agents dont 6 femmes ; ni ingénieur ni technicien des travaux pour suivre les chantiers."),
    DemoFinding("i_partners", "institutional", "governance", "asset",
                "Partenariats éprouvés avec l'INDH et le conseil provincial (onze conventions lors du mandat "
                "précédent)."),
    DemoFinding("i_tax", "institutional", "governance", "constraint",
                "Recouvrement insuffisant de la taxe sur les terrains non bâtis et des droits du souk."),
    DemoFinding("i_me", "institutional", "governance", "need",
                "Aucun système de suivi des projets ni d'archivage ; état civil encore tenu sur registres papier."),
    DemoFinding("i_ieeag", "institutional", "governance", "asset",
                "IEEAG constituée et active (neuf membres dont cinq femmes), consultée sur le budget."),
    DemoFinding("i_souk", "institutional", "local_economy", "potential",
                "Le souk hebdomadaire attire des acheteurs de six communes voisines : une recette à développer.", "",
                (CENTRE,)),
    DemoFinding("i_grader", "institutional", "roads", "asset", "Une niveleuse communale en état de marche."),
    DemoFinding("i_diaspora", "institutional", "migration", "potential",
                "Des associations de la diaspora ont déjà cofinancé deux forages d'eau potable avec la commune."),
    # participatory diagnostic workshop
    DemoFinding("d_chore", "diagnostic_workshop", "water", "need",
                "Les femmes et les filles passent jusqu'à deux heures par jour à la corvée d'eau en été, au détriment "
                "de la scolarité des filles.", "women", ("Tala n'Wasif", "Tamsoult", "Isserghine")),
    DemoFinding("d_aep", "diagnostic_workshop", "water", "need",
                "Raccorder les douars de la fraction Aït Tala au réseau d'eau potable de l'ONEE.", "elected", _TALA),
    DemoFinding("d_cisterns", "diagnostic_workshop", "water", "constraint",
                "Les citernes collectives fuient et leurs impluviums sont envasés.", "civil_society",
                ("Amellal", "Targa Oumadi", "Assif n'Tamda")),
    DemoFinding("d_track_cut", "diagnostic_workshop", "roads", "constraint",
                "La piste d'Igherm Oufella est coupée à chaque crue : plusieurs jours sans évacuation sanitaire "
                "possible.", "elected", ("Igherm Oufella", "Tizi n'Tgharine", "Tasga")),
    DemoFinding("d_transport", "diagnostic_workshop", "roads", "need",
                "Un transport régulier vers le centre, le souk et surtout le collège.", "youth", UPPER),
    DemoFinding("d_taliba", "diagnostic_workshop", "education", "need",
                "Un internat pour les filles (dar taliba) : les parents refusent que leurs filles fassent 22 km par "
                "jour pour aller au collège.", "women", UPPER),
    DemoFinding("d_schools", "diagnostic_workshop", "education", "constraint",
                "Écoles satellites délabrées : toitures qui fuient, pas de sanitaires séparés filles et garçons.",
                "staff"),
    DemoFinding("d_birth", "diagnostic_workshop", "health", "need",
                "Une maison d'accouchement : des femmes accouchent encore à domicile ou sur la route de Tiznit.",
                "women"),
    DemoFinding("d_ambulance", "diagnostic_workshop", "health", "need", "Une ambulance adaptée aux pistes.",
                "elected"),
    DemoFinding("d_foyer", "diagnostic_workshop", "social", "need",
                "Un foyer féminin pour l'alphabétisation, la couture et l'éducation financière.", "women",
                (CENTRE, "Taourirt")),
    DemoFinding("d_youth_space", "diagnostic_workshop", "youth_sport", "need",
                "Un lieu pour les jeunes (maison de jeunes, internet) : en dehors de l'été, ils disent n'avoir "
                "« rien à faire ».", "youth"),
    DemoFinding("d_leave", "diagnostic_workshop", "migration", "risk",
                "Beaucoup de jeunes hommes pensent à partir faute de travail ; les jeunes diplômées restent sans "
                "emploi.", "youth"),
    DemoFinding("d_coops", "diagnostic_workshop", "local_economy", "potential",
                "Trois coopératives féminines d'argan produisent, mais vendent l'huile en vrac à des intermédiaires "
                "faute d'unité de conditionnement.", "women", ("Tagadirt n'Argan", "Tazrout", "Amellal")),
    DemoFinding("d_coop_access", "diagnostic_workshop", "local_economy", "constraint",
                "Les membres des coopératives n'ont accès ni au souk ni au crédit.", "women"),
    DemoFinding("d_seguias", "diagnostic_workshop", "agriculture", "need",
                "Réhabiliter les séguias et les seuils emportés par les dernières crues.", "elected",
                ("Tizgui n'Ouzrou", "Anammer", "Imi n'Taddart")),
    DemoFinding("d_terraces", "diagnostic_workshop", "agriculture", "risk",
                "Avec les sécheresses répétées, les terrasses sont abandonnées et les amandiers meurent.",
                "civil_society"),
    DemoFinding("d_watering", "diagnostic_workshop", "livestock", "need",
                "Pas assez de points d'abreuvement pour les troupeaux en été.", "elected", UPPER),
    DemoFinding("d_argan_conflict", "diagnostic_workshop", "environment", "risk",
                "Conflits d'usage dans l'arganeraie entre le pâturage des troupeaux transhumants et la cueillette "
                "des fruits.", "civil_society", ("Tagadirt n'Argan", "Adrar n'Bour", "Talat n'Ouanou")),
    DemoFinding("d_gites", "diagnostic_workshop", "tourism", "potential",
                "Des MRE veulent ouvrir des gîtes dans des maisons familiales restaurées.", "diaspora"),
    DemoFinding("d_agadir", "diagnostic_workshop", "culture", "potential",
                "L'agadir d'Agadir n'Ouzrou est un patrimoine à restaurer avant qu'il ne s'effondre.", "elected",
                ("Agadir n'Ouzrou",)),
    DemoFinding("d_waste", "diagnostic_workshop", "sanitation", "need",
                "Les déchets plastiques s'accumulent à l'entrée des douars et dans l'oued.", "women"),
    DemoFinding("d_lighting", "diagnostic_workshop", "electricity", "need",
                "Éclairer les douars : les filles ne sortent plus après la tombée de la nuit.", "youth"),
    DemoFinding("d_diaspora_funds", "diagnostic_workshop", "migration", "potential",
                "La diaspora est prête à cofinancer des projets si la commune rend compte de l'usage des fonds.",
                "diaspora"),
    DemoFinding("d_diaspora_desk", "diagnostic_workshop", "migration", "need",
                "Un interlocuteur à la commune pour les MRE : démarches administratives, projets d'investissement.",
                "diaspora"),
    DemoFinding("d_returnees", "diagnostic_workshop", "migration", "need",
                "Aider les jeunes qui reviennent d'Europe ou des villes à créer leur activité.", "youth"),
    DemoFinding("d_information", "diagnostic_workshop", "governance", "need",
                "Les associations demandent à être informées des décisions et du budget.", "civil_society"),
    DemoFinding("d_caravan", "diagnostic_workshop", "health", "asset",
                "Des médecins originaires de la commune (diaspora) organisent déjà une caravane médicale chaque "
                "été.", "civil_society"),
    DemoFinding("d_centre", "diagnostic_workshop", "urbanism", "need",
                "Le centre manque de trottoirs et la place du souk est inondée à chaque pluie.", "elected",
                (CENTRE,)),
    # thematic workshop (women and youth)
    DemoFinding("t_souk_wc", "thematic_workshop", "local_economy", "need",
                "Des sanitaires séparés pour les femmes au souk.", "women", (CENTRE,)),
    DemoFinding("t_meetings", "thematic_workshop", "governance", "constraint",
                "Les femmes participent peu aux réunions communales, tenues le soir et loin des douars.", "women"),
    DemoFinding("t_graduates", "thematic_workshop", "youth_sport", "potential",
                "De jeunes diplômés sont prêts à animer un espace numérique et des activités pour les enfants.",
                "youth"),
    DemoFinding("t_preschool", "thematic_workshop", "education", "need",
                "Un préscolaire près des douars libérerait du temps pour les mères qui travaillent en coopérative.",
                "women"),
    DemoFinding("t_dropout", "thematic_workshop", "education", "risk",
                "Des garçons quittent l'école vers 14-15 ans pour aller travailler en ville.", "youth"),
    DemoFinding("t_skills", "thematic_workshop", "local_economy", "asset",
                "Les femmes savent tisser et élever des abeilles : des activités génératrices de revenus à "
                "valoriser.", "women"),
]

# --------------------------------------------------------------------------- SWOT


@dataclass(frozen=True)
class DemoSwot:
    key: str
    quadrant: str
    text: str
    sector: str | None
    findings: tuple[str, ...]


SWOT = [
    DemoSwot("S1", "S", "Arganeraie étendue et savoir-faire des coopératives féminines", "local_economy",
             ("m_argan", "d_coops", "t_skills")),
    DemoSwot("S2", "S", "Diaspora attachée à la commune, déjà engagée dans l'eau et la santé", "migration",
             ("m_diaspora", "i_diaspora", "d_caravan")),
    DemoSwot("S3", "S", "Partenariats éprouvés avec l'INDH et le conseil provincial", "governance", ("i_partners",)),
    DemoSwot("S4", "S", "Scolarisation primaire presque générale grâce aux écoles satellites", "education",
             ("m_primary",)),
    DemoSwot("S5", "S", "IEEAG active et consultée par le conseil", "governance", ("i_ieeag",)),
    DemoSwot("S6", "S", "Souk hebdomadaire au rayonnement intercommunal", "local_economy", ("i_souk",)),
    DemoSwot("W1", "W", "Accès insuffisant à l'eau potable ; corvée d'eau des femmes et des filles", "water",
             ("m_water", "d_chore", "d_cisterns")),
    DemoSwot("W2", "W", "Enclavement : pistes coupées par les crues, pas de transport régulier", "roads",
             ("m_tracks", "d_track_cut", "d_transport")),
    DemoSwot("W3", "W", "Faible scolarisation des filles au collège", "education",
             ("m_college", "d_taliba", "t_dropout")),
    DemoSwot("W4", "W", "Soins éloignés, pas de maison d'accouchement", "health", ("m_health", "d_birth",
                                                                                   "d_ambulance")),
    DemoSwot("W5", "W", "Ressources propres faibles et capacité d'investissement limitée", "governance",
             ("i_revenue", "i_capacity", "i_tax")),
    DemoSwot("W6", "W", "Administration sous-encadrée, sans suivi des projets, femmes peu associées", "governance",
             ("i_staff", "i_me", "t_meetings")),
    DemoSwot("O1", "O", "Programmes mobilisables : INDH, FDR, ANDZOA, programme de développement régional",
             "governance", ("i_partners",)),
    DemoSwot("O2", "O", "Demande croissante de randonnée dans l'Anti-Atlas", "tourism", ("m_tourism", "d_gites")),
    DemoSwot("O3", "O", "Patrimoine des greniers collectifs et gravures rupestres", "culture",
             ("m_tourism", "d_agadir")),
    DemoSwot("O4", "O", "Électrification presque générale : une base pour le solaire et le numérique", "electricity",
             ("m_elec", "d_lighting")),
    DemoSwot("O5", "O", "Diaspora prête à cofinancer et à investir", "migration",
             ("d_diaspora_funds", "d_diaspora_desk", "d_returnees")),
    DemoSwot("O6", "O", "Jeunes diplômés disponibles pour animer des services", "youth_sport", ("t_graduates",)),
    DemoSwot("T1", "T", "Sécheresses répétées et baisse des nappes", "environment",
             ("m_rain", "d_terraces", "d_watering")),
    DemoSwot("T2", "T", "Émigration des jeunes et vieillissement des douars du haut", "migration",
             ("m_depop", "d_leave", "t_dropout")),
    DemoSwot("T3", "T", "Dégradation de l'arganeraie et conflits d'usage", "environment",
             ("m_argan_deg", "d_argan_conflict")),
    DemoSwot("T4", "T", "Crues violentes sur les pistes et les terrasses", "roads",
             ("m_tracks", "d_track_cut", "d_seguias")),
    DemoSwot("T5", "T", "Pollution par les déchets et les eaux usées", "sanitation", ("m_sanit", "d_waste")),
    DemoSwot("T6", "T", "Dépendance à la part de TVA, exposée aux arbitrages nationaux", "governance",
             ("i_revenue",)),
]

# --------------------------------------------------------------------------- strategy

# code, title, description
AXES = [
    ("A1", "Accès équitable aux services de base", "Eau potable, assainissement et déchets dans tous les douars."),
    ("A2", "Désenclavement et cadre de vie", "Pistes praticables en toute saison, centre aménagé, éclairage."),
    ("A3", "Développement humain, égalité et inclusion",
     "Scolarisation des filles, santé maternelle, autonomie des femmes, place des jeunes."),
    ("A4", "Économie locale résiliente", "Argan, agriculture et élevage face à la sécheresse, tourisme rural."),
    ("A5", "Environnement, gouvernance et diaspora",
     "Arganeraie et eau préservées, administration modernisée, partenariat avec la diaspora."),
]

# code, title, SWOT keys
OBJECTIVES = [
    ("A1.O1", "Généraliser l'accès à l'eau potable dans les douars", ("W1", "T1", "S2")),
    ("A1.O2", "Améliorer l'assainissement et la gestion des déchets", ("T5",)),
    ("A2.O1", "Désenclaver les douars et sécuriser les pistes contre les crues", ("W2", "T4")),
    ("A2.O2", "Aménager le centre, éclairer les douars et achever l'électrification", ("O4", "S6")),
    ("A3.O1", "Améliorer la scolarisation, en particulier celle des filles au collège", ("W3", "S4")),
    ("A3.O2", "Rapprocher les soins de santé, notamment maternels", ("W4", "S2")),
    ("A3.O3", "Renforcer l'autonomie des femmes et la participation des jeunes", ("O6", "S5", "T2")),
    ("A4.O1", "Rendre l'agriculture et l'élevage plus résilients à la sécheresse", ("T1", "T4")),
    ("A4.O2", "Valoriser l'argan et les produits du terroir par les coopératives", ("S1", "T3")),
    ("A4.O3", "Développer un tourisme rural respectueux du patrimoine", ("O2", "O3")),
    ("A5.O1", "Préserver l'arganeraie et les ressources en eau face au changement climatique", ("T3", "T1")),
    ("A5.O2", "Moderniser l'administration et mobiliser la diaspora", ("W5", "W6", "O5", "O1")),
]


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    baseline: float
    target: float
    level: str = "output"
    disaggregation: tuple[str, ...] = ()
    is_gender: bool = False
    source: str = "Rapports d'avancement des projets, procès-verbaux de réception"
    responsible: str = "Service technique de la commune"
    frequency: str = "yearly"


@dataclass(frozen=True)
class DemoProject:
    key: str
    objective: str
    title: str
    sector: str
    cost: float
    competence: str | None
    lead: str
    owner: str
    markers: tuple[int, int, int, int, int, int, int]  # gender, adapt., mitig., desert., biodiv., env., migration
    years: tuple[int, int] | None  # first and last year of works
    fundings: tuple[tuple[str, float, str], ...]  # partner, share of each year's cost, status
    partners: tuple[tuple[str, str], ...] = ()  # partner, role (partner | agreement | funder)
    douars: tuple[str, ...] = ()  # empty: the whole commune
    status: str = "retained"
    description: str = ""
    criteria: tuple[str, ...] = ()
    gender_note: str = ""
    beneficiaries: tuple[int, int, int] | None = None  # women, men, youth; None: from the douars
    indicator: DemoIndicator | None = None
    gender_indicator: DemoIndicator | None = None  # a second, sex-disaggregated or gender indicator
    confirmed: bool = True
    phasing: tuple[float, ...] = ()  # share of the cost per year (empty: even)


_ONEE_AEP = "ONEE – Branche eau (convention avec la commune)"
_COMMUNE = "Commune"

PROJECTS = [
    # A1.O1 drinking water
    DemoProject(
        "aep_tala", "A1.O1", "Adduction en eau potable de 9 douars de la fraction Aït Tala à partir du réseau ONEE",
        "water", 16_500_000, "PB_ONEE_WATER", "ONEE_EAU", _ONEE_AEP, (1, 2, 0, 0, 0, 1, 1), (2022, 2024),
        (("ONEE_EAU", 0.40, "secured"), ("INDH", 0.20, "secured"), ("FDR", 0.15, "secured"),
         ("CONSEIL_PROV", 0.12, "negotiation"), ("COMMUNE", 0.10, "secured"), ("ASSOC_DIASPORA", 0.03, "negotiation")),
        (("COMMUNE", "agreement"), ("INDH", "funder"), ("FDR", "funder"), ("CONSEIL_PROV", "funder"),
         ("ASSOC_DIASPORA", "funder")),
        _TALA, phasing=(0.2, 0.4, 0.4), description="Conduite depuis le réseau régional, réservoir de 200 m³ et branchements individuels.",
        criteria=("diaspora_contribution", "diaspora_diagnosis"),
        gender_note=("Les femmes et les filles assurent la corvée d'eau (jusqu'à deux heures par jour en été selon "
                     "l'atelier femmes). Branchements prioritaires pour les ménages dirigés par des femmes, comité "
                     "d'usagers avec au moins 30 % de femmes, suivi du temps de corvée par sexe."),
        indicator=DemoIndicator("Ménages raccordés au réseau dans les 9 douars (selon le sexe du chef de ménage)",
                                "ménages", 0, 360, disaggregation=("sex", "douar")),
    ),
    DemoProject(
        "solar_pumps", "A1.O1", "Forages équipés de pompage solaire pour 4 douars isolés du haut", "water",
        2_400_000, "OWN_WATER", "COMMUNE", _COMMUNE, (1, 2, 1, 0, 0, 1, 0), (2024, 2025),
        (("INDH", 0.60, "secured"), ("CONSEIL_REG", 0.30, "negotiation"), ("COMMUNE", 0.10, "secured")),
        (("INDH", "funder"), ("CONSEIL_REG", "funder"), ("ABH_SM", "partner")),
        ("Tizi n'Tgharine", "Tasga", "Iferd", "Tinouzar"),
        description="Forages autorisés par l'Agence du bassin, pompes solaires, bornes-fontaines et réservoirs.",
        gender_note=("Bornes-fontaines placées avec les femmes des douars pour réduire les distances ; "
                     "un tiers des gardiens de bornes formés sont des femmes."),
        indicator=DemoIndicator("Personnes desservies par un point d'eau à moins de 200 m", "personnes", 0, 355,
                                disaggregation=("sex", "douar")),
    ),
    DemoProject(
        "cisterns", "A1.O1", "Réhabilitation de 6 citernes collectives (métfias) et de leurs impluviums", "water",
        900_000, "TR_HYDRAULIC", "COMMUNE", _COMMUNE, (0, 2, 0, 1, 0, 1, 0), (2022, 2023),
        (("INDH", 0.80, "secured"), ("COMMUNE", 0.20, "secured")),
        (("INDH", "funder"), ("ASSOCIATIONS", "partner")),
        ("Amellal", "Targa Oumadi", "Ighir n'Oussaka", "Assif n'Tamda", "Aguelmous", "Tamaloukt"),
        indicator=DemoIndicator("Citernes collectives réhabilitées", "citernes", 0, 6),
    ),
    DemoProject(
        "water_service", "A1.O1", "Service communal de l'eau avec des comités d'usagers mixtes", "water",
        450_000, "OWN_WATER", "COMMUNE", _COMMUNE, (1, 1, 0, 0, 0, 0, 0), (2024, 2025),
        (("COMMUNE", 0.30, "secured"), ("ADS", 0.40, "negotiation"), ("INDH", 0.30, "to_find")),
        (("ONEE_EAU", "partner"), ("ADS", "funder"), ("INDH", "funder"), ("ASSOCIATIONS", "partner")),
        description="Tarification, entretien des réseaux villageois, formation des comités ; une part du financement reste à rechercher.",
        gender_note="Au moins 30 % de femmes dans chaque comité d'usagers ; réunions tenues en journée.",
        indicator=DemoIndicator("Comités d'usagers comptant au moins 30 % de femmes", "comités", 0, 12,
                                disaggregation=("sex",), is_gender=True),
    ),
    # A1.O2 sanitation and waste
    DemoProject(
        "sanitation_centre", "A1.O2",
        "Assainissement liquide du centre de Tafoukt (réseau et épuration par lagunage)", "sanitation",
        12_000_000, "OWN_SANITATION", "COMMUNE", _COMMUNE, (0, 1, 0, 0, 1, 2, 0), (2025, 2027),
        (("ONEE_EAU", 0.50, "negotiation"), ("CONSEIL_REG", 0.20, "negotiation"), ("COMMUNE", 0.15, "to_find")),
        (("ONEE_EAU", "agreement"), ("CONSEIL_REG", "funder")), (CENTRE,),
        description="Étude en 2025, travaux 2026-2027 ; eaux épurées réutilisées pour l'arrosage des plantations.",
        indicator=DemoIndicator("Ménages du centre raccordés à l'assainissement", "ménages", 0, 170),
    ),
    DemoProject(
        "waste", "A1.O2", "Collecte des déchets ménagers au centre et dans 8 douars de la fraction Aït Ouzrou",
        "sanitation", 1_100_000, "OWN_WASTE", "COMMUNE", _COMMUNE, (0, 0, 1, 0, 1, 2, 0), (2022, 2023),
        (("CONSEIL_PROV", 0.80, "secured"), ("COMMUNE", 0.20, "secured")),
        (("CONSEIL_PROV", "funder"), ("ASSOCIATIONS", "partner")),
        tuple(d[0] for d in DOUARS[:9]),
        description="Un camion benne, 60 bacs, tournées deux fois par semaine, fermeture de la décharge sauvage.",
        indicator=DemoIndicator("Douars couverts par la collecte hebdomadaire", "douars", 0, 9),
    ),
    DemoProject(
        "school_latrines", "A1.O2",
        "Sanitaires séparés filles-garçons dans les écoles satellites et fosses septiques pour 60 ménages",
        "sanitation", 750_000, "OWN_SANITATION", "COMMUNE", _COMMUNE, (1, 0, 0, 0, 0, 1, 0), (2022, 2023),
        (("INDH", 0.80, "secured"), ("COMMUNE", 0.20, "secured")),
        (("INDH", "funder"), ("DP_EDUCATION", "agreement")),
        gender_note=("L'absence de toilettes séparées éloigne les filles de l'école à la puberté ; "
                     "blocs séparés avec point d'eau et suivi de l'assiduité des filles."),
        indicator=DemoIndicator("Écoles dotées de sanitaires séparés filles-garçons", "écoles", 0, 7,
                                is_gender=True),
    ),
    # A2.O1 roads and floods
    DemoProject(
        "track_igherm", "A2.O1", "Aménagement de la piste Tafoukt – Igherm Oufella (14 km) avec ouvrages de franchissement",
        "roads", 9_800_000, "SH_COMMUNAL_ROADS", "COMMUNE", _COMMUNE, (0, 2, 0, 0, 0, 0, 0), (2022, 2024),
        (("FDR", 0.50, "secured"), ("CONSEIL_PROV", 0.40, "secured"), ("COMMUNE", 0.10, "secured")),
        (("FDR", "funder"), ("CONSEIL_PROV", "funder"), ("PROV_DAR", "agreement"), ("DP_EQUIPEMENT", "partner")),
        (CENTRE, "Igherm Oufella", "Tizi n'Tgharine", "Tasga", "Id Ou Moussa"),
        phasing=(0.2, 0.4, 0.4), description="Calibrage, revêtement en enduit sur les pentes, deux dalots et un radier submersible.",
        indicator=DemoIndicator("Kilomètres de piste aménagés", "km", 0, 14),
    ),
    DemoProject(
        "track_tala", "A2.O1", "Ouverture de la piste Taourirt – Tala n'Wasif (8 km)", "roads",
        5_200_000, "SH_COMMUNAL_ROADS", "COMMUNE", _COMMUNE, (0, 1, 0, 0, 0, 0, 0), (2025, 2026),
        (("FDR", 0.50, "secured"), ("CONSEIL_PROV", 0.30, "negotiation"), ("COMMUNE", 0.20, "secured")),
        (("FDR", "funder"), ("CONSEIL_PROV", "funder")), ("Taourirt", "Tala n'Wasif", "Ifri", "Tamsoult"),
        indicator=DemoIndicator("Kilomètres de piste ouverts", "km", 0, 8),
    ),
    DemoProject(
        "fords", "A2.O1", "Construction de 5 radiers sur les pistes coupées par les crues", "roads",
        2_600_000, "SH_COMMUNAL_ROADS", "COMMUNE", _COMMUNE, (0, 2, 0, 0, 0, 0, 0), (2022, 2023),
        (("CONSEIL_PROV", 0.60, "secured"), ("FDR", 0.30, "secured"), ("COMMUNE", 0.10, "secured")),
        (("CONSEIL_PROV", "funder"), ("FDR", "funder"), ("ABH_SM", "partner")),
        ("Tizgui n'Ouzrou", "Anammer", "Azrou Melloul", "Adrar n'Bour", "Id Ou Moussa"),
        indicator=DemoIndicator("Jours de coupure des pistes par an", "jours", 24, 4, level="outcome"),
    ),
    DemoProject(
        "provincial_road", "A2.O1", "Élargissement et revêtement de la route provinciale d'accès à la commune",
        "roads", 18_000_000, "STATE_CLASSIFIED_ROADS", "DP_EQUIPEMENT", "Direction provinciale de l'équipement",
        (0, 1, 0, 0, 0, 0, 0), (2025, 2027),
        (("DP_EQUIPEMENT", 0.60, "negotiation"), ("CONSEIL_REG", 0.30, "negotiation"), ("COMMUNE", 0.10, "to_find")),
        (("COMMUNE", "agreement"), ("CONSEIL_REG", "funder")),
        description="Route classée : la commune contribue par convention, elle n'en est pas maître d'ouvrage.",
        indicator=DemoIndicator("Kilomètres de route élargis et revêtus", "km", 0, 21),
    ),
    # A2.O2 centre, lighting, electricity
    DemoProject(
        "solar_lighting", "A2.O2", "Éclairage public solaire du centre et de 10 douars", "electricity",
        1_800_000, "OWN_LIGHTING", "COMMUNE", _COMMUNE, (1, 0, 2, 0, 0, 1, 0), (2022, 2023),
        (("CONSEIL_REG", 0.50, "secured"), ("INDH", 0.30, "negotiation"), ("COMMUNE", 0.20, "secured")),
        (("CONSEIL_REG", "funder"), ("INDH", "funder")),
        (CENTRE, "Agadir n'Ouzrou", "Taourirt", "Tizgui n'Ouzrou", "Imi n'Taddart", "Tagadirt n'Argan", "Tazrout",
         "Azrou Melloul", "Isserghine", "Igherm Oufella", "Id Ou Moussa"),
        gender_note=("Les filles et les femmes évitent de sortir la nuit faute d'éclairage : emplacements des "
                     "lampadaires choisis lors de marches exploratoires avec des femmes."),
        indicator=DemoIndicator("Lampadaires solaires installés", "lampadaires", 0, 320),
        gender_indicator=DemoIndicator("Marches exploratoires tenues avec des femmes avant l'implantation",
                                       "marches", 0, 11, disaggregation=("sex",), is_gender=True),
    ),
    DemoProject(
        "electrification", "A2.O2", "Électrification des 3 derniers douars et des foyers dispersés", "electricity",
        2_200_000, "PB_ONEE_ELECTRICITY", "ONEE_ELEC", "ONEE – Branche électricité", (0, 0, 0, 0, 0, 0, 0),
        (2024, 2024),
        (("ONEE_ELEC", 0.65, "secured"), ("CONSEIL_PROV", 0.25, "secured"), ("COMMUNE", 0.10, "secured")),
        (("COMMUNE", "agreement"), ("CONSEIL_PROV", "funder")), ("Iferd", "Tasga", "Tinouzar"),
        indicator=DemoIndicator("Ménages nouvellement raccordés à l'électricité", "ménages", 0, 54),
    ),
    DemoProject(
        "centre_upgrade", "A2.O2", "Mise à niveau du centre de Tafoukt (voirie, trottoirs, place du souk)",
        "urbanism", 6_500_000, "PROV_RURAL_CENTRES", "CONSEIL_PROV", "Conseil provincial", (0, 1, 0, 0, 0, 1, 0),
        (2025, 2027),
        (("CONSEIL_PROV", 0.55, "negotiation"), ("FDR", 0.15, "negotiation"), ("COMMUNE", 0.20, "to_find")),
        (("COMMUNE", "agreement"), ("PROV_DAR", "agreement"), ("FDR", "funder")), (CENTRE,),
        indicator=DemoIndicator("Mètres linéaires de voirie et trottoirs aménagés", "m", 0, 2400),
    ),
    DemoProject(
        "souk", "A2.O2", "Réaménagement du souk hebdomadaire (abris, point d'eau, sanitaires femmes et hommes)",
        "local_economy", 1_400_000, "OWN_MARKETS", "COMMUNE", _COMMUNE, (1, 0, 0, 0, 0, 1, 0), (2025, 2025),
        (("INDH", 0.80, "negotiation"), ("COMMUNE", 0.20, "to_find")), (("INDH", "funder"),), (CENTRE,),
        description="Améliore aussi les recettes du souk (droits de place).",
        gender_note="Sanitaires séparés et un espace de vente réservé aux coopératives féminines.",
        indicator=DemoIndicator("Recettes annuelles du souk", "DH", 310_000, 450_000, level="outcome",
                                source="Compte administratif", responsible="Régisseur des recettes"),
        gender_indicator=DemoIndicator("Places de vente tenues par des coopératives féminines", "places", 0, 12,
                                       is_gender=True),
    ),
    # A3.O1 education
    DemoProject(
        "dar_taliba", "A3.O1", "Dar Taliba de Tafoukt : 60 places d'internat pour les collégiennes", "education",
        4_800_000, "STATE_SOCIAL_WELFARE", "ENTRAIDE", "Entraide nationale (gestion déléguée à une association)",
        (2, 0, 0, 0, 0, 0, 1), (2022, 2024),
        (("INDH", 0.70, "secured"), ("ENTRAIDE", 0.15, "secured"), ("COMMUNE", 0.10, "secured"),
         ("ASSOC_DIASPORA", 0.05, "secured")),
        (("INDH", "funder"), ("COMMUNE", "agreement"), ("ASSOCIATIONS", "partner"), ("ASSOC_DIASPORA", "funder")),
        (CENTRE,), beneficiaries=(60, 0, 60), phasing=(0.2, 0.5, 0.3),
        description="La commune apporte le terrain et une part du fonctionnement ; l'association gère l'internat.",
        criteria=("diaspora_contribution",),
        gender_note=("Projet né de la demande des mères : sans internat, les filles des douars du haut quittent "
                     "l'école après le primaire. Analyse de genre faite avec l'IEEAG ; règlement intérieur et "
                     "encadrement féminin ; suivi du passage des filles au collège."),
        indicator=DemoIndicator("Collégiennes hébergées à la Dar Taliba", "filles", 0, 60,
                                disaggregation=("sex", "douar"), is_gender=True),
    ),
    DemoProject(
        "school_transport", "A3.O1", "Transport scolaire rural : 3 minibus pour les collégiens des douars éloignés",
        "education", 1_050_000, "PROV_SCHOOL_TRANSPORT", "COMMUNE", _COMMUNE, (1, 0, 0, 0, 0, 0, 1), (2022, 2022),
        (("INDH", 0.80, "secured"), ("COMMUNE", 0.20, "secured")),
        (("INDH", "funder"), ("ASSOCIATIONS", "partner")), UPPER, beneficiaries=(70, 65, 135),
        description=("Compétence de la province : la commune porte le projet faute d'autre porteur ; une "
                     "convention avec le conseil provincial reste à signer."),
        criteria=("youth_out_migration",),
        gender_note="Places réservées aux filles à parité et accompagnatrice à bord.",
        indicator=DemoIndicator("Élèves transportés chaque jour", "élèves", 0, 135, disaggregation=("sex",)),
        confirmed=False,
    ),
    DemoProject(
        "classrooms", "A3.O1", "Construction de 4 salles de classe et d'un bloc sanitaire à l'école centrale",
        "education", 2_100_000, "STATE_SCHOOLS", "AREF_SM", "AREF Souss-Massa", (0, 0, 0, 0, 0, 0, 0), (2025, 2026),
        (("AREF_SM", 0.80, "negotiation"), ("COMMUNE", 0.10, "secured"), ("INDH", 0.10, "negotiation")),
        (("COMMUNE", "agreement"), ("DP_EDUCATION", "partner"), ("INDH", "funder")), (CENTRE,),
        indicator=DemoIndicator("Salles de classe construites", "salles", 0, 4),
    ),
    DemoProject(
        "school_upkeep", "A3.O1", "Entretien des 7 écoles satellites (toitures, murs, points d'eau)", "education",
        1_200_000, "SH_SCHOOL_MAINTENANCE", "COMMUNE", _COMMUNE, (0, 1, 0, 0, 0, 0, 0), (2022, 2024),
        (("COMMUNE", 0.20, "secured"), ("INDH", 0.50, "secured"), ("DP_EDUCATION", 0.30, "negotiation")),
        (("DP_EDUCATION", "agreement"), ("INDH", "funder")),
        indicator=DemoIndicator("Écoles satellites réhabilitées", "écoles", 0, 7),
    ),
    DemoProject(
        "preschool", "A3.O1", "Unités de préscolaire dans 5 douars", "education", 1_000_000, "SH_CRECHES", "COMMUNE",
        _COMMUNE, (1, 0, 0, 0, 0, 0, 0), (2024, 2025),
        (("INDH", 0.70, "secured"), ("COMMUNE", 0.20, "secured"), ("AREF_SM", 0.10, "to_find")),
        (("INDH", "funder"), ("AREF_SM", "agreement"), ("ASSOCIATIONS", "partner")),
        ("Taourirt", "Tagadirt n'Argan", "Azrou Melloul", "Igherm Oufella", "Tazrout"), beneficiaries=(62, 58, 120),
        gender_note="Libère du temps pour les mères membres des coopératives ; éducatrices recrutées dans les douars.",
        indicator=DemoIndicator("Enfants inscrits au préscolaire", "enfants", 0, 120, disaggregation=("sex",)),
    ),
    # A3.O2 health
    DemoProject(
        "ambulance", "A3.O2", "Transport des malades : une ambulance 4x4 adaptée aux pistes", "health",
        650_000, "OWN_SICK_TRANSPORT", "COMMUNE", _COMMUNE, (1, 0, 0, 0, 0, 0, 0), (2022, 2022),
        (("INDH", 0.80, "secured"), ("COMMUNE", 0.20, "secured")), (("INDH", "funder"), ("DP_SANTE", "partner")),
        gender_note="Priorité aux évacuations obstétricales ; registre des transports tenu par sexe.",
        indicator=DemoIndicator("Évacuations sanitaires assurées par an", "évacuations", 0, 150,
                                disaggregation=("sex",)),
    ),
    DemoProject(
        "birth_house", "A3.O2", "Maison d'accouchement au centre de santé de Tafoukt", "health", 3_200_000,
        "STATE_HEALTH", "DP_SANTE", "Délégation provinciale de la santé", (2, 0, 0, 0, 0, 0, 0), (2024, 2026),
        (("DP_SANTE", 0.60, "negotiation"), ("INDH", 0.30, "secured"), ("COMMUNE", 0.10, "secured")),
        (("COMMUNE", "agreement"), ("INDH", "funder")), beneficiaries=(1650, 0, 0),
        gender_note=("Réduire les accouchements à domicile non assistés : objectif principal d'égalité et de "
                     "santé des femmes ; sages-femmes, maison d'attente pour les femmes des douars du haut."),
        indicator=DemoIndicator("Accouchements assistés en structure", "%", 48, 85, level="outcome",
                                is_gender=True, source="Registres du centre de santé",
                                responsible="Délégation provinciale de la santé"),
    ),
    DemoProject(
        "dispensary", "A3.O2", "Réhabilitation du dispensaire de Tagadirt n'Argan", "health", 800_000,
        "SH_DISPENSARY_MAINTENANCE", "COMMUNE", _COMMUNE, (0, 0, 0, 0, 0, 0, 0), (2022, 2022),
        (("INDH", 0.80, "secured"), ("COMMUNE", 0.20, "secured")),
        (("DP_SANTE", "agreement"), ("INDH", "funder")),
        ("Tagadirt n'Argan", "Adrar n'Bour", "Tazrout", "Amellal", "Talat n'Ouanou"),
        indicator=DemoIndicator("Dispensaire réhabilité et ouvert 5 jours sur 7", "dispensaire", 0, 1),
    ),
    DemoProject(
        "caravans", "A3.O2", "Caravanes médicales (4 par an) dans les douars de la fraction Aït Oufella", "health",
        360_000, "STATE_HEALTH", "DP_SANTE", "Délégation provinciale de la santé", (1, 0, 0, 0, 0, 0, 1),
        (2022, 2024),
        (("DP_SANTE", 0.50, "secured"), ("COMMUNE", 0.25, "secured"), ("ASSOC_DIASPORA", 0.25, "secured")),
        (("COMMUNE", "funder"), ("ASSOCIATIONS", "partner"), ("ASSOC_DIASPORA", "funder")), UPPER,
        criteria=("diaspora_contribution",),
        gender_note="Consultations de gynécologie avec des médecins femmes ; fréquentation suivie par sexe.",
        indicator=DemoIndicator("Consultations lors des caravanes", "consultations", 0, 1200,
                                disaggregation=("sex", "age")),
    ),
    # A3.O3 women and youth
    DemoProject(
        "women_centre", "A3.O3", "Foyer féminin de Tafoukt : alphabétisation, couture, éducation financière",
        "social", 1_600_000, "SH_WOMEN_CENTRES", "COMMUNE", _COMMUNE, (2, 0, 0, 0, 0, 0, 0), (2022, 2023),
        (("INDH", 0.65, "secured"), ("ENTRAIDE", 0.20, "secured"), ("COMMUNE", 0.15, "secured")),
        (("ENTRAIDE", "agreement"), ("INDH", "funder"), ("ASSOCIATIONS", "partner")), (CENTRE, "Taourirt"),
        beneficiaries=(240, 0, 90),
        gender_note=("Demande portée par les femmes dans les deux ateliers ; horaires adaptés, garderie sur "
                     "place, suivi des femmes alphabétisées et de leurs revenus."),
        indicator=DemoIndicator("Femmes ayant achevé un cycle d'alphabétisation", "femmes", 0, 240,
                                disaggregation=("age", "douar"), is_gender=True),
    ),
    DemoProject(
        "youth_centre", "A3.O3", "Maison de jeunes avec espace numérique et orientation vers l'emploi",
        "youth_sport", 2_500_000, "SH_YOUTH_CENTRES", "COMMUNE", _COMMUNE, (1, 0, 0, 0, 0, 0, 1), (2024, 2025),
        (("INDH", 0.50, "secured"), ("JEUNESSE_SPORT", 0.30, "negotiation"), ("COMMUNE", 0.20, "secured")),
        (("JEUNESSE_SPORT", "agreement"), ("INDH", "funder"), ("OIM", "partner")), (CENTRE,),
        criteria=("youth_out_migration",),
        gender_note="Créneaux réservés aux jeunes filles et animatrices recrutées ; fréquentation suivie par sexe.",
        indicator=DemoIndicator("Jeunes inscrits à la maison de jeunes", "jeunes", 0, 400,
                                disaggregation=("sex", "age")),
    ),
    # A4.O1 agriculture and livestock
    DemoProject(
        "seguias", "A4.O1", "Réhabilitation de 12 km de séguias et de 3 seuils de dérivation", "agriculture",
        3_600_000, "TR_HYDRAULIC", "COMMUNE", _COMMUNE, (0, 2, 0, 1, 0, 1, 0), (2022, 2024),
        (("FDR", 0.45, "secured"), ("DPA", 0.40, "negotiation"), ("COMMUNE", 0.15, "secured")),
        (("DPA", "agreement"), ("ABH_SM", "partner"), ("FDR", "funder")),
        ("Tizgui n'Ouzrou", "Anammer", "Imi n'Taddart", "Agadir n'Ouzrou", "Tigmi Oufella"),
        phasing=(0.2, 0.4, 0.4),
        indicator=DemoIndicator("Kilomètres de séguias réhabilités", "km", 0, 12),
    ),
    DemoProject(
        "almonds", "A4.O1", "Plantation de 40 000 amandiers et figuiers de Barbarie résistants à la sécheresse",
        "agriculture", 4_000_000, "STATE_AGRICULTURE", "DPA", "Direction provinciale de l'agriculture",
        (0, 2, 1, 2, 1, 1, 0), (2024, 2026),
        (("DPA", 0.90, "negotiation"), ("COMMUNE", 0.10, "to_find")),
        (("COMMUNE", "partner"), ("COOPERATIVES", "partner"), ("ONCA", "partner")),
        indicator=DemoIndicator("Hectares plantés", "ha", 0, 200),
    ),
    DemoProject(
        "beekeeping", "A4.O1", "Ruchers collectifs et formation de 40 apicultrices et apiculteurs", "livestock",
        700_000, "SH_LOCAL_ECONOMY", "COMMUNE", _COMMUNE, (1, 1, 0, 0, 2, 1, 0), (2025, 2025),
        (("INDH", 0.70, "negotiation"), ("COMMUNE", 0.20, "secured"), ("ONCA", 0.10, "to_find")),
        (("ONCA", "partner"), ("COOPERATIVES", "partner"), ("INDH", "funder")), beneficiaries=(24, 16, 20),
        gender_note="Au moins 60 % de femmes parmi les personnes formées ; ruchers proches des douars.",
        indicator=DemoIndicator("Personnes formées à l'apiculture", "personnes", 0, 40, disaggregation=("sex",)),
    ),
    # A4.O2 argan and local products
    DemoProject(
        "argan_unit", "A4.O2", "Unité de conditionnement de l'huile d'argan pour 3 coopératives féminines",
        "local_economy", 2_800_000, "SH_LOCAL_ECONOMY", "COMMUNE", _COMMUNE, (2, 0, 0, 1, 1, 1, 0), (2022, 2023),
        (("ANDZOA", 0.45, "secured"), ("INDH", 0.40, "secured"), ("COMMUNE", 0.15, "secured")),
        (("ANDZOA", "funder"), ("INDH", "funder"), ("COOPERATIVES", "partner")),
        ("Tagadirt n'Argan", "Tazrout", "Amellal"), beneficiaries=(145, 0, 40),
        gender_note=("Le projet vise d'abord à ce que les femmes contrôlent la vente et le revenu de l'huile ; "
                     "analyse de genre avec les coopératives, formation à la gestion, suivi du revenu des membres."),
        indicator=DemoIndicator("Revenu annuel moyen d'une coopératrice", "DH", 6_500, 11_000, level="outcome",
                                is_gender=True, source="Comptes des coopératives",
                                responsible="Coopératives avec le service économique"),
    ),
    DemoProject(
        "fair", "A4.O2", "Foire annuelle de l'argan et des produits du terroir", "local_economy", 450_000,
        "OWN_FAIRS", "COMMUNE", _COMMUNE, (1, 0, 0, 0, 0, 0, 1), (2022, 2024),
        (("COMMUNE", 0.30, "secured"), ("CONSEIL_REG", 0.40, "secured"), ("ASSOC_DIASPORA", 0.10, "secured"),
         ("COOPERATIVES", 0.20, "secured")),
        (("CONSEIL_REG", "funder"), ("COOPERATIVES", "funder"), ("ASSOC_DIASPORA", "funder")), (CENTRE,),
        description="Tenue en août, quand la diaspora est au pays.",
        criteria=("diaspora_contribution",),
        gender_note="Stands réservés aux coopératives féminines ; chiffre d'affaires suivi par coopérative.",
        indicator=DemoIndicator("Exposants à la foire", "exposants", 0, 40, disaggregation=("sex",)),
    ),
    # A4.O3 tourism and heritage
    DemoProject(
        "hiking", "A4.O3", "Circuit de randonnée des greniers collectifs : balisage, signalétique, gîtes d'étape",
        "tourism", 1_900_000, "SH_TOURISM_SITES", "COMMUNE", _COMMUNE, (0, 0, 0, 0, 1, 1, 1), (2024, 2025),
        (("CONSEIL_REG", 0.50, "negotiation"), ("COOP_DECENTRALISEE", 0.25, "negotiation"),
         ("COMMUNE", 0.15, "secured"), ("TOURISME", 0.10, "to_find")),
        (("TOURISME", "agreement"), ("CONSEIL_REG", "funder"), ("ASSOCIATIONS", "partner"),
         ("COOP_DECENTRALISEE", "funder")),
        ("Agadir n'Ouzrou", "Igherm Oufella", "Tizi n'Tgharine", "Id Ou Moussa"),
        criteria=("host_cooperation", "diaspora_contribution"),
        indicator=DemoIndicator("Nuitées dans les gîtes de la commune", "nuitées", 300, 2500, level="outcome",
                                source="Registres des gîtes", responsible="Association de tourisme rural"),
    ),
    DemoProject(
        "agadir", "A4.O3", "Restauration de l'agadir (grenier collectif) d'Agadir n'Ouzrou", "culture",
        2_400_000, "TR_HERITAGE", "COMMUNE", _COMMUNE, (0, 0, 0, 0, 0, 1, 1), (2025, 2026),
        (("CULTURE", 0.60, "to_find"), ("COMMUNE", 0.20, "to_find"), ("ASSOC_DIASPORA", 0.10, "negotiation")),
        (("CULTURE", "agreement"), ("ASSOC_DIASPORA", "funder")), ("Agadir n'Ouzrou",),
        criteria=("diaspora_contribution",),
        indicator=DemoIndicator("Cellules du grenier restaurées", "cellules", 0, 80),
    ),
    # A5.O1 environment and climate
    DemoProject(
        "argan_forest", "A5.O1", "Régénération de 300 ha d'arganeraie avec mise en défens concertée",
        "environment", 3_000_000, "STATE_FORESTS", "ANEF", "Agence nationale des eaux et forêts",
        (1, 1, 1, 2, 2, 2, 0), (2022, 2024),
        (("ANEF", 0.60, "secured"), ("ANDZOA", 0.30, "secured"), ("COMMUNE", 0.10, "secured")),
        (("COMMUNE", "partner"), ("COOPERATIVES", "partner"), ("ANDZOA", "funder")),
        ("Tagadirt n'Argan", "Adrar n'Bour", "Talat n'Ouanou", "Tazrout"),
        gender_note=("Les femmes cueillent les fruits : la mise en défens est négociée avec elles et leurs "
                     "droits d'usage sont maintenus ; compensation versée aussi aux femmes ayants droit."),
        indicator=DemoIndicator("Hectares d'arganeraie régénérés", "ha", 0, 300, disaggregation=("douar",)),
        gender_indicator=DemoIndicator("Femmes ayants droit indemnisées pendant la mise en défens", "femmes", 0,
                                       120, disaggregation=("sex", "douar"), is_gender=True),
    ),
    DemoProject(
        "flood_works", "A5.O1", "Protection contre les crues de l'oued à Tizgui n'Ouzrou et Anammer",
        "environment", 4_500_000, "PB_ABH_WATER_RESOURCES", "ABH_SM", "Agence du bassin hydraulique du Souss-Massa",
        (0, 2, 0, 0, 0, 1, 0), (2025, 2027),
        (("ABH_SM", 0.70, "negotiation"), ("CONSEIL_PROV", 0.10, "to_find"), ("COMMUNE", 0.10, "to_find")),
        (("COMMUNE", "agreement"), ("CONSEIL_PROV", "funder")), ("Tizgui n'Ouzrou", "Anammer"),
        indicator=DemoIndicator("Mètres de berges protégés", "m", 0, 1800),
    ),
    # A5.O2 governance and diaspora
    DemoProject(
        "admin", "A5.O2", "Modernisation de l'administration : état civil numérique, archives, formation du personnel",
        "governance", 800_000, None, "COMMUNE", _COMMUNE, (1, 0, 0, 0, 0, 0, 0), (2022, 2023),
        (("COMMUNE", 0.20, "secured"), ("CONSEIL_PROV", 0.80, "negotiation")), (("CONSEIL_PROV", "funder"),),
        description="Fonctionnement propre de la commune : aucune compétence du catalogue ne s'applique.",
        gender_note="Formation ouverte en priorité aux agentes ; statistiques de l'état civil produites par sexe.",
        indicator=DemoIndicator("Agents formés", "agents", 0, 28, disaggregation=("sex",)),
    ),
    DemoProject(
        "diaspora_desk", "A5.O2", "Guichet de la diaspora et compte rendu public des contributions des MRE",
        "migration", 400_000, None, "COMMUNE", _COMMUNE, (0, 0, 0, 0, 0, 0, 2), (2023, 2023),
        (("COMMUNE", 0.30, "secured"), ("MIN_MRE", 0.70, "negotiation")),
        (("FH2_MRE", "partner"), ("MIN_MRE", "funder"), ("ASSOC_DIASPORA", "partner")),
        criteria=("diaspora_diagnosis", "diaspora_contribution", "remittances_investment"),
        indicator=DemoIndicator("Projets cofinancés par la diaspora", "projets", 2, 8, level="outcome"),
    ),
    DemoProject(
        "youth_fund", "A5.O2", "Fonds d'appui aux projets des jeunes et des migrants de retour", "local_economy",
        1_500_000, "SH_LOCAL_ECONOMY", "COMMUNE", _COMMUNE, (1, 0, 0, 0, 0, 0, 2), (2024, 2025),
        (("INDH", 0.40, "secured"), ("OIM", 0.35, "negotiation"), ("ASSOC_DIASPORA", 0.15, "negotiation"),
         ("COMMUNE", 0.10, "secured")),
        (("INDH", "funder"), ("FH2_MRE", "partner"), ("OIM", "funder"), ("ASSOC_DIASPORA", "funder")),
        beneficiaries=(25, 35, 60),
        criteria=("returning_migrants", "youth_out_migration", "remittances_investment", "diaspora_contribution"),
        gender_note="Au moins 40 % des projets appuyés portés par des jeunes femmes ; jury mixte.",
        indicator=DemoIndicator("Micro-projets financés", "projets", 0, 60, disaggregation=("sex", "age")),
    ),
    DemoProject(
        "twinning", "A5.O2", "Jumelage avec une commune d'accueil de la diaspora en Europe", "migration", 350_000,
        "OWN_COOPERATION", "COMMUNE", _COMMUNE, (0, 0, 0, 0, 0, 0, 2), (2024, 2024),
        (("COMMUNE", 0.30, "secured"), ("COOP_DECENTRALISEE", 0.70, "negotiation")),
        (("COOP_DECENTRALISEE", "partner"), ("ASSOC_DIASPORA", "partner")),
        criteria=("host_cooperation", "diaspora_contribution"),
        indicator=DemoIndicator("Convention de coopération signée", "convention", 0, 1),
    ),
    # proposed or set aside during the workshop
    DemoProject(
        "lycee", "A3.O1", "Lycée collégial à Tafoukt", "education", 14_000_000, "STATE_SCHOOLS", "AREF_SM",
        "AREF Souss-Massa", (1, 0, 0, 0, 0, 0, 1), None, (), (("COMMUNE", "agreement"),), (CENTRE,),
        status="proposed", description="À plaider auprès de l'AREF ; carte scolaire à revoir.",
        criteria=("youth_out_migration",),
        gender_note="Rapprocher le collège et le lycée des douars est la première condition de la scolarité des filles.",
    ),
    DemoProject(
        "crafts_zone", "A4.O2", "Zone d'activités artisanales au centre", "local_economy", 3_500_000,
        "SH_INVESTMENT", "COMMUNE", _COMMUNE, (0, 0, 0, 0, 0, 0, 0), None, (), (), (CENTRE,), status="proposed",
    ),
    DemoProject(
        "library", "A3.O3", "Complexe culturel et bibliothèque communale", "culture", 2_200_000, "SH_CULTURAL",
        "COMMUNE", _COMMUNE, (0, 0, 0, 0, 0, 0, 0), None, (), (("CULTURE", "agreement"),), (CENTRE,),
        status="proposed",
    ),
    DemoProject(
        "pool", "A3.O3", "Piscine couverte au centre", "youth_sport", 7_500_000, "SH_SPORT", "COMMUNE", _COMMUNE,
        (0, 0, 0, 0, 0, 0, 0), None, (), (), (CENTRE,), status="rejected",
        description="Écartée : consommation d'eau incompatible avec la pénurie (principe de « ne pas nuire »).",
    ),
    DemoProject(
        "slaughterhouse", "A4.O1", "Abattoir communal moderne", "livestock", 2_600_000, "OWN_SLAUGHTERHOUSES",
        "COMMUNE", _COMMUNE, (0, 0, 0, 0, 0, 0, 0), None, (), (), (CENTRE,), status="rejected",
        description="Écarté : volume d'abattage trop faible ; mise aux normes de la tuerie du souk à la place.",
    ),
]

# --------------------------------------------------------------------------- objective indicators


@dataclass(frozen=True)
class DemoObjectiveIndicator:
    objective: str
    level: str
    name: str
    unit: str
    baseline: float
    baseline_year: int
    target: float
    source: str
    responsible: str
    disaggregation: tuple[str, ...] = ()
    is_gender: bool = False
    frequency: str = "yearly"
    measurements: dict[tuple[int, str], float] = field(default_factory=dict)  # (year, sex) -> value


OBJECTIVE_INDICATORS = [
    DemoObjectiveIndicator("A1.O1", "outcome", "Ménages raccordés à un réseau d'eau potable", "%", 58, 2021, 90,
                           _MONO + " ; relevés ONEE", "Service technique de la commune", ("douar",),
                           measurements={(2022, "all"): 60, (2023, "all"): 66}),
    DemoObjectiveIndicator("A1.O1", "impact", "Temps quotidien consacré à la corvée d'eau en été", "minutes", 120,
                           2021, 20, "Enquête auprès de 100 ménages (mi-parcours et fin)", "IEEAG avec l'ONG",
                           ("sex",), True, "mid_term"),
    DemoObjectiveIndicator("A1.O2", "outcome", "Ménages disposant d'un assainissement amélioré", "%", 21, 2021, 45,
                           _MONO, "Service technique de la commune"),
    DemoObjectiveIndicator("A1.O2", "output", "Tonnes de déchets collectées par an", "t", 0, 2021, 900,
                           "Bons de pesée à la décharge contrôlée", "Service d'hygiène",
                           measurements={(2022, "all"): 310, (2023, "all"): 640}),
    DemoObjectiveIndicator("A2.O1", "outcome", "Douars accessibles en toute saison", "douars", 21, 2021, 33,
                           "Relevé annuel des coupures de pistes", "Service technique de la commune", ("douar",),
                           measurements={(2022, "all"): 22, (2023, "all"): 25}),
    DemoObjectiveIndicator("A2.O1", "output", "Kilomètres de pistes aménagées ou ouvertes", "km", 0, 2021, 22,
                           "Procès-verbaux de réception", "Service technique de la commune"),
    DemoObjectiveIndicator("A2.O2", "outcome", "Ménages raccordés à l'électricité", "%", 92, 2021, 99,
                           _MONO + " ; relevés ONEE", "Service technique de la commune"),
    DemoObjectiveIndicator("A2.O2", "outcome",
                           "Femmes déclarant se sentir en sécurité dans leur douar après la tombée de la nuit", "%",
                           35, 2022, 70, "Enquête de perception (mi-parcours et fin)", "IEEAG", ("sex",), True,
                           "mid_term"),
    DemoObjectiveIndicator("A3.O1", "outcome", "Taux de scolarisation au collège", "%", 38, 2021, 70,
                           "Direction provinciale de l'éducation", "Commission des affaires sociales",
                           ("sex",), True,
                           measurements={(2022, "f"): 41, (2022, "m"): 58, (2023, "f"): 47, (2023, "m"): 60}),
    DemoObjectiveIndicator("A3.O1", "output", "Enfants de 4-5 ans inscrits au préscolaire", "%", 35, 2021, 80,
                           "Direction provinciale de l'éducation", "Commission des affaires sociales", ("sex",)),
    DemoObjectiveIndicator("A3.O2", "outcome", "Population à moins de 5 km d'un établissement de santé", "%",
                           46, 2021, 60, "Délégation provinciale de la santé", "Commission des affaires sociales"),
    DemoObjectiveIndicator("A3.O2", "impact", "Accouchements assistés par un personnel qualifié", "%", 48, 2021, 85,
                           "Délégation provinciale de la santé", "Commission des affaires sociales", (), True,
                           measurements={(2022, "all"): 50, (2023, "all"): 55}),
    DemoObjectiveIndicator("A3.O3", "outcome", "Taux d'analphabétisme des femmes", "%", 61, 2021, 45,
                           "Rapports du foyer féminin et de l'Entraide nationale", "IEEAG", ("sex", "age"), True),
    DemoObjectiveIndicator("A3.O3", "output", "Jeunes participant aux activités de la maison de jeunes", "jeunes", 0,
                           2021, 400, "Registres de la maison de jeunes", "Service jeunesse", ("sex", "age")),
    DemoObjectiveIndicator("A4.O1", "outcome", "Surfaces irriguées par les séguias réhabilitées", "ha", 85, 2021, 140,
                           "Direction provinciale de l'agriculture", "Commission du développement économique"),
    DemoObjectiveIndicator("A4.O1", "output", "Agricultrices et agriculteurs formés aux pratiques économes en eau",
                           "personnes", 0, 2021, 150, "Office national du conseil agricole",
                           "Commission du développement économique", ("sex",)),
    DemoObjectiveIndicator("A4.O2", "outcome", "Huile d'argan vendue conditionnée par les coopératives", "litres",
                           0, 2021, 6000, "Comptes des coopératives", "Service économique de la commune", (), False,
                           measurements={(2023, "all"): 1800}),
    DemoObjectiveIndicator("A4.O2", "outcome", "Membres des coopératives féminines", "femmes", 95, 2021, 180,
                           "Registres des coopératives", "Service économique de la commune", ("sex",), True),
    DemoObjectiveIndicator("A4.O3", "outcome", "Visiteurs accueillis sur les circuits et sites", "visiteurs", 400,
                           2021, 3000, "Registres des gîtes et des guides", "Association de tourisme rural"),
    DemoObjectiveIndicator("A4.O3", "output", "Emplois créés dans le tourisme rural", "emplois", 3, 2021, 25,
                           "Enquête annuelle auprès des gîtes", "Service économique de la commune", ("sex", "age")),
    DemoObjectiveIndicator("A5.O1", "outcome", "Surface d'arganeraie en régénération", "ha", 0, 2021, 300,
                           "Agence nationale des eaux et forêts", "Commission de l'environnement"),
    DemoObjectiveIndicator("A5.O1", "impact", "Pertes de récoltes déclarées après crues et sécheresses", "ménages",
                           140, 2021, 60, "Recensement communal des sinistres", "Commission de l'environnement",
                           ("douar",), False, "yearly"),
    DemoObjectiveIndicator("A5.O2", "outcome", "Taux d'exécution du budget d'investissement", "%", 55, 2021, 80,
                           "Compte administratif", "Directeur des services",
                           measurements={(2022, "all"): 61, (2023, "all"): 68}),
    DemoObjectiveIndicator("A5.O2", "outcome", "Contributions de la diaspora aux projets de la commune", "DH",
                           150_000, 2021, 1_500_000, "Conventions et comptes de la commune", "Guichet de la diaspora"),
]

# --------------------------------------------------------------------------- vote


VOTE = {
    "title": "Priorisation des projets – atelier de planification",
    # A code shaped like the voting page's (4 signs, easy to read aloud); another is drawn if taken.
    "join_code": "K7AW",
    "opened_at": dt.datetime(2022, 5, 19, 10, 30),
    "closed_at": dt.datetime(2022, 5, 19, 11, 20),
    "seed": 2857,  # chosen so that no two options tie
}
# Retained projects left out of the vote were ranked by the council right after it, below the voted ones.
PRIORITY_REASON = "Rang fixé en séance après le vote : projet non soumis au vote des participants."
# Projects put to the vote, in the order shown on the screen.
VOTE_OPTIONS = ("aep_tala", "track_igherm", "dar_taliba", "birth_house", "argan_unit", "seguias", "women_centre",
                "youth_centre", "school_transport", "solar_lighting", "hiking", "youth_fund")
# What each group tends to favour (weights used, with a fixed seed, to draw the demo ballots).
VOTE_LEANINGS = {
    "women": {"dar_taliba": 5, "birth_house": 5, "women_centre": 4, "aep_tala": 4, "argan_unit": 3},
    "youth": {"youth_centre": 5, "youth_fund": 4, "school_transport": 3, "solar_lighting": 3, "hiking": 2},
    "elected": {"aep_tala": 5, "track_igherm": 5, "seguias": 3, "solar_lighting": 2},
    "diaspora": {"youth_fund": 4, "hiking": 3, "aep_tala": 3},
}
# card number, role, sex, age band, douar, leaning
PARTICIPANTS = [
    (1, "elected", "m", "50-64", CENTRE, "elected"),
    (2, "elected", "m", "35-49", "Taourirt", "elected"),
    (3, "elected", "f", "35-49", "Tagadirt n'Argan", "women"),
    (4, "elected", "m", "50-64", "Igherm Oufella", "elected"),
    (5, "elected", "m", "65+", "Tala n'Wasif", "elected"),
    (6, "elected", "f", "25-34", "Agadir n'Ouzrou", "youth"),
    (7, "elected", "m", "35-49", "Azrou Melloul", "elected"),
    (8, "ieeag", "f", "35-49", CENTRE, "women"),
    (9, "ieeag", "f", "25-34", "Taourirt", "women"),
    (10, "ieeag", "f", "50-64", "Tazrout", "women"),
    (11, "ieeag", "m", "25-34", "Isserghine", "youth"),
    (12, "ieeag", "f", "18-24", "Id Ou Moussa", "youth"),
    (13, "staff", "m", "35-49", CENTRE, "elected"),
    (14, "staff", "f", "25-34", CENTRE, "women"),
    (15, "staff", "m", "25-34", "Tizgui n'Ouzrou", "youth"),
    (16, "civil_society", "f", "35-49", "Amellal", "women"),
    (17, "civil_society", "f", "50-64", "Tamsoult", "women"),
    (18, "civil_society", "m", "18-24", "Igherm Oufella", "youth"),
    (19, "civil_society", "m", "50-64", "Anammer", "elected"),
    (20, "civil_society", "f", "18-24", "Talat n'Ouanou", "youth"),
    (21, "civil_society", "m", "35-49", "Tasga", "elected"),
    (22, "diaspora", "m", "35-49", "Agadir n'Ouzrou", "diaspora"),
    (23, "diaspora", "f", "25-34", "Imi n'Taddart", "diaspora"),
    (24, "state_service", "m", "35-49", "", "elected"),
    (25, "state_service", "f", "25-34", "", "women"),
]
# Paper ballots of three women of Igherm Oufella who had no phone, tallied in: option -> dots.
PAPER = {"sex": "f", "role": "civil_society", "ballots": 3,
         "dots": {"birth_house": 5, "dar_taliba": 4, "aep_tala": 3, "track_igherm": 3}}

# --------------------------------------------------------------------------- monitoring and evaluation

# name (a function, not a person), role, sex, organisation, IEEAG member?
COMMITTEE = [
    ("Vice-président chargé de la planification", "elected", "m", "Conseil communal", False),
    ("Présidente de la commission des affaires sociales", "elected", "f", "Conseil communal", False),
    ("Directeur des services", "staff", "m", "Commune", False),
    ("Responsable du suivi-évaluation", "staff", "f", "Commune", False),
    ("Présidente de l'IEEAG", "ieeag", "f", "IEEAG", True),
    ("Membre de l'IEEAG (jeunes)", "ieeag", "m", "IEEAG", True),
    ("Membre de l'IEEAG (coopératives)", "ieeag", "f", "IEEAG", True),
    ("Représentant de la Division des affaires rurales", "state_service", "m", "Province de Tiznit", False),
    ("Représentante des associations de la diaspora", "diaspora", "f", "Associations de la diaspora", False),
]
# name, description, frequency, responsible
TOOLS = [
    ("Tableau de bord des indicateurs", "Valeurs annuelles des indicateurs saisies dans PAC Atelier.", "yearly",
     "Responsable du suivi-évaluation"),
    ("Fiches de suivi des projets", "Avancement physique et financier de chaque projet.", "quarterly",
     "Service technique de la commune"),
    ("Rapport annuel d'exécution", "Présenté au conseil avant la session de mai.", "yearly", "Directeur des services"),
    ("Réunions du comité de suivi", "Deux réunions par an, procès-verbal publié.", "half_yearly",
     "Vice-président chargé de la planification"),
    ("Enquête de perception femmes et jeunes", "Enquête auprès de 100 ménages avec l'IEEAG.", "mid_term", "IEEAG"),
]
# kind, year, due date, evaluation type, description
EVENTS = [
    *[
        ("annual_report", y, dt.date(y + 1, 4, 15), "internal",
         f"Rapport d'exécution {y}, présenté au conseil avant la session de mai {y + 1}.")
        for y in range(2022, 2028)
    ],
    ("mid_term", 2024, dt.date(2024, 11, 30), "participatory",
     "Évaluation à mi-parcours (année 3) pour préparer la mise à jour du plan."),
    ("final", 2027, dt.date(2027, 11, 30), "external", "Évaluation finale du plan 2022-2027."),
]
# project key -> {year: (status, percent done, share of the year's cost spent, comment)}
PROGRESS = {
    "aep_tala": {2022: ("in_progress", 25, 0.9, "Études et conduite principale."),
                 2023: ("in_progress", 60, 0.95, "Réservoir achevé.")},
    "track_igherm": {2022: ("in_progress", 30, 1.0, ""), 2023: ("in_progress", 55, 0.7, "En retard : crue de novembre, radier à refaire.")},
    "cisterns": {2022: ("in_progress", 50, 1.0, ""), 2023: ("done", 100, 1.0, "Six citernes réceptionnées.")},
    "waste": {2022: ("in_progress", 50, 1.0, "Camion livré."), 2023: ("done", 100, 1.0, "")},
    "school_latrines": {2022: ("in_progress", 40, 0.8, ""), 2023: ("done", 100, 1.0, "")},
    "fords": {2022: ("in_progress", 40, 1.0, ""), 2023: ("done", 100, 1.0, "Cinq radiers réceptionnés.")},
    "solar_lighting": {2022: ("in_progress", 45, 1.0, ""), 2023: ("done", 100, 1.0, "")},
    "dar_taliba": {2022: ("in_progress", 20, 0.6, "Terrain apuré, permis obtenu."),
                   2023: ("in_progress", 65, 1.0, "Gros œuvre achevé.")},
    "school_transport": {2022: ("done", 100, 1.0, "Minibus en service depuis la rentrée.")},
    "ambulance": {2022: ("done", 100, 1.0, "")},
    "dispensary": {2022: ("done", 100, 0.95, "")},
    "women_centre": {2022: ("in_progress", 50, 1.0, ""), 2023: ("done", 100, 1.0, "Premier cycle ouvert.")},
    "argan_unit": {2022: ("in_progress", 40, 1.0, ""), 2023: ("in_progress", 85, 0.8, "Équipement en cours.")},
    "admin": {2022: ("in_progress", 30, 0.7, ""), 2023: ("in_progress", 60, 0.5, "En retard : financement provincial en attente.")},
    "diaspora_desk": {2023: ("not_started", 0, 0.0, "Convention avec le ministère en négociation.")},
}
