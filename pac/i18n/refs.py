"""Page « Référentiels »."""

FR = {
    "refs.intro": "Les référentiels livrés avec l'outil (d'après la loi organique 113-14 et les partenaires usuels) "
    "sont chargés au premier démarrage ; vous pouvez les corriger et les compléter ici.",
    "refs.pick": "Référentiel",
    "refs.count": "{n} lignes. Ajoutez une ligne en bas du tableau ; sélectionnez des lignes pour les supprimer.",
    "refs.save": "Enregistrer le référentiel",
    "refs.saved": "{name} : {n} lignes enregistrées.",
    # The gender marker's second minimum criterion (OECD DAC), beside projects.warn.gender_indicator.
    "projects.warn.gender_sex_data": "Marqueur genre 1 ou 2 : aucun indicateur du projet n'est ventilé par sexe ; "
    "le critère OECD DAC demande un indicateur de genre ET des données ventilées par sexe "
    "(page « Suivi-évaluation »).",
    "refs.rules": "Un code encore utilisé par un projet, un constat ou un autre référentiel ne peut pas être supprimé ; "
    "tout le tableau est vérifié avant l'enregistrement, et rien n'est modifié en cas d'erreur.",
}

AR = {
    "projects.warn.gender_sex_data": "مؤشر النوع 1 أو 2: لا يوجد أي مؤشر للمشروع مصنف حسب الجنس؛ يتطلب معيار لجنة "
    "المساعدة الإنمائية مؤشرا خاصا بالنوع ومعطيات مصنفة حسب الجنس معا (صفحة « التتبع والتقييم »).",
    "refs.pick": "المرجع",
    "refs.save": "حفظ المرجع",
    "refs.intro": "المراجع المرفقة بالأداة (استنادا إلى القانون التنظيمي 113.14 والشركاء المعتادين) تُحمَّل عند "
    "التشغيل الأول؛ يمكنكم تصحيحها وإتمامها هنا.",
    "refs.count": "عدد الأسطر: {n}. أضيفوا سطرا في أسفل الجدول؛ حدّدوا أسطرا لحذفها.",
    "refs.saved": "{name}: تم حفظ {n} من الأسطر.",
    "refs.rules": "لا يمكن حذف رمز ما زال مستعملا في مشروع أو ملاحظة تشخيصية أو مرجع آخر؛ يُتحقق من الجدول كله "
    "قبل الحفظ، ولا يتغير أي شيء عند وجود خطأ.",
}
