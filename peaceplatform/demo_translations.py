"""The demo content in French (issue 28): every translated field of what
demo_content.py lists, loaded by `load_demo` into the `…_fr` columns
(core/translations.py).

Where the United Nations published a French title, it is used as published: the
reports' titles (A/70/95, A/70/357, A/55/305), the bodies' and organs' names (the
Département des opérations de maintien de la paix, the Cabinet du Secrétaire général)
and the posts (Secrétaire général adjoint aux opérations de maintien de la paix).
Everything else — summaries, descriptions, the recommendations as we summarise them —
is the platform's own French, written for it as the English is, and never presented
as an official translation. No text here is a machine translation.
"""

from peaceplatform import demo_content as content

ORGANIZATIONS = {
    # slug: (name, description)
    "united-nations": (
        "Organisation des Nations Unies",
        "L'organisation intergouvernementale de 193 États Membres fondée en 1945.",
    ),
    "un-secretariat": (
        "Secrétariat de l'Organisation des Nations Unies",
        "Le personnel de l'ONU, dirigé par le Secrétaire général, qui mène au quotidien le "
        "travail que lui confient les autres organes.",
    ),
    "executive-office-of-the-secretary-general": (
        "Cabinet du Secrétaire général",
        "Le bureau qui appuie le Secrétaire général et publie ses rapports.",
    ),
    "secretary-general": (
        "Secrétaire général de l'Organisation des Nations Unies",
        "Le plus haut fonctionnaire de l'ONU, nommé par l'Assemblée générale sur "
        "recommandation du Conseil de sécurité ; c'est lui qui présente aux deux organes les "
        "rapports sur les opérations de paix.",
    ),
    "dpko": (
        "Département des opérations de maintien de la paix",
        "Le département du Secrétariat qui a planifié et dirigé les opérations de maintien de "
        "la paix des Nations Unies jusqu'à la réforme du pilier paix et sécurité de 2019.",
    ),
    "security-council": (
        "Conseil de sécurité des Nations Unies",
        "L'organe qui confie leur mandat aux opérations de paix des Nations Unies.",
    ),
    "general-assembly": (
        "Assemblée générale des Nations Unies",
        "L'organe où siègent tous les États Membres, qui approuve le budget des opérations "
        "de paix.",
    ),
    "panel-on-united-nations-peace-operations": (
        "Groupe d'étude sur les opérations de paix de l'Organisation des Nations Unies",
        "Le groupe que le Secrétaire général Kofi Annan a réuni en mars 2000, présidé par "
        "Lakhdar Brahimi, pour examiner les opérations de paix de l'ONU après les échecs des "
        "années 1990 ; il a rendu son rapport en août 2000.",
    ),
    "hippo": (
        "Groupe indépendant de haut niveau chargé d'étudier les opérations de paix",
        "Le groupe nommé par le Secrétaire général en 2014 et présidé par José Ramos-Horta "
        "pour examiner les opérations de paix des Nations Unies ; il a rendu son rapport en "
        "juin 2015.",
    ),
    "ipi": (
        "Institut international pour la paix",
        "Un institut de recherche indépendant et sans but lucratif, établi à New York, qui "
        "travaille à la prévention et au règlement des conflits.",
    ),
    "ipi-brian-urquhart-center": (
        "Centre Brian Urquhart pour les opérations de paix",
        "Le centre de recherche et de dialogue de l'IPI consacré aux opérations de paix, qui "
        "a lancé cette plateforme de connaissances en septembre 2015.",
    ),
    "african-union": (
        "Union africaine",
        "L'union des États africains, partenaire régional essentiel des opérations de paix "
        "des Nations Unies.",
    ),
}

