"""The demo content: what the seed article (shared/seed/2015-09-29-ipi-high-level-
dialogue.txt) describes, plus the public record it points to. Facts (names, dates,
document symbols) are public record; every summary is written in our own words.

Where the article does not name a person (the foreign ministers, the high-level
representatives), the participation records the state and the level only: we do
not guess who sat at the table.
"""

from datetime import UTC, date, datetime

ORGANIZATIONS = [
    # slug, name, acronym, kind, parent slug, website, description
    (
        "united-nations",
        "United Nations",
        "UN",
        "un_body",
        None,
        "https://www.un.org",
        "The intergovernmental organization of 193 member states founded in 1945.",
    ),
    (
        "un-secretariat",
        "United Nations Secretariat",
        "",
        "un_body",
        "united-nations",
        "",
        "The UN's staff, headed by the Secretary-General, who carry out the day-to-day work "
        "the other organs mandate.",
    ),
    (
        "executive-office-of-the-secretary-general",
        "Executive Office of the Secretary-General",
        "EOSG",
        "un_body",
        "un-secretariat",
        "",
        "The office that supports the Secretary-General and issues his reports.",
    ),
    (
        "secretary-general",
        "Secretary-General of the United Nations",
        "",
        "un_body",
        "un-secretariat",
        "https://www.un.org/sg/en",
        "The UN's chief administrative officer, appointed by the General Assembly on the "
        "Security Council's recommendation; the reports to both on peace operations are his.",
    ),
    (
        "dpko",
        "Department of Peacekeeping Operations",
        "DPKO",
        "un_body",
        "un-secretariat",
        "",
        "The Secretariat department that planned and directed UN peacekeeping operations "
        "until the 2019 reform of the peace and security pillar.",
    ),
    (
        "security-council",
        "United Nations Security Council",
        "UNSC",
        "un_body",
        "united-nations",
        "",
        "The organ that mandates UN peace operations.",
    ),
    (
        "general-assembly",
        "United Nations General Assembly",
        "UNGA",
        "un_body",
        "united-nations",
        "",
        "The organ of all member states, which approves the budgets of peace operations.",
    ),
    (
        "panel-on-united-nations-peace-operations",
        "Panel on United Nations Peace Operations",
        "",
        "un_panel",
        "united-nations",
        "",
        "The panel Secretary-General Kofi Annan convened in March 2000, chaired by Lakhdar "
        "Brahimi, to review UN peace operations after the failures of the 1990s; it reported "
        "in August 2000.",
    ),
    (
        "hippo",
        "High-Level Independent Panel on Peace Operations",
        "HIPPO",
        "un_panel",
        "united-nations",
        "",
        "The panel the Secretary-General appointed in 2014, chaired by José Ramos-Horta, to "
        "review UN peace operations; it reported in June 2015.",
    ),
    (
        "ipi",
        "International Peace Institute",
        "IPI",
        "think_tank",
        None,
        "https://www.ipinst.org",
        "An independent, non-profit policy institute in New York that works on the prevention "
        "and settlement of conflicts.",
    ),
    (
        "ipi-brian-urquhart-center",
        "Brian Urquhart Center for Peace Operations",
        "",
        "think_tank",
        "ipi",
        "",
        "IPI's centre for research and dialogue on peace operations, which launched this "
        "knowledge platform in September 2015.",
    ),
    (
        "african-union",
        "African Union",
        "AU",
        "regional",
        None,
        "https://au.int",
        "The union of African states, a key regional partner of UN peace operations.",
    ),
]

# Other names of some organizations ("also known as"), one per line.
ORGANIZATION_OTHER_NAMES = {
    "panel-on-united-nations-peace-operations": "Brahimi panel",
    "hippo": "Ramos-Horta panel\nHigh-level Independent Panel on Peace Operations",
}

