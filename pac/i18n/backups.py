"""Backups (Produire): take, list, preview, restore."""

FR = {
    "nav.backups": "Sauvegardes",
    "backups.caption": "Une copie de toute la base est prise automatiquement à l'ouverture et à la clôture de chaque "
    "tour de vote, avant chaque import, restauration ou mise à jour, et au premier affichage de la journée. "
    "On garde tout ce qui a moins de 24 heures, la plus récente de chaque jour pendant 30 jours et la plus "
    "récente de chaque mois pendant un an.",
    "backups.where": "Dossier des sauvegardes : {folder} (variable PAC_BACKUP_DIR pour en choisir un autre). "
    "Heures en temps universel (UTC).",
    "backups.take": "Sauvegarder maintenant",
    "backups.last_failed": "La sauvegarde automatique du {when} (UTC, {reason}) n'a pas pu être écrite :",
    "backups.taken": "Sauvegarde écrite : {name}.",
    "backups.none": "Aucune sauvegarde pour l'instant : « Sauvegarder maintenant » en écrit une.",
    "backups.col.when": "Prise le (UTC)",
    "backups.col.reason": "Occasion",
    "backups.col.size": "Taille (ko)",
    "backups.col.file": "Fichier",
    "backups.col.commune": "Commune",
    "backups.col.projects": "Projets",
    "backups.col.findings": "Constats",
    "backups.col.rounds": "Tours de vote",
    "backups.col.ballots": "Bulletins",
    "backups.pick": "Voir une sauvegarde et la restaurer",
    "backups.preview": "Ce que contient cette sauvegarde",
    "backups.no_commune": "Cette sauvegarde ne contient aucune commune.",
    "backups.restore_warning": "Restaurer remplace les données actuelles par celles de la sauvegarde. Les données "
    "actuelles sont d'abord sauvegardées : la restauration peut être annulée en restaurant cette copie.",
    "backups.confirm": "Je confirme : remplacer les données actuelles par celles de cette sauvegarde",
    "backups.confirm_needed": "Cochez la confirmation pour restaurer.",
    "backups.restore": "Restaurer",
    "backups.restored": "Sauvegarde {name} restaurée. Les données d'avant sont dans {before}.",
    "backups.reason.manual": "à la demande",
    "backups.reason.day": "début de journée",
    "backups.reason.round_opened": "ouverture d'un vote",
    "backups.reason.round_closed": "clôture d'un vote",
    "backups.reason.import": "avant un import",
    "backups.reason.restore": "avant une restauration",
    "backups.reason.migration": "avant une mise à jour",
}

AR = {
    "nav.backups": "النسخ الاحتياطية",
    "backups.caption": "تُؤخذ نسخة من قاعدة البيانات كاملة تلقائيا عند فتح كل جولة تصويت وعند إغلاقها، وقبل كل "
    "استيراد أو استرجاع أو تحديث، وعند أول عرض في اليوم. تُحفظ كل النسخ التي يقل عمرها عن 24 ساعة، وأحدث نسخة "
    "في كل يوم لمدة 30 يوما، وأحدث نسخة في كل شهر لمدة سنة.",
    "backups.where": "مجلد النسخ الاحتياطية: {folder} (المتغير PAC_BACKUP_DIR لاختيار مجلد آخر). "
    "الأوقات بالتوقيت العالمي (UTC).",
    "backups.take": "أخذ نسخة احتياطية الآن",
    "backups.last_failed": "تعذرت كتابة النسخة الاحتياطية التلقائية بتاريخ {when} (UTC، {reason}):",
    "backups.taken": "تمت كتابة النسخة الاحتياطية: {name}.",
    "backups.none": "لا توجد أي نسخة احتياطية حاليا: زر «أخذ نسخة احتياطية الآن» يكتب واحدة.",
    "backups.col.when": "التاريخ (UTC)",
    "backups.col.reason": "المناسبة",
    "backups.col.size": "الحجم (كيلوبايت)",
    "backups.col.file": "الملف",
    "backups.col.commune": "الجماعة",
    "backups.col.projects": "المشاريع",
    "backups.col.findings": "الملاحظات التشخيصية",
    "backups.col.rounds": "جولات التصويت",
    "backups.col.ballots": "أوراق التصويت",
    "backups.pick": "عرض نسخة احتياطية واسترجاعها",
    "backups.preview": "محتوى هذه النسخة الاحتياطية",
    "backups.no_commune": "لا تحتوي هذه النسخة على أي جماعة.",
    "backups.restore_warning": "الاسترجاع يعوض المعطيات الحالية بمعطيات النسخة الاحتياطية. تُحفظ المعطيات الحالية "
    "أولا في نسخة احتياطية: يمكن التراجع عن الاسترجاع باسترجاع تلك النسخة.",
    "backups.confirm": "أؤكد: تعويض المعطيات الحالية بمعطيات هذه النسخة",
    "backups.confirm_needed": "يرجى تأشير خانة التأكيد للاسترجاع.",
    "backups.restore": "استرجاع",
    "backups.restored": "تم استرجاع النسخة {name}. المعطيات السابقة محفوظة في {before}.",
    "backups.reason.manual": "بطلب",
    "backups.reason.day": "بداية اليوم",
    "backups.reason.round_opened": "فتح جولة تصويت",
    "backups.reason.round_closed": "إغلاق جولة تصويت",
    "backups.reason.import": "قبل استيراد",
    "backups.reason.restore": "قبل استرجاع",
    "backups.reason.migration": "قبل تحديث",
}