TOPICS = {
    # slug: (name, description)
    "prevention-and-political-solutions": (
        "Prévention et solutions politiques",
        "Prévenir les conflits et rechercher des règlements politiques, fondement d'une paix "
        "durable.",
    ),
    "protection-of-civilians": (
        "Protection des civils",
        "Comment les opérations de paix protègent les personnes menacées de violences physiques.",
    ),
    "accountability": (
        "Responsabilité",
        "Faire répondre les missions, leur personnel et les États contributeurs de leur "
        "conduite et de leurs résultats.",
    ),
    "sexual-exploitation-and-abuse": (
        "Exploitation et atteintes sexuelles",
        "Prévenir l'exploitation et les atteintes sexuelles commises par des membres du "
        "personnel de maintien de la paix, et y répondre lorsqu'elles se produisent.",
    ),
    "women-peace-and-security": (
        "Les femmes et la paix et la sécurité",
        "La place des femmes à tous les niveaux et à toutes les étapes des processus de paix.",
    ),
    "gender-sensitive-peacekeeping": (
        "Maintien de la paix tenant compte des questions de genre",
        "Des forces et des missions organisées en tenant compte des questions de genre.",
    ),
    "regional-partnerships": (
        "Partenariats régionaux",
        "La coopération entre l'ONU et les organisations régionales comme l'Union africaine.",
    ),
    "planning-and-rapid-deployment": (
        "Planification et déploiement rapide",
        "Bien planifier les missions et acheminer vite sur le terrain le personnel et le "
        "matériel nécessaires.",
    ),
    "mandates-and-exit-strategies": (
        "Mandats et stratégies de sortie",
        "Des mandats clairs, réalistes et échelonnés, et des plans pour la fin des missions.",
    ),
    "capabilities": (
        "Capacités des opérations de paix",
        "Les troupes, la police, le matériel et les compétences dont les missions ont besoin "
        "pour faire face aux nouveaux défis.",
    ),
}

# The titles of posts and of participants, as stated in English: their French.
TITLES = {
    "President": "Président",
    "President, International Peace Institute": "Président de l'Institut international pour "
    "la paix",
    "Under-Secretary-General for Peacekeeping Operations": "Secrétaire général adjoint aux "
    "opérations de maintien de la paix",
    "Secretary-General of the United Nations": "Secrétaire général de l'Organisation des "
    "Nations Unies",
    "Chair": "Président",
    "Minister for Foreign Affairs": "Ministre des affaires étrangères",
}

EVENTS = {
    content.SUMMIT_SLUG: {
        "title": "Sommet des dirigeants sur le maintien de la paix",
        "summary": "Des chefs d'État et de gouvernement se sont réunis au Siège de l'ONU, en "
        "marge de l'Assemblée générale, pour annoncer des contributions en troupes, en "
        "police et en matériel afin que les opérations de paix des Nations Unies puissent "
        "relever de nouveaux défis.",
        "body": "",
    },
    content.DIALOGUE_SLUG: {
        "title": "Unissons nos forces pour la paix : un dialogue de haut niveau sur les "
        "opérations de maintien de la paix des Nations Unies",
        "summary": "Plus de trente ministres des affaires étrangères et hauts responsables, "
        "avec le chef des opérations de maintien de la paix de l'ONU, se sont réunis autour "
        "d'un dîner à l'IPI pour parler franchement de ce qui freine les opérations de paix "
        "des Nations Unies et de la manière d'y remédier. Le Centre Brian Urquhart pour les "
        "opérations de paix de l'IPI a saisi l'occasion pour lancer cette plateforme de "
        "connaissances.",
        "body": "La troisième édition du dialogue annuel de l'IPI s'est tenue au lendemain du "
        "Sommet des dirigeants sur le maintien de la paix, quelques semaines après la réponse "
        "du Secrétaire général au Groupe indépendant de haut niveau chargé d'étudier les "
        "opérations de paix. Les participants ont soutenu les deux rapports. Ils sont "
        "convenus que les missions ont besoin de nouvelles capacités, mais que la prévention "
        "et les règlements politiques comptent le plus pour une paix qui dure.\n\n"
        "La discussion a porté sur une meilleure planification et un déploiement plus "
        "rapide, notamment grâce aux partenariats avec des organisations régionales comme "
        "l'Union africaine ; sur des mandats clairs et réalisables, assortis d'une "
        "stratégie de sortie ; sur la protection des civils, en référence aux Principes de "
        "Kigali ; sur la prévention de l'exploitation et des atteintes sexuelles et sur la "
        "responsabilité en général ; et sur la place des femmes à tous les niveaux et à "
        "toutes les étapes des processus de paix, y compris dans des forces tenant compte "
        "des questions de genre.\n\n"
        "La soirée s'est achevée sur une conclusion partagée : mettre en œuvre les "
        "recommandations des deux rapports est une tâche collective.",
    },
}