TOPICS = [
    # slug, name, parent slug, description
    (
        "prevention-and-political-solutions",
        "Prevention and political solutions",
        None,
        "Preventing conflict and pursuing political settlements as the basis of lasting peace.",
    ),
    (
        "protection-of-civilians",
        "Protection of civilians",
        None,
        "How peace operations protect people under threat of physical violence.",
    ),
    (
        "accountability",
        "Accountability",
        None,
        "Holding missions, personnel and contributing states to account for conduct and results.",
    ),
    (
        "sexual-exploitation-and-abuse",
        "Sexual exploitation and abuse",
        "accountability",
        "Preventing sexual exploitation and abuse by peacekeepers, and responding when it happens.",
    ),
    (
        "women-peace-and-security",
        "Women, peace and security",
        None,
        "The role of women at all levels and stages of peace processes.",
    ),
    (
        "gender-sensitive-peacekeeping",
        "Gender-sensitive peacekeeping",
        "women-peace-and-security",
        "Forces and missions organised with gender in mind.",
    ),
    (
        "regional-partnerships",
        "Regional partnerships",
        None,
        "Cooperation between the UN and regional organizations such as the African Union.",
    ),
    (
        "planning-and-rapid-deployment",
        "Planning and rapid deployment",
        None,
        "Planning missions well and getting capable people and equipment to the field quickly.",
    ),
    (
        "mandates-and-exit-strategies",
        "Mandates and exit strategies",
        None,
        "Clear, realistic and sequenced mandates, and plans for how missions end.",
    ),
    (
        "capabilities",
        "Capabilities for peace operations",
        None,
        "The troops, police, equipment and skills missions need to meet new challenges.",
    ),
]

PEOPLE = [
    # slug, name, sort name, honorific, biography, positions
    # (title, organization slug, member state iso3, started, ended)
    (
        "terje-rod-larsen",
        "Terje Rød-Larsen",
        "Rød-Larsen, Terje",
        "Mr.",
        "Norwegian diplomat; President of the International Peace Institute at the time of "
        "the 2015 dialogue.",
        [("President", "ipi", None, None, None)],
    ),
    (
        "herve-ladsous",
        "Hervé Ladsous",
        "Ladsous, Hervé",
        "Mr.",
        "French diplomat who headed the UN Department of Peacekeeping Operations from 2011 "
        "to 2017.",
        [("Under-Secretary-General for Peacekeeping Operations", "dpko", None, None, None)],
    ),
    (
        "ban-ki-moon",
        "Ban Ki-moon",
        "Ban Ki-moon",
        "Mr.",
        "Eighth Secretary-General of the United Nations.",
        [
            (
                "Secretary-General of the United Nations",
                "united-nations",
                None,
                date(2007, 1, 1),
                date(2016, 12, 31),
            )
        ],
    ),
    (
        "jose-ramos-horta",
        "José Ramos-Horta",
        "Ramos-Horta, José",
        "Mr.",
        "Timorese statesman and Nobel Peace laureate who chaired the High-Level Independent "
        "Panel on Peace Operations.",
        [("Chair", "hippo", None, None, None)],
    ),
]

SERIES = {
    "slug": "ipi-high-level-dialogue-on-un-peacekeeping",
    "name": "High-Level Dialogue on United Nations Peacekeeping Operations",
    "organizer": "ipi",
    "description": "A yearly working dinner at IPI in New York where foreign ministers and "
    "senior UN officials discuss peace operations during the opening weeks of the "
    "General Assembly.",
}

DIALOGUE_SLUG = "2015-uniting-our-strengths-for-peace"
SUMMIT_SLUG = "2015-leaders-summit-on-peacekeeping"

