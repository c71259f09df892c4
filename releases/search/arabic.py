"""Arabic light stemming for search: clitics, the article, suffixes and broken plurals.

It works on words already folded by `normalise.fold()` (no harakat, one alef,
ه for teh marbuta, ي for alef maqsura) and with hamza seats removed, and
returns *stems*, which are index terms, not words anyone reads.

Where it differs from Lucene's Light-10 stemmer, and why:

- لل is li- plus the article, whose alef is dropped; when the stem itself
  starts with lam (اللاجئين, اللجنة) the article's lam is dropped too. So
  للاجئين reads both as ل+ال+اجئين and as ل+ال+لاجئين. Without a lexicon
  the two can't be told apart, so both stems are kept: the wrong one is a
  non-word that matches nothing, and the right one matches اللاجئين.
- A bare proclitic (و ف ب ك ل with no article) is ambiguous in the same way
  (وتعزيز is و+تعزيز, but وزير is not و+زير), so the word keeps its own
  reading and gains the stripped ones. A stripped reading must leave a stem
  of three letters (Arabic roots have three), and a short list of common
  words whose first letter is a root letter gets no stripped reading at all,
  because the stripped form would be another real word (وزارة/زار).
- Suffixes are removed in two layers, a pronoun (ها هم نا...) and then a
  plural or feminine ending (ات ون ين ة), and a teh marbuta written as ت
  before a pronoun (شراكتها) is recognised. ي is kept, so the adjective
  دولي (international) stays apart from دول (countries). ان is kept, since
  it ends more press-release nouns (بيان, برلمان) than it makes duals.
- Broken plurals, which no suffix rule can reach, come from a short table.
"""

from functools import lru_cache

from .normalise import FOLD_TABLE, fold

# Words that carry no meaning for search, including prepositions with a
# pronoun attached, and the particles of names (بن, بنت, آل).
STOPWORDS = frozenset("""
في من الي علي عن مع ان او ام ثم حتي بين عند لدي منذ خلال حول ضد نحو بعد قبل
دون عبر لكن بل اذا اذ لو لم لن لا ما ماذا كيف متي اين هل قد لقد كل بعض غير اي
ايضا حيث كما مثل هذا هذه ذلك تلك هولاء اولك هنا هناك الذي التي الذين اللذين
اللتين اللاتي هو هي هم هما هن انا نحن انت انتم كان كانت يكون تكون كانوا ليس
ليست وقد فقد لدي لديه لديها لديهم له لها لهم لنا به بها بهم بنا فيه فيها فيهم
منه منها منهم عنه عنها عنهم عليه عليها عليهم اليه اليها اليهم معه معها معهم
بينها بينهم انه انها انهم لانه لان كي وهو وهي يا تم يتم التي ذات ذو ذي
بن بنت ابن ابنه ال
""".split())

# Words spelled like article + stem that are not (the name of God).
LEXICAL = frozenset({"الله"})

# The article, alone or behind proclitics. Longest first.
ARTICLE_PREFIXES = ("ولل", "فلل", "وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "لل", "ال")
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "ها", "نا", "كم")
ENDINGS = ("ات", "ون", "تين", "ين", "ته", "ه")
MIN_STEM = 3

# Common words whose first letter is part of the stem, where the stripped
# reading would be another real word or a frequent false match.
_ROOT_INITIAL = """
وزير وزارة وطن وطني وفد وكالة وثيقة وضع وقت وصول واقع ولاية وحدة وسط ورشة
وجود وظيفة وسيلة وعي وقف وفاة وباء وافد وادي ورقة وعد فعالية فريق فرصة فكرة
فترة فرع فئة بلد بيان لقاء كلمة
"""

