"""Demo content, written for this project in the office's style."""

import datetime

ORGANISATIONS = {
    "un": {"name_ar": "الأمم المتحدة", "name_en": "United Nations", "acronym_ar": "", "acronym_en": "UN"},
    "unicef": {"name_ar": "منظمة الأمم المتحدة للطفولة", "name_en": "United Nations Children's Fund", "acronym_ar": "اليونيسف", "acronym_en": "UNICEF"},
    "unesco": {"name_ar": "منظمة الأمم المتحدة للتربية والعلم والثقافة", "name_en": "United Nations Educational, Scientific and Cultural Organization", "acronym_ar": "اليونسكو", "acronym_en": "UNESCO"},
    "undp": {"name_ar": "برنامج الأمم المتحدة الإنمائي", "name_en": "United Nations Development Programme", "acronym_ar": "", "acronym_en": "UNDP"},
    "mission": {"name_ar": "البعثة الدائمة", "name_en": "Permanent Mission", "acronym_ar": "", "acronym_en": ""},
}

SPEAKERS = {
    "layla-al-mansouri": {
        "honorific_ar": "سعادة السيدة", "honorific_en": "H.E. Ms.",
        "name_ar": "ليلى حسن المنصوري", "name_en": "Layla Hassan Al-Mansouri",
        "bio_ar": "دبلوماسية تعمل في العمل متعدد الأطراف منذ عقدين، وتولت قبل منصبها الحالي مهام نائبة المندوب الدائم.",
        "bio_en": "A diplomat with two decades in multilateral work, who served as Deputy Permanent Representative before her current post.",
        "appointments": [
            ("نائبة المندوب الدائم", "Deputy Permanent Representative", "mission", datetime.date(2019, 1, 15), datetime.date(2023, 8, 31)),
            ("المندوبة الدائمة لدى الأمم المتحدة", "Permanent Representative to the United Nations", "mission", datetime.date(2023, 9, 1), None),
        ],
    },
    "karim-al-saadi": {
        "honorific_ar": "السيد", "honorific_en": "Mr.",
        "name_ar": "كريم عبد الله الساعدي", "name_en": "Karim Abdullah Al-Saadi",
        "bio_ar": "مستشار يتابع ملفات التنمية المستدامة والمناخ.",
        "bio_en": "Counsellor covering sustainable development and climate.",
        "appointments": [
            ("المستشار لشؤون التنمية", "Counsellor for Development", "mission", datetime.date(2021, 3, 1), None),
        ],
    },
    "nour-yousef": {
        "honorific_ar": "السيدة", "honorific_en": "Ms.",
        "name_ar": "نور الهدى يوسف", "name_en": "Nour Al-Huda Yousef",
        "bio_ar": "المتحدثة باسم البعثة ومديرة المكتب الإعلامي.",
        "bio_en": "Spokesperson of the Mission and head of the Media Office.",
        "appointments": [
            ("المتحدثة الرسمية", "Spokesperson", "mission", datetime.date(2022, 6, 1), None),
        ],
    },
}

PROGRAMMES = {
    "clean-water": {
        "name_ar": "برنامج المياه النظيفة للمجتمعات الريفية", "name_en": "Clean Water for Rural Communities Programme",
        "short_name_ar": "المياه النظيفة", "short_name_en": "Clean Water",
        "description_ar": "يموّل البرنامج شبكات مياه الشرب في القرى النائية بالشراكة مع وكالات الأمم المتحدة.",
        "description_en": "The programme funds drinking-water networks in remote villages, in partnership with United Nations agencies.",
        "partners": ["unicef", "undp"], "is_active": True, "is_featured": True,
    },
    "girls-education": {
        "name_ar": "مبادرة تعليم الفتيات في مناطق النزاع", "name_en": "Girls' Education in Conflict Areas Initiative",
        "short_name_ar": "تعليم الفتيات", "short_name_en": "Girls' Education",
        "description_ar": "مبادرة تدعم بقاء الفتيات في المدارس في المناطق المتأثرة بالنزاعات.",
        "description_en": "An initiative that helps girls stay in school in areas affected by conflict.",
        "partners": ["unesco", "unicef"], "is_active": True, "is_featured": True,
    },
    "island-climate": {
        "name_ar": "برنامج التكيف المناخي للدول الجزرية الصغيرة", "name_en": "Climate Adaptation for Small Island States",
        "short_name_ar": "التكيف المناخي", "short_name_en": "Climate Adaptation",
        "description_ar": "برنامج اختُتم عام ٢٠٢٤ بعد أن موّل مشاريع لحماية السواحل.",
        "description_en": "A programme that closed in 2024 after funding coastal protection projects.",
        "partners": ["undp"], "is_active": False, "is_featured": False,
    },
}