EVENTS = [
    {
        "slug": SUMMIT_SLUG,
        "title": "Leaders' Summit on Peacekeeping",
        "also_known_as": "Peacekeeping Summit\n2015 Leaders' Summit on Peacekeeping",
        "kind": "summit",
        "starts_on": date(2015, 9, 28),
        "venue": "United Nations Headquarters",
        "city": "New York",
        "country": "USA",
        "summary": "Heads of state and government met at UN Headquarters, on the margins of "
        "the General Assembly, to pledge troops, police and equipment so that UN peace "
        "operations could take on new challenges.",
        "body": "",
        "chatham_house_rule": False,
        "topics": ["capabilities", "planning-and-rapid-deployment"],
        "participations": [
            # Co-chaired by nine member states and the Secretary-General (the summit's
            # joint statement, 28 September 2015); convened by the President of the United
            # States. Who spoke for each of the others is not recorded here.
            {"member_state": "USA", "role": "co_host", "level": "head_of_state"},
            *(
                {"member_state": iso3, "role": "co_host"}
                for iso3 in ["BGD", "ETH", "IDN", "JPN", "NLD", "PAK", "RWA", "URY"]
            ),
            {
                "person": "ban-ki-moon",
                "role": "co_host",
                "level": "un_senior",
                "title": "Secretary-General of the United Nations",
            },
        ],
    },
    {
        "slug": DIALOGUE_SLUG,
        "title": "Uniting Our Strengths for Peace: A High-Level Dialogue on United Nations "
        "Peacekeeping Operations",
        "also_known_as": "IPI high-level dialogue on peacekeeping 2015",
        "kind": "working_dinner",
        "series": True,
        "edition": 3,
        "starts_on": date(2015, 9, 29),
        "venue": "International Peace Institute",
        "city": "New York",
        "country": "USA",
        "summary": "More than thirty foreign ministers and senior officials, with the head of "
        "UN peacekeeping, met over dinner at IPI to talk frankly about what holds UN peace "
        "operations back and how to fix it. IPI's Brian Urquhart Center for Peace Operations "
        "used the occasion to launch this knowledge platform.",
        "body": "The third edition of IPI's yearly dialogue came a day after the Leaders' "
        "Summit on Peacekeeping and a few weeks after the Secretary-General answered the "
        "High-Level Independent Panel on Peace Operations. Participants backed both reports. "
        "They agreed that missions need new capabilities, but that prevention and political "
        "settlements matter most for a peace that lasts.\n\n"
        "The discussion turned to better planning and faster deployment, including through "
        "partnerships with regional organizations such as the African Union; to mandates that "
        "are clear and achievable and come with a way out; to the protection of civilians, "
        "with reference to the Kigali Principles; to preventing sexual exploitation and abuse "
        "and to accountability in general; and to the place of women at every level and "
        "stage of peace processes, including in gender-sensitive forces.\n\n"
        "The evening closed on one shared conclusion: putting the recommendations of the two "
        "reports into practice is a collective task.",
        "chatham_house_rule": True,
        "topics": [
            "prevention-and-political-solutions",
            "capabilities",
            "planning-and-rapid-deployment",
            "regional-partnerships",
            "mandates-and-exit-strategies",
            "protection-of-civilians",
            "sexual-exploitation-and-abuse",
            "accountability",
            "women-peace-and-security",
            "gender-sensitive-peacekeeping",
        ],
        "participations": [
            {
                "person": "terje-rod-larsen",
                "organization": "ipi",
                "role": "co_host",
                "level": "head_of_organization",
                "title": "President, International Peace Institute",
            },
            *(
                {
                    "member_state": iso3,
                    "role": "co_host",
                    "level": "foreign_minister",
                    "title": "Minister for Foreign Affairs",
                }
                for iso3 in ["FIN", "IDN", "RWA", "URY"]
            ),
            {
                "person": "herve-ladsous",
                "organization": "dpko",
                "role": "participant",
                "level": "un_senior",
                "title": "Under-Secretary-General for Peacekeeping Operations",
            },
            *(
                {
                    "member_state": iso3,
                    "role": "participant",
                    "level": "foreign_minister",
                    "title": "Minister for Foreign Affairs",
                }
                for iso3 in ["GHA", "SVK", "MNG", "MAR", "NLD", "GTM"]
            ),
            # "High-level representatives" of twenty more states, in the article's order.
            *(
                {"member_state": iso3, "role": "participant", "level": "high_level"}
                for iso3 in [
                    "PAK",
                    "EGY",
                    "ETH",
                    "TUR",
                    "DEU",
                    "CAN",
                    "USA",
                    "RUS",
                    "BGD",
                    "DNK",
                    "FRA",
                    "BRA",
                    "POL",
                    "AUT",
                    "MEX",
                    "GBR",
                    "JPN",
                    "KOR",
                    "NOR",
                    "ESP",
                ]
            ),
        ],
    },
]

HIPPO_SLUG = "hippo-report-uniting-our-strengths-for-peace"
BRAHIMI_SLUG = "brahimi-report-panel-on-united-nations-peace-operations"
SG_REPORT_SLUG = "future-of-un-peace-operations-sg-report"
KIGALI_SLUG = "kigali-principles-on-the-protection-of-civilians"