REPORTS = {
    content.HIPPO_SLUG: {
        # The report's French title as the UN published it (A/70/95).
        "title": "Unissons nos forces pour la paix : privilégier la politique, les "
        "partenariats et l'action en faveur des populations",
        "subtitle": "Rapport du Groupe indépendant de haut niveau chargé d'étudier les "
        "opérations de paix",
        "summary": "Le premier examen d'ensemble des opérations de paix des Nations Unies "
        "depuis quinze ans. Le Groupe soutient que la politique, et non la force militaire, "
        "doit primer ; que toute la gamme des opérations de paix doit être employée avec "
        "souplesse, selon chaque situation ; que l'ONU a besoin de partenariats plus solides, "
        "avant tout avec les organisations régionales ; et que le Secrétariat doit servir le "
        "terrain, et les missions servir les populations.",
        "body": "Le Groupe a été créé par le Secrétaire général en 2014 et présidé par José "
        "Ramos-Horta. Il a examiné ensemble les opérations de maintien de la paix et les "
        "missions politiques spéciales, et appelé à quatre changements essentiels dans la "
        "manière de les concevoir et de les conduire. Ses recommandations vont de la "
        "prévention des conflits et de la médiation, en passant par la protection des civils, "
        "l'emploi de la force et la rapidité du déploiement, jusqu'à la prévention de "
        "l'exploitation et des atteintes sexuelles et à la façon dont les missions sont "
        "mandatées, financées et appuyées.",
    },
    content.SG_REPORT_SLUG: {
        # The report's French title as the UN published it (A/70/357).
        "title": "L'avenir des opérations de paix des Nations Unies : application des "
        "recommandations du Groupe indépendant de haut niveau chargé d'étudier les "
        "opérations de paix",
        "subtitle": "Rapport du Secrétaire général",
        "summary": "La réponse du Secrétaire général au Groupe : les recommandations qu'il "
        "mettra en œuvre de sa propre autorité, et celles qui demandent l'action des États "
        "Membres, du Conseil de sécurité ou de l'Assemblée générale. Il les regroupe sous "
        "trois rubriques : un accent renouvelé sur la prévention et la médiation, des "
        "partenariats régionaux et mondiaux plus solides, et de nouvelles manières de "
        "planifier et de conduire les opérations pour qu'elles soient plus rapides, plus "
        "réactives et plus responsables.",
        "body": "",
    },
    content.KIGALI_SLUG: {
        # The principles' French title as published with them.
        "title": "Principes de Kigali sur la protection des civils",
        "subtitle": "",
        "summary": "Un ensemble d'engagements volontaires pour les pays qui fournissent des "
        "troupes et des policiers aux opérations de paix, adoptés lors d'une conférence "
        "accueillie par le Rwanda à Kigali : être prêts à employer la force pour protéger "
        "les civils lorsque le mandat le permet, former et équiper les forces à cette fin, et "
        "ne pas laisser les restrictions nationales y faire obstacle.",
        "body": "",
    },
    content.BRAHIMI_SLUG: {
        # The report's French title as the UN published it (A/55/305).
        "title": "Rapport du Groupe d'étude sur les opérations de paix de l'Organisation des "
        "Nations Unies",
        "subtitle": "",
        "summary": "L'examen qui a fixé le cadre du maintien de la paix des Nations Unies pour "
        "les quinze années suivantes. Rédigé après les missions qui n'avaient pas su "
        "protéger les populations au Rwanda et à Srebrenica, il demande des mandats clairs, "
        "crédibles et réalisables, des forces capables de se défendre et de défendre leur "
        "mandat, un déploiement en 30 jours (90 pour les opérations complexes) et un "
        "Secrétariat doté du personnel nécessaire pour les planifier et les appuyer.",
        "body": "",
    },
}