# state: published, draft, in_review or scheduled. "english": whether the English is written.
# "image": (drawing in demo_images, Arabic alt text, English alt text): every lead image is described.
RELEASES = [
    {
        "image": ("council_chamber", "رسم توضيحي لطاولة مجلس الأمن على شكل حدوة حصان، تحيط بها مقاعد الأعضاء", "Illustration of the Security Council's horseshoe-shaped table, with the members' seats around it"),
        "key": "security-council-civilians", "kind": "statement", "state": "published",
        "date": datetime.date(2026, 3, 12), "speakers": ["layla-al-mansouri"], "programmes": [],
        "headline_ar": "البعثة الدائمة تدعو مجلس الأمن إلى تعزيز حماية المدنيين في النزاعات المسلحة",
        "headline_en": "Permanent Mission calls on the Security Council to strengthen the protection of civilians in armed conflict",
        "occasion_ar": "النقاش المفتوح لمجلس الأمن حول حماية المدنيين", "occasion_en": "Security Council open debate on the protection of civilians",
        "summary_ar": "<p>المندوبة الدائمة أمام المجلس: احترام القانون الدولي الإنساني <strong>ليس خياراً</strong>، والمساءلة شرط لأي سلام دائم.</p>",
        "summary_en": "<p>The Permanent Representative told the Council that respect for international humanitarian law is <strong>not optional</strong>, and that accountability is a condition of lasting peace.</p>",
        "body_ar": [
            "دعت البعثة الدائمة مجلس الأمن إلى اتخاذ خطوات عملية لتعزيز حماية المدنيين في النزاعات المسلحة، وضمان وصول المساعدات الإنسانية دون عوائق.",
            "جاء ذلك في بيان ألقته سعادة السيدة ليلى حسن المنصوري، المندوبة الدائمة لدى الأمم المتحدة، أمام النقاش المفتوح الذي عقده المجلس يوم ١٢ مارس.",
            "وأكدت سعادتها أن احترام القانون الدولي الإنساني ليس خياراً، وأن المساءلة عن الانتهاكات شرط لأي سلام دائم.",
        ],
        "body_en": [
            "The Permanent Mission called on the Security Council to take practical steps to strengthen the protection of civilians in armed conflict, and to ensure unhindered humanitarian access.",
            "This came in a statement delivered by H.E. Ms. Layla Hassan Al-Mansouri, Permanent Representative to the United Nations, at the Council's open debate on 12 March.",
            "She stressed that respect for international humanitarian law is not optional, and that accountability for violations is a condition of any lasting peace.",
        ],
    },
    {
        "image": ("water_network", "رسم توضيحي لأنبوب مياه يمتد من صنبور إلى صف من منازل قرية ريفية", "Illustration of a water pipe running from a tap to a row of village houses"),
        "key": "clean-water-agreement", "kind": "news", "state": "published",
        "date": datetime.date(2026, 2, 24), "speakers": ["karim-al-saadi"], "programmes": ["clean-water"],
        "headline_ar": "توقيع اتفاقية لتمويل المرحلة الثالثة من برنامج المياه النظيفة مع اليونيسف",
        "headline_en": "Agreement signed with UNICEF to fund the third phase of the Clean Water Programme",
        "summary_ar": "<p>12 مليون دولار على ثلاث سنوات، لتصل مياه الشرب إلى <strong>٤٠ قرية إضافية</strong>، مع تدريب لجان محلية على صيانة الشبكات.</p>",
        "summary_en": "<p>12 million dollars over three years will bring drinking water to <strong>40 more villages</strong>, and train local committees to maintain the networks.</p>",
        "body_ar": [
            "وقّعت البعثة الدائمة ومنظمة الأمم المتحدة للطفولة (اليونيسف) اتفاقية لتمويل المرحلة الثالثة من برنامج المياه النظيفة للمجتمعات الريفية، بقيمة 12 مليون دولار على مدى ثلاث سنوات.",
            "ووقّع الاتفاقية عن البعثة السيد كريم عبد الله الساعدي، المستشار لشؤون التنمية، الذي أوضح أن المرحلة الجديدة ستصل إلى ٤٠ قرية إضافية.",
            "وتشمل المرحلة تدريب لجان محلية على صيانة الشبكات، لضمان استمرار الخدمة بعد انتهاء التمويل.",
        ],
        "body_en": [
            "The Permanent Mission and the United Nations Children's Fund (UNICEF) signed an agreement to fund the third phase of the Clean Water for Rural Communities Programme, worth 12 million dollars over three years.",
            "Mr. Karim Abdullah Al-Saadi, Counsellor for Development, signed for the Mission and said that the new phase will reach 40 more villages.",
            "The phase includes training local committees to maintain the networks, so that the service continues after the funding ends.",
        ],
    },
    {
        "image": ("assembly_hall", "رسم توضيحي لصفوف مقاعد نصف دائرية تواجه منصة الخطابة في قاعة الجمعية العامة", "Illustration of semicircular rows of seats facing the rostrum of the General Assembly hall"),
        "key": "education-general-assembly-2022", "kind": "speech", "state": "published",
        "date": datetime.date(2022, 9, 20), "speakers": ["layla-al-mansouri"], "programmes": ["girls-education"],
        "headline_ar": "كلمة البعثة في الحوار رفيع المستوى للجمعية العامة حول تحويل التعليم",
        "headline_en": "Mission's address to the General Assembly high-level dialogue on transforming education",
        "occasion_ar": "الحوار رفيع المستوى للجمعية العامة حول التعليم", "occasion_en": "General Assembly high-level dialogue on education",
        "body_ar": [
            "ألقت سعادة السيدة ليلى حسن المنصوري، نائبة المندوب الدائم، كلمة البعثة في الحوار رفيع المستوى الذي عقدته الجمعية العامة حول تحويل التعليم.",
            "وأشارت سعادتها إلى أن مبادرة تعليم الفتيات في مناطق النزاع ساعدت أكثر من 25 ألف فتاة على مواصلة الدراسة خلال العام الدراسي الماضي.",
        ],
        "body_en": [
            "H.E. Ms. Layla Hassan Al-Mansouri, Deputy Permanent Representative, delivered the Mission's address at the General Assembly's high-level dialogue on transforming education.",
            "She noted that the Girls' Education in Conflict Areas Initiative helped more than 25,000 girls continue their studies during the last school year.",
        ],
    },
    {
        "image": ("open_book", "رسم توضيحي لكتاب مفتوح وقلم رصاص أمام شمس مشرقة", "Illustration of an open book and a pencil in front of a rising sun"),
        "key": "girls-education-phase-two", "kind": "press_release", "state": "published",
        "date": datetime.date(2025, 11, 5), "speakers": ["nour-yousef"], "programmes": ["girls-education"],
        "headline_ar": "إطلاق المرحلة الثانية من مبادرة تعليم الفتيات بالشراكة مع اليونسكو",
        "headline_en": "Second phase of the Girls' Education Initiative launched with UNESCO",
        "body_ar": [
            "أعلن المكتب الإعلامي إطلاق المرحلة الثانية من مبادرة تعليم الفتيات في مناطق النزاع، بالشراكة مع منظمة الأمم المتحدة للتربية والعلم والثقافة (اليونسكو).",
            "وقالت السيدة نور الهدى يوسف، المتحدثة الرسمية، إن المرحلة الجديدة تركز على التعليم عن بعد في المناطق التي أُغلقت مدارسها.",
        ],
        "body_en": [
            "The Media Office announced the launch of the second phase of the Girls' Education in Conflict Areas Initiative, in partnership with the United Nations Educational, Scientific and Cultural Organization (UNESCO).",
            "Ms. Nour Al-Huda Yousef, Spokesperson, said that the new phase focuses on distance learning in areas where schools have closed.",
        ],
    },
    {
        "image": ("delegation", "رسم توضيحي لمجموعة من الزوار أمام مبنى ذي أعمدة", ""),
        "key": "student-delegation", "kind": "news", "state": "published", "english": False,
        "date": datetime.date(2026, 1, 18), "speakers": ["nour-yousef"], "programmes": [],
        "headline_ar": "المكتب الإعلامي يستقبل وفداً من طلاب العلاقات الدولية",
        "body_ar": [
            "استقبل المكتب الإعلامي للبعثة الدائمة وفداً من طلاب العلاقات الدولية في زيارة تعريفية بعمل البعثات الدبلوماسية لدى الأمم المتحدة.",
            "وقدّمت السيدة نور الهدى يوسف، المتحدثة الرسمية، عرضاً عن مراحل إعداد البيانات الصحفية وترجمتها ونشرها.",
        ],
    },
    {
        "image": ("island", "رسم توضيحي لجزيرة صغيرة عليها نخلة وتحيط بها الأمواج", ""),
        "key": "island-climate-closing", "kind": "statement", "state": "published", "english": False,
        "date": datetime.date(2024, 12, 2), "speakers": ["karim-al-saadi"], "programmes": ["island-climate"],
        "headline_ar": "اختتام برنامج التكيف المناخي للدول الجزرية الصغيرة بعد خمس سنوات من العمل",
        "body_ar": [
            "اختُتم برنامج التكيف المناخي للدول الجزرية الصغيرة بعد خمس سنوات موّل خلالها ١٨ مشروعاً لحماية السواحل وإدارة المياه.",
            "وأعرب السيد كريم عبد الله الساعدي، المستشار لشؤون التنمية، عن شكر البعثة لبرنامج الأمم المتحدة الإنمائي على شراكته طوال مدة البرنامج.",
        ],
    },
    {
        "key": "draft-humanitarian-appeal", "kind": "statement", "state": "draft", "english": False,
        "date": datetime.date(2026, 11, 20), "speakers": ["layla-al-mansouri"], "programmes": [],
        "headline_ar": "مسودة: البعثة ترحب بالنداء الإنساني الموحد للعام المقبل",
        "body_ar": ["نص أولي قيد الكتابة، لم يُراجع بعد."],
    },
    {
        "key": "review-water-visit", "kind": "news", "state": "in_review",
        "date": datetime.date(2026, 11, 19), "speakers": ["karim-al-saadi"], "programmes": ["clean-water"],
        "headline_ar": "زيارة ميدانية لمواقع برنامج المياه النظيفة",
        "headline_en": "Field visit to Clean Water Programme sites",
        "body_ar": ["قام السيد كريم عبد الله الساعدي بزيارة ميدانية لثلاثة مواقع من مواقع البرنامج للاطلاع على سير العمل."],
        "body_en": ["Mr. Karim Abdullah Al-Saadi visited three of the programme's sites to review progress."],
    },
    {
        "key": "scheduled-anniversary", "kind": "press_release", "state": "scheduled",
        "date": datetime.date(2026, 12, 10), "speakers": ["layla-al-mansouri"], "programmes": [],
        "headline_ar": "البعثة الدائمة تحتفي بيوم حقوق الإنسان",
        "headline_en": "Permanent Mission marks Human Rights Day",
        "body_ar": ["تحتفي البعثة الدائمة بيوم حقوق الإنسان بتنظيم ندوة حول حماية المدافعين عن حقوق الإنسان."],
        "body_en": ["The Permanent Mission marks Human Rights Day with a panel on protecting human rights defenders."],
    },
]