REPORTS = [
    {
        "slug": HIPPO_SLUG,
        "title": "Uniting our strengths for peace: politics, partnership and people",
        # The panel's own name (A/70/95, its cover), not "… on United Nations Peace Operations".
        "subtitle": "Report of the High-level Independent Panel on Peace Operations",
        "also_known_as": "HIPPO report\nHIPPO",
        "kind": "panel_report",
        "symbols": ["A/70/95", "S/2015/446"],
        "published_on": date(2015, 6, 17),
        "authors": ["hippo"],
        "summary": "The first comprehensive review of UN peace operations in fifteen years. "
        "The panel argues that politics, not military might, must lead; that the whole range "
        "of peace operations should be used flexibly to fit each situation; that the UN "
        "needs stronger partnerships, above all with regional organizations; and that the "
        "Secretariat should serve the field and missions serve people.",
        "body": "The panel was set up by the Secretary-General in 2014 and chaired by "
        "José Ramos-Horta. It looked at peacekeeping and special political missions together "
        "and called for four essential shifts in how they are conceived and run. Its "
        "recommendations range from conflict prevention and mediation, through the protection "
        "of civilians, the use of force and the speed of deployment, to the prevention of "
        "sexual exploitation and abuse and the way missions are mandated, financed and "
        "supported.",
        "topics": [
            "prevention-and-political-solutions",
            "protection-of-civilians",
            "regional-partnerships",
            "planning-and-rapid-deployment",
            "mandates-and-exit-strategies",
            "sexual-exploitation-and-abuse",
            "accountability",
            "women-peace-and-security",
        ],
        "events": [DIALOGUE_SLUG],
        "documents": [("en", "https://undocs.org/en/A/70/95")],
    },
    {
        "slug": SG_REPORT_SLUG,
        "title": "The future of United Nations peace operations: implementation of the "
        "recommendations of the High-level Independent Panel on Peace Operations",
        "subtitle": "Report of the Secretary-General",
        "also_known_as": "Secretary-General's implementation report\n"
        "The future of United Nations peace operations",
        "kind": "un_report",
        "symbols": ["A/70/357", "S/2015/682"],
        "published_on": date(2015, 9, 2),
        # A report of the Secretary-General (A/70/357, its cover), not of his office.
        "authors": ["secretary-general"],
        "summary": "The Secretary-General's answer to the panel: which of its recommendations "
        "he will carry out within his own authority, and which need member states, the "
        "Security Council or the General Assembly. He groups them under three headings: a "
        "renewed focus on prevention and mediation, stronger regional and global partnerships, "
        "and new ways of planning and conducting operations so that they are faster, more "
        "responsive and more accountable.",
        "body": "",
        "topics": [
            "prevention-and-political-solutions",
            "regional-partnerships",
            "planning-and-rapid-deployment",
            "accountability",
        ],
        "events": [DIALOGUE_SLUG],
        "documents": [("en", "https://undocs.org/en/A/70/357")],
    },
    {
        "slug": KIGALI_SLUG,
        "title": "The Kigali Principles on the Protection of Civilians",
        "subtitle": "",
        "also_known_as": "Kigali Principles",
        "kind": "declaration",
        "symbols": [],
        "published_on": date(2015, 5, 29),
        "authors": [],
        "summary": "A set of voluntary pledges for countries that send troops and police to "
        "peace operations, agreed at a conference in Kigali hosted by Rwanda: to be ready to "
        "use force to protect civilians when the mandate allows, to train and equip forces "
        "for it, and not to let national caveats stand in the way.",
        "body": "",
        "topics": ["protection-of-civilians"],
        "member_states": ["RWA"],
        "events": [DIALOGUE_SLUG],
        "documents": [],
    },
    {
        "slug": BRAHIMI_SLUG,
        "title": "Report of the Panel on United Nations Peace Operations",
        "subtitle": "",
        "also_known_as": "Brahimi report",
        "kind": "panel_report",
        "symbols": ["A/55/305", "S/2000/809"],
        "published_on": date(2000, 8, 21),
        "authors": ["panel-on-united-nations-peace-operations"],
        "summary": "The review that set the terms of UN peacekeeping for the next fifteen "
        "years. Written after the missions that failed to protect people in Rwanda and "
        "Srebrenica, it asks for mandates that are clear, credible and achievable, forces "
        "able to defend themselves and their mandate, deployment within 30 days (90 for "
        "complex operations), and a Secretariat with the people to plan and support them.",
        "body": "",
        "topics": [
            "planning-and-rapid-deployment",
            "mandates-and-exit-strategies",
            "protection-of-civilians",
            "capabilities",
        ],
        "events": [],
        "documents": [("en", "https://undocs.org/en/A/55/305")],
    },
]

