"""The records and the judged queries of the quality set (the releases are in releases.txt).

Queries are typed as people type them: hamza and teh marbuta left out, alef
maqsura as yeh, with or without the article, with clitics, plurals,
acronyms, names with or without honorifics, and digits in either script.
Each query lists the releases a reader would want for it. Some queries are
known to miss (a broken plural or a synonym the analyzer has no way to
know); they stay in, because the figures must say how search does on what
people type, not on what it was built for.
"""

ORGANISATIONS = {
    "unicef": ("منظمة الأمم المتحدة للطفولة", "اليونيسف", "United Nations Children's Fund", "UNICEF"),
    "who": ("منظمة الصحة العالمية", "", "World Health Organization", "WHO"),
    "unhcr": ("المفوضية السامية للأمم المتحدة لشؤون اللاجئين", "", "UN High Commissioner for Refugees", "UNHCR"),
    "unesco": ("منظمة الأمم المتحدة للتربية والعلم والثقافة", "اليونسكو", "UN Educational, Scientific and Cultural Organization", "UNESCO"),
    "wfp": ("برنامج الأغذية العالمي", "", "World Food Programme", "WFP"),
    "interpol": ("المنظمة الدولية للشرطة الجنائية", "الإنتربول", "International Criminal Police Organization", "INTERPOL"),
    "unoct": ("مكتب الأمم المتحدة لمكافحة الإرهاب", "", "UN Office of Counter-Terrorism", "UNOCT"),
    "unrwa": ("وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين", "الأونروا", "UN Relief and Works Agency for Palestine Refugees", "UNRWA"),
    "mission": ("البعثة الدائمة", "", "Permanent Mission", ""),
}

# slug: (honorific ar, name ar, honorific en, name en, post ar, post en)
SPEAKERS = {
    "maryam-al-obaidli": ("سعادة السفيرة", "مريم خالد العبيدلي", "H.E. Ambassador", "Maryam Khalid Al-Obaidli",
                          "المندوبة الدائمة", "Permanent Representative"),
    "abdulrahman-al-kuwari": ("سعادة الشيخ", "عبدالرحمن بن جاسم الكواري", "H.E. Sheikh", "Abdulrahman bin Jassim Al-Kuwari",
                              "نائب المندوب الدائم", "Deputy Permanent Representative"),
    "hind-al-muhairi": ("الدكتورة", "هند سالم المهيري", "Dr.", "Hind Salem Al-Muhairi",
                        "مستشارة الشؤون الإنسانية", "Humanitarian Affairs Adviser"),
    "youssef-al-nuaimi": ("السيد", "يوسف إبراهيم النعيمي", "Mr.", "Youssef Ibrahim Al-Nuaimi",
                          "السكرتير الأول", "First Secretary"),
}

# slug: (name ar, short name ar, name en, short name en, partners)
PROGRAMMES = {
    "safe-schools": ("برنامج المدارس الآمنة", "المدارس الآمنة", "Safe Schools Programme", "Safe Schools", ["unicef", "unesco"]),
    "vaccines-for-all": ("مبادرة اللقاحات للجميع", "", "Vaccines for All Initiative", "Vaccines for All", ["who", "unicef"]),
    "sport-for-peace": ("برنامج الرياضة من أجل السلام", "", "Sport for Peace Programme", "Sport for Peace", ["unoct", "unesco"]),
    "border-travel": ("برنامج أمن الحدود والسفر", "", "Border and Travel Security Programme", "", ["interpol", "unoct"]),
    "village-water": ("صندوق المياه للقرى", "", "Village Water Fund", "", ["wfp"]),
}

MARYAM = {"safe-schools-launch", "education-emergencies", "counter-terrorism-week", "general-assembly-78",
          "security-council-resolution", "children-armed-conflict", "credentials", "national-day"}
KUWARI = {"stadiums-legacy", "unrwa-support", "covid-recovery", "interpol-border", "climate-cop", "abu-dhabi-forum",
          "unesco-heritage", "deputy-appointment", "un-reform"}
HIND = {"football-refugee-camps", "refugees-winter", "covid-vaccines", "hospitals-equipment", "water-villages",
        "women-peace", "abu-dhabi-meeting", "malnutrition-children", "human-rights-council", "earthquake-relief"}
YOUSSEF = {"schools-rehabilitated", "sport-peace-youth", "victims-terrorism", "food-security", "sdg-forum",
           "youth-forum", "disability-rights", "cyber-security"}
UNICEF = {"safe-schools-launch", "schools-rehabilitated", "covid-vaccines", "measles-campaign",
          "children-armed-conflict", "malnutrition-children"}
WFP = {"food-security", "wfp-contribution", "water-villages"}