# A correction published as a second edition of one live release.
CORRECTION = {
    "key": "clean-water-agreement",
    "note_ar": "صُحّح عدد القرى المستفيدة من المرحلة الثالثة.",
    "note_en": "The number of villages reached by the third phase was corrected.",
    "replace": ("٤٠ قرية", "٤٥ قرية", "40 more villages", "45 more villages"),
}

IMAGE_CAPTION = {"ar": "رسم: المكتب الإعلامي", "en": "Illustration: Media Office"}

# The standing pages, as an office might first write them.
PAGES = {
    "about": {
        "title_ar": "عن البعثة", "title_en": "About the Mission",
        "body_ar": [
            "تمثّل البعثة الدائمة بلادها لدى الأمم المتحدة في نيويورك، وتتابع أعمال الجمعية العامة ومجلس الأمن والمجلس الاقتصادي والاجتماعي.",
            "ينشر المكتب الإعلامي بيانات البعثة وكلماتها وأخبارها باللغة العربية، ويترجم معظمها إلى الإنجليزية.",
        ],
        "body_en": [
            "The Permanent Mission represents its country at the United Nations in New York, and follows the work of the General Assembly, the Security Council and the Economic and Social Council.",
            "The Media Office publishes the Mission's statements, speeches and news in Arabic, and translates most of them into English.",
        ],
    },
    "contact": {
        "title_ar": "اتصل بنا", "title_en": "Contact us",
        "body_ar": [
            "للاستفسارات الصحفية: المكتب الإعلامي، من الاثنين إلى الجمعة، من الساعة 9:00 إلى الساعة 17:00 بتوقيت نيويورك.",
            "البريد الإلكتروني: press@mission.example",
        ],
        "body_en": [
            "Press enquiries: the Media Office, Monday to Friday, 9:00 to 17:00 New York time.",
            "Email: press@mission.example",
        ],
    },
}

ACCOUNTS = [
    ("writer", "Writer", "writer-demo-2026"),
    ("translator", "Translator", "translator-demo-2026"),
    ("editor", "Editor", "editor-demo-2026"),
    ("editor2", "Editor", "editor2-demo-2026"),
]
