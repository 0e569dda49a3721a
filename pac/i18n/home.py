"""Page « Tableau de bord »."""

FR = {
    "home.demo_note": "Commune fictive de démonstration : ses chiffres illustrent l'outil et ne décrivent aucune "
    "commune réelle.",
    "home.findings": "Constats du diagnostic",
    "home.swot_items": "Éléments AFOM",
    "home.axes_objectives": "Axes / objectifs",
    "home.projects": "Projets retenus / proposés",
    "home.projects_help": "Projets retenus par l'atelier sur l'ensemble des projets proposés.",
    "home.retained_cost": "Coût des projets retenus",
    "home.progress": "Avancement de l'atelier",
    "home.all_communes": "Toutes les communes",
    "home.col.commune": "Commune",
    "home.col.province": "Province",
    "home.col.plan": "Plan",
    "home.col.findings": "Constats",
    "home.col.swot_items": "AFOM",
    "home.col.axes": "Axes",
    "home.col.projects": "Projets",
    "home.col.projects_retained": "Retenus",
    "home.col.retained_cost": "Coût retenu",
    "home.col.indicators": "Indicateurs",
    "home.col.plan_status": "Statut du plan",
}

AR = {
    "home.findings": "خلاصات التشخيص",
    "home.projects": "المشاريع المقبولة / المقترحة",
    "home.progress": "تقدم الورشة",
    "home.all_communes": "كل الجماعات",
}
