"""Page « Référentiels »."""

FR = {
    "refs.intro": "Les référentiels livrés avec l'outil (d'après la loi organique 113-14 et les partenaires usuels) "
    "sont chargés au premier démarrage ; vous pouvez les corriger et les compléter ici.",
    "refs.pick": "Référentiel",
    "refs.count": "{n} lignes. Ajoutez une ligne en bas du tableau ; sélectionnez des lignes pour les supprimer.",
    "refs.save": "Enregistrer le référentiel",
    "refs.saved": "{name} : {n} lignes enregistrées.",
    "refs.rules": "Un code encore utilisé par un projet, un constat ou un autre référentiel ne peut pas être supprimé ; "
    "tout le tableau est vérifié avant l'enregistrement, et rien n'est modifié en cas d'erreur.",
}

AR = {
    "refs.pick": "المرجع",
    "refs.save": "حفظ المرجع",
}