ARABIC_QUERIES = [
    ("المدارس الامنه", {"safe-schools-launch", "schools-rehabilitated", "education-emergencies"}),
    ("برنامج المدارس الآمنة", {"safe-schools-launch", "schools-rehabilitated"}),
    ("مدرسه", {"safe-schools-launch", "schools-rehabilitated", "education-emergencies", "unrwa-support", "wfp-contribution"}),
    ("ملعب", {"stadiums-legacy", "sport-peace-youth", "football-refugee-camps"}),
    ("ملاعب كرة القدم", {"football-refugee-camps", "sport-peace-youth"}),
    ("للاجئين", {"refugees-winter", "football-refugee-camps", "unrwa-support"}),
    ("مفوضية اللاجئين", {"refugees-winter", "football-refugee-camps"}),
    ("UNHCR", {"refugees-winter", "football-refugee-camps"}),
    ("الاونروا", {"unrwa-support"}),
    ("لاجئين فلسطينيين", {"unrwa-support"}),
    ("لقاحات كوفيد", {"covid-vaccines"}),
    ("كوفيد 19", {"covid-vaccines", "covid-recovery"}),
    ("كوفيد-١٩", {"covid-vaccines", "covid-recovery"}),
    ("اللقاح", {"covid-vaccines", "measles-campaign"}),
    ("مبادره اللقاحات للجميع", {"covid-vaccines", "measles-campaign"}),
    ("الحصبه", {"measles-campaign"}),
    ("مستشفي ميداني", {"hospitals-equipment", "earthquake-relief"}),
    ("المستشفيات", {"hospitals-equipment", "earthquake-relief"}),
    ("الانتربول", {"interpol-border", "counter-terrorism-week"}),
    ("INTERPOL", {"interpol-border", "counter-terrorism-week"}),
    ("امن الحدود", {"interpol-border", "counter-terrorism-week"}),
    ("مكافحه الارهاب", {"counter-terrorism-week", "interpol-border", "drones-programme", "sport-peace-youth"}),
    ("ضحايا الارهاب", {"victims-terrorism"}),
    ("الطائرات المسيرة", {"drones-programme"}),
    ("تغير المناخ", {"climate-cop"}),
    ("الدول الجزريه الصغيره", {"climate-cop"}),
    ("آبار المياه", {"water-villages"}),
    ("المياه النظيفه للقري", {"water-villages"}),
    ("الامن الغذائي", {"food-security"}),
    ("برنامج الاغذيه العالمي", WFP),
    ("WFP", WFP),
    ("الوجبات المدرسيه", {"wfp-contribution"}),
    ("الجمعيه العامه", {"general-assembly-78", "covid-recovery"}),
    ("الدوره 78", {"general-assembly-78"}),
    ("اهداف التنميه المستدامه", {"general-assembly-78", "sdg-forum"}),
    ("خطة 2030", {"sdg-forum", "general-assembly-78"}),
    ("القرار ٢٧٨٠", {"security-council-resolution"}),
    ("حماية المدنيين", {"security-council-resolution"}),
    ("المرأه والسلام والامن", {"women-peace"}),
    ("مشاركة النساء", {"women-peace"}),
    ("الشباب", {"youth-forum", "sport-peace-youth", "stadiums-legacy"}),
    ("ذوي الاعاقه", {"disability-rights", "football-refugee-camps"}),
    ("الوساطه", {"mediation-conference", "general-assembly-78"}),
    ("ابوظبي", {"abu-dhabi-meeting", "abu-dhabi-forum"}),
    ("أبو ظبي", {"abu-dhabi-meeting", "abu-dhabi-forum"}),
    ("خطاب الكراهيه", {"hate-speech", "abu-dhabi-forum"}),
    ("اليونسكو", {"safe-schools-launch", "unesco-heritage", "literacy-day"}),
    ("UNESCO", {"safe-schools-launch", "unesco-heritage", "literacy-day"}),
    ("اليونيسف", UNICEF),
    ("UNICEF", UNICEF),
    ("التراث الثقافي", {"unesco-heritage"}),
    ("محو الاميه", {"literacy-day"}),
    ("الاطفال والنزاع المسلح", {"children-armed-conflict", "safe-schools-launch"}),
    ("اوراق الاعتماد", {"credentials"}),
    ("عبدالرحمن الكواري", KUWARI),
    ("الشيخ عبد الرحمن بن جاسم", KUWARI),
    ("السفيره مريم العبيدلي", MARYAM),
    ("د. هند المهيري", HIND),
    ("يوسف النعيمي", YOUSSEF),
    ("الامن السيبراني", {"cyber-security"}),
    ("الذكاء الاصطناعي", {"cyber-security"}),
    ("سوء التغذيه", {"malnutrition-children", "wfp-contribution"}),
    ("مجلس حقوق الانسان", {"human-rights-council"}),
    ("الزلزال", {"earthquake-relief"}),
    ("الفيضانات", {"floods-relief"}),
    ("ميثاق الامم المتحده", {"un-charter-day"}),
    ("اصلاح مجلس الامن", {"un-reform"}),
    ("افطار رمضان", {"ramadan-iftar"}),
    ("اليوم الوطني", {"national-day"}),
    ("مؤتمر التعهدات", {"unrwa-support"}),
    ("لمؤتمر الاطراف", {"climate-cop"}),
]

ENGLISH_QUERIES = [
    ("safe schools", {"safe-schools-launch", "schools-rehabilitated"}),
    ("school", {"safe-schools-launch", "schools-rehabilitated"}),
    ("UNICEF", {"safe-schools-launch", "schools-rehabilitated", "covid-vaccines", "children-armed-conflict"}),
    ("refugees", {"football-refugee-camps", "refugees-winter"}),
    ("covid-19 vaccines", {"covid-vaccines"}),
    ("vaccine", {"covid-vaccines"}),
    ("Interpol border security", {"interpol-border"}),
    ("climate change", {"climate-cop"}),
    ("food prices", {"food-security"}),
    ("WFP", {"food-security"}),
    ("General Assembly", {"general-assembly-78"}),
    ("women peace and security", {"women-peace"}),
    ("children armed conflict", {"children-armed-conflict", "safe-schools-launch"}),
    ("mediation", {"mediation-conference", "general-assembly-78"}),
    ("earthquake", {"earthquake-relief"}),
    ("cyber attacks", {"cyber-security"}),
    ("Al-Kuwari", {"stadiums-legacy", "interpol-border", "climate-cop"}),
    ("stadiums", {"stadiums-legacy"}),
    ("Maryam Al-Obaidli", {"safe-schools-launch", "general-assembly-78", "children-armed-conflict"}),
    ("hospital", {"earthquake-relief"}),
]