# Broken plurals that press releases use most, as (plural, singular) in
# ordinary spelling; both sides are stemmed when the module loads, so a
# reader can check the table and an editor can extend it without knowing
# the stemmer. Only plurals that no suffix rule reaches belong here, and
# not time words (أيام would match every اليوم, "today").
BROKEN_PLURALS_TABLE = """
مدارس مدرسة | ملاعب ملعب | مشاريع مشروع | برامج برنامج | مبادئ مبدأ | قضايا قضية
جهود جهد | شعوب شعب | أطفال طفل | نساء المرأة | امرأة المرأة | وزراء وزير
سفراء سفير | رؤساء رئيس | أعضاء عضو | خبراء خبير | شركاء شريك | زعماء زعيم
علماء عالم | حقوق حق | أهداف هدف | أنشطة نشاط | أسلحة سلاح | مواقع موقع
مراكز مركز | مجالس مجلس | مكاتب مكتب | أسر أسرة | أقاليم إقليم | بلدان بلد
شباب شاب | طلاب طالب | عمال عامل | موارد مورد | مصادر مصدر | ضحايا ضحية
مناطق منطقة | وسائل وسيلة | رسائل رسالة | فرص فرصة | سبل سبيل | طرق طريق
قوانين قانون | معايير معيار | مواضيع موضوع | أنظمة نظام | أسواق سوق | أفكار فكرة
آراء رأي | مسائل مسألة | بحوث بحث | دروس درس | كتب كتاب | مدن مدينة
قرى قرية | جزر جزيرة | موانئ ميناء | معاهد معهد | ملايين مليون | آلاف ألف
شؤون شأن | عناصر عنصر | دوائر دائرة | لجان لجنة | أجهزة جهاز | أمراض مرض
أوبئة وباء | أدوية دواء | أراضي أرض | حدود حد | جيوش جيش | صواريخ صاروخ
ألغام لغم | مناهج منهج | نتائج نتيجة | تقارير تقرير | تدابير تدبير | مساجد مسجد
مصانع مصنع | مخاطر خطر | أخطار خطر | حروب حرب | قادة قائد | مبان مبنى
مباني مبنى | مواد مادة | وثائق وثيقة | قواعد قاعدة | مراحل مرحلة | أجيال جيل
أمم أمة | أصدقاء صديق | أطراف طرف | أسس أساس | أدوار دور | ضيوف ضيف
مهام مهمة | نواب نائب | محاور محور | معارض معرض | متاحف متحف | أسرى أسير
جرحى جريح | قتلى قتيل | فنادق فندق | مزارع مزرعة | محاصيل محصول | أدوات أداة
أوقات وقت | منح منحة | مواثيق ميثاق | اتفاقيات اتفاقية | مستشفيات مستشفى | قرارات قرار
"""


def _strip_article_and_suffixes(word):
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    return light_stem(word)


def _table():
    table = {}
    for pair in BROKEN_PLURALS_TABLE.replace("\n", "|").split("|"):
        if pair.strip():
            plural, singular = (_strip_article_and_suffixes(search_fold(word)) for word in pair.split())
            table[plural] = singular
    return table


_SEARCH_TABLE = {**FOLD_TABLE, ord("ؤ"): None, ord("ئ"): None, ord("ء"): None}


def search_fold(text, *, casefold=True):
    """`normalise.fold()`, and hamza seats removed: مسؤول, مسئول and مسول are typed for one word."""
    # ىء is the older spelling of ئ, a hamza on a yeh seat.
    return fold((text or "").replace("ىء", "ئ"), casefold=casefold, table=_SEARCH_TABLE)


def light_stem(word):
    """`word` without a pronoun and a plural or feminine ending, keeping three letters."""
    for suffix in PRONOUN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            # شراكتها: the teh marbuta is written ت before a pronoun.
            if word.endswith("ت") and not word.endswith("ات") and len(word) > MIN_STEM:
                return word[:-1]
            break
    for suffix in ENDINGS:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def _stem(word, plurals=True):
    stem = light_stem(word)
    return BROKEN_PLURALS.get(stem, stem) if plurals else stem


def _bare_readings(word):
    """The word itself, then the word without a bare conjunction and/or preposition."""
    found = [word]
    for conjunction in ("",) + CONJUNCTIONS:
        if conjunction and not word.startswith(conjunction):
            continue
        rest = word[len(conjunction):]
        if conjunction:
            found.append(rest)
        for preposition in PREPOSITIONS:
            if rest.startswith(preposition):
                found.append(rest[1:])
    return found


@lru_cache(maxsize=200_000)
def stems(word, *, plurals=True):
    """The stems a folded Arabic word may have, the likeliest first; () for a function word.

    With `plurals=False` a broken plural keeps its own stem, so every stem is
    a piece of the word as written (the admin matches text without an index).
    """
    if word in LEXICAL:
        return (word,)
    if word in STOPWORDS:
        return ()
    for prefix in ARTICLE_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 2:
            if rest in STOPWORDS:
                return ()
            if prefix.endswith("لل"):
                # li- + article + a stem that may itself start with lam: keep both readings.
                return _unique([_stem(rest, plurals), _stem("ل" + rest, plurals)])
            return (_stem(rest, plurals),)
    readings = _bare_readings(word)
    if any(reading in STOPWORDS for reading in readings):
        return ()
    own = _stem(word, plurals)
    if own in ROOT_INITIAL:
        return (own,)
    others = [_stem(reading, plurals) for reading in readings[1:] if len(reading) >= MIN_STEM]
    return _unique([own] + [stem for stem in others if len(stem) >= MIN_STEM and stem not in STOPWORDS])


def _unique(items):
    return tuple(dict.fromkeys(item for item in items if item))


BROKEN_PLURALS = _table()
ROOT_INITIAL = frozenset(light_stem(search_fold(word)) for word in _ROOT_INITIAL.split())