RECOMMENDATIONS = {
    # label (unique across the demo's two reports): (title, text)
    "Shift 1": (
        "La politique doit guider la conception et la mise en œuvre des opérations de paix",
        "Une paix durable passe par des solutions politiques, et non par le seul engagement "
        "militaire ou technique ; chaque mission doit être construite autour du processus "
        "politique qu'elle appuie, et jugée à son aune.",
    ),
    "Shift 2": (
        "Employer avec souplesse toute la gamme des opérations de paix",
        "Cesser de traiter les opérations de maintien de la paix et les missions politiques "
        "spéciales comme des catégories séparées ; adapter chaque opération à la situation "
        "et la faire évoluer avec elle.",
    ),
    "Shift 3": (
        "Un partenariat pour la paix et la sécurité plus solide et plus ouvert",
        "Bâtir un partenariat mondial et régional, avec l'Union africaine et d'autres "
        "organisations régionales, face aux défis qu'aucune organisation ne peut relever "
        "seule.",
    ),
    "Shift 4": (
        "Un Secrétariat tourné vers le terrain et des opérations centrées sur les populations",
        "Mettre le Siège au service des missions sur le terrain, et les missions au service "
        "des populations qu'elles sont venues aider : à leur écoute et comptables envers "
        "elles.",
    ),
    "Protection of civilians": (
        "Protéger les civils est une obligation fondamentale",
        "Faire de la protection des civils une tâche de toute la mission et de tout le "
        "système des Nations Unies, par des moyens non armés comme armés, et dire clairement "
        "aux populations ce qu'une mission peut et ne peut pas faire.",
    ),
    "Sexual exploitation and abuse": (
        "Prévenir l'exploitation et les atteintes sexuelles et en faire répondre les auteurs",
        "Renforcer la prévention, faire répondre les pays contributeurs et l'ONU des "
        "allégations visant leur personnel, et placer les besoins des victimes au premier "
        "plan.",
    ),
    "Prevention and mediation": (
        "Un accent renouvelé sur la prévention et la médiation",
        "Le Secrétaire général s'engage à donner la priorité à la prévention des conflits et "
        "aux solutions politiques, et demande aux États Membres et au Conseil de sécurité "
        "d'appuyer cette priorité par leur attention et leurs ressources.",
    ),
    "Partnerships": (
        "Des partenariats régionaux et mondiaux plus solides",
        "Approfondir le partenariat avec l'Union africaine et d'autres organisations "
        "régionales, de l'analyse et de la planification conjointes à un appui prévisible "
        "aux opérations qu'elles dirigent.",
    ),
    "Planning and conduct": (
        "De nouvelles manières de planifier et de conduire les opérations de paix",
        "Planifier les opérations pour qu'elles s'adaptent à chaque situation et évoluent "
        "avec elle, les déployer plus vite, les rendre plus efficaces dans la protection des "
        "civils, et faire répondre le personnel de ses actes, y compris en matière "
        "d'exploitation et d'atteintes sexuelles.",
    ),
}

# The implementation updates' summaries, by their English text.
UPDATES = {
    content.SG_RESPONSE: "Le rapport du Secrétaire général sur la mise en œuvre "
    "(A/70/357–S/2015/682) reprend cette recommandation et expose les mesures qu'il entend "
    "prendre.",
    content.RECOMMENDATION_UPDATES[4][3]: "La première résolution du Conseil de sécurité sur "
    "la question, la résolution 2272 (2016), appuie la décision du Secrétaire général de "
    "rapatrier une unité militaire ou de police lorsqu'il existe des preuves crédibles "
    "d'exploitation et d'atteintes sexuelles généralisées ou systématiques.",
    content.RECOMMENDATION_UPDATES[5][3]: "L'Assemblée générale prend note des propositions "
    "du Secrétaire général visant à restructurer le pilier paix et sécurité du Secrétariat "
    "et lui demande un rapport plus complet avant de se prononcer (résolution 72/199).",
    content.RECOMMENDATION_UPDATES[6][3]: "L'Assemblée générale approuve la restructuration "
    "du pilier paix et sécurité (résolution 72/262 C), qui prend effet le 1er janvier 2019.",
}