RELATIONS = [(SG_REPORT_SLUG, "responds_to", HIPPO_SLUG, "")]

SG_RESPONSE = (
    "The Secretary-General's implementation report (A/70/357–S/2015/682) takes up this "
    "recommendation and sets out the steps he intends to take."
)

# A handful of the panel's recommendations, summarised. The panel framed its report
# around four essential shifts; the remaining entries name the section they summarise.
# "responsible": the bodies (organization slugs) a recommendation asks to act.
RECOMMENDATIONS = [
    {
        "label": "Shift 1",
        "title": "Politics must drive the design and implementation of peace operations",
        "text": "Lasting peace comes through political solutions, not military or technical "
        "engagement alone; every mission should be built around, and judged by, the political "
        "process it supports.",
        "topics": ["prevention-and-political-solutions"],
        "responsible": ["security-council", "un-secretariat"],
    },
    {
        "label": "Shift 2",
        "title": "Use the full spectrum of peace operations flexibly",
        "text": "Stop treating peacekeeping operations and special political missions as "
        "separate categories; tailor each operation to the situation and let it change as "
        "the situation does.",
        "topics": ["mandates-and-exit-strategies"],
        "responsible": ["security-council", "un-secretariat"],
    },
    {
        "label": "Shift 3",
        "title": "A stronger, more inclusive peace and security partnership",
        "text": "Build a global and regional partnership, with the African Union and other "
        "regional organizations, for the challenges no single organization can meet alone.",
        "topics": ["regional-partnerships"],
        "responsible": ["un-secretariat", "african-union"],
    },
    {
        "label": "Shift 4",
        "title": "A field-focused Secretariat and people-centred operations",
        "text": "Make headquarters serve missions in the field, and make missions serve, "
        "listen to and answer to the people they are there to help.",
        "topics": ["accountability"],
        "responsible": ["un-secretariat"],
    },
    {
        "label": "Protection of civilians",
        "title": "Protecting civilians is a core obligation",
        "text": "Treat the protection of civilians as a task for the whole mission and the "
        "whole UN system, using unarmed as well as armed approaches, and be clear with people "
        "about what a mission can and cannot do.",
        "topics": ["protection-of-civilians"],
        "responsible": ["security-council", "un-secretariat"],
    },
    {
        "label": "Sexual exploitation and abuse",
        "title": "Prevent sexual exploitation and abuse and hold perpetrators to account",
        "text": "Strengthen prevention, make contributing countries and the UN answer for "
        "allegations against their personnel, and put victims' needs first.",
        "topics": ["sexual-exploitation-and-abuse", "accountability"],
        "responsible": ["un-secretariat", "general-assembly"],
    },
]

# The Secretary-General's report answers the panel under three headings (its summary
# above); each heading is recorded as one item, labelled by the heading, linked to
# the panel recommendations it takes up.
SG_RESPONSES = [
    {
        "label": "Prevention and mediation",
        "title": "A renewed focus on prevention and mediation",
        "text": "The Secretary-General commits to put conflict prevention and political "
        "solutions first, and asks member states and the Security Council to back that "
        "focus with attention and resources.",
        "topics": ["prevention-and-political-solutions"],
        "responsible": ["executive-office-of-the-secretary-general", "security-council"],
        "responds_to": ["Shift 1"],
    },
    {
        "label": "Partnerships",
        "title": "Stronger regional and global partnerships",
        "text": "Deepen the partnership with the African Union and other regional "
        "organizations, from joint analysis and planning to predictable support for "
        "operations they lead.",
        "topics": ["regional-partnerships"],
        "responsible": ["un-secretariat", "african-union"],
        "responds_to": ["Shift 3"],
    },
    {
        "label": "Planning and conduct",
        "title": "New ways of planning and conducting peace operations",
        "text": "Plan operations so that they fit each situation and can change with it, "
        "deploy them faster, make them protect civilians better, and hold personnel to "
        "account, including for sexual exploitation and abuse.",
        "topics": [
            "planning-and-rapid-deployment",
            "protection-of-civilians",
            "sexual-exploitation-and-abuse",
        ],
        "responsible": ["un-secretariat"],
        "responds_to": [
            "Shift 2",
            "Shift 4",
            "Protection of civilians",
            "Sexual exploitation and abuse",
        ],
    },
]

RECOMMENDATION_UPDATES = [
    # panel recommendation label, implementation status, date, summary,
    # source report slug (or None), source link
    *[
        (label, "in_progress", date(2015, 9, 2), SG_RESPONSE, SG_REPORT_SLUG, "")
        for label in [
            "Shift 1",
            "Shift 3",
            "Protection of civilians",
            "Sexual exploitation and abuse",
        ]
    ],
    (
        "Sexual exploitation and abuse",
        "in_progress",
        date(2016, 3, 11),
        "The Security Council's first resolution on the subject, 2272 (2016), backs the "
        "Secretary-General's decision to send home a military or police unit where there "
        "is credible evidence of widespread or systemic sexual exploitation and abuse.",
        None,
        "https://undocs.org/S/RES/2272(2016)",
    ),
    (
        "Shift 4",
        "in_progress",
        date(2017, 12, 20),
        "The General Assembly takes note of the Secretary-General's proposals to "
        "restructure the Secretariat's peace and security pillar and asks him for a fuller "
        "report before deciding (resolution 72/199).",
        None,
        "https://undocs.org/A/RES/72/199",
    ),
    (
        "Shift 4",
        "in_progress",
        date(2018, 7, 5),
        "The General Assembly endorses the restructuring of the peace and security pillar "
        "(resolution 72/262 C), which takes effect on 1 January 2019.",
        None,
        "https://undocs.org/A/RES/72/262C",
    ),
]

# The public corrections log: each fact the demo once got wrong, as a curator would have
# logged its fix (on 6 December 2026, checked against the public record, issue 30).
# (kind, key, note): a report or event by slug, a member state by ISO3, a recommendation
# by (report slug, label).
CORRECTED_ON = datetime(2026, 12, 6, 2, 47, tzinfo=UTC)
CORRECTIONS = [
    (
        "report",
        HIPPO_SLUG,
        "The subtitle named the “High-Level Independent Panel on United Nations Peace "
        "Operations”; the panel's own name, on the report's cover, is the “High-level "
        "Independent Panel on Peace Operations”.",
    ),
    (
        "report",
        SG_REPORT_SLUG,
        "We credited the report to the Executive Office of the Secretary-General; its "
        "author is the Secretary-General.",
    ),
    (
        "event",
        SUMMIT_SLUG,
        "We recorded the United States alone as host; the Summit was co-chaired by "
        "Bangladesh, Ethiopia, Indonesia, Japan, the Netherlands, Pakistan, Rwanda, Uruguay "
        "and the United States, with the Secretary-General.",
    ),
    (
        "member_state",
        "LBY",
        "The official name read “Libya”; it is “State of Libya”.",
    ),
    (
        "member_state",
        "GUY",
        "The official name read “Republic of Guyana”; it is “Co-operative Republic of Guyana”.",
    ),
    (
        "recommendation",
        (HIPPO_SLUG, "Shift 4"),
        "An update of 20 December 2017 said the General Assembly endorsed the "
        "restructuring in resolution 72/199; that resolution took note of it and asked for "
        "a fuller report. The endorsement came in resolution 72/262 C of 5 July 2018, now "
        "an update of its own.",
    ),
]

# Mandate history, from the Security Council's resolutions (the public record): an
# operation's acronym, the symbol, the day it was adopted, the kind of change, the tasks
# by topic, and a note in our own words. Only resolutions whose facts we could check.
MANDATES = [
    (
        "MINUSMA",
        "S/RES/2100 (2013)",
        date(2013, 4, 25),
        "establish",
        ["protection-of-civilians", "prevention-and-political-solutions"],
        "Set up the mission to take over from the African-led force (AFISMA) on 1 July "
        "2013: stabilising population centres, supporting the transitional roadmap and "
        "elections, protecting civilians and monitoring human rights.",
    ),
    (
        "MINUSMA",
        "S/RES/2690 (2023)",
        date(2023, 6, 30),
        "end",
        ["mandates-and-exit-strategies"],
        "Ended the mandate on 30 June 2023 at the request of Mali's transitional "
        "authorities and set the withdrawal to be completed by 31 December 2023.",
    ),
]
