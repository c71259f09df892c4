"""A realistic archive, fast: for benchmarks and for testing queries at scale.

`generate_archive()` writes releases with bulk inserts, not through the
workflow: the workflow's checks, audit entries and alerts are what we *don't*
want to pay for 20,000 times. What it writes is what the workflow would have
left behind: published editions with `first_published_at` and
`live_edition` set, older editions superseded, scheduled editions with a
time to come, drafts that were never public, withdrawn releases with their
notice, Arabic-only releases beside translated ones; speakers with their
posts over the years, programmes, and the search index of everything public.

The texts are composed here from phrases written for this project, in the
office's register, long enough (six to ten paragraphs) to weigh what real
bodies weigh. A seed makes a run repeatable.
"""

import datetime
import random
import time

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from releases.models import Appointment, Correction, Edition, Organisation, Programme, Release, Speaker
from releases.models.releases import make_slug
from releases.planner import refresh_statistics
from releases.states import PUBLIC_STATES, State

GENERATED_PREFIX = "gen-"

# Stored content, in the two languages of the archive: parallel phrases, the Arabic first.
ORGANISATIONS = [
    ("mission", "البعثة الدائمة", "Permanent Mission", "", ""),
    ("un", "الأمم المتحدة", "United Nations", "", "UN"),
    ("unicef", "منظمة الأمم المتحدة للطفولة", "United Nations Children's Fund", "اليونيسف", "UNICEF"),
    ("undp", "برنامج الأمم المتحدة الإنمائي", "United Nations Development Programme", "", "UNDP"),
    ("who", "منظمة الصحة العالمية", "World Health Organization", "", "WHO"),
    ("unhcr", "المفوضية السامية للأمم المتحدة لشؤون اللاجئين", "UN Refugee Agency", "", "UNHCR"),
]

FIRST_NAMES = [
    ("خالد", "Khaled"), ("مريم", "Maryam"), ("يوسف", "Youssef"), ("سلمى", "Salma"), ("عمر", "Omar"),
    ("هدى", "Huda"), ("طارق", "Tariq"), ("ريم", "Reem"), ("فيصل", "Faisal"), ("دانة", "Dana"),
    ("سامي", "Sami"), ("لينا", "Lina"), ("حمد", "Hamad"), ("نادية", "Nadia"),
]
FAMILY_NAMES = [
    ("الحارثي", "Al-Harthi"), ("العبيدي", "Al-Obaidi"), ("الكواري", "Al-Kuwari"), ("النعيمي", "Al-Nuaimi"),
    ("الزين", "Al-Zein"), ("المهندي", "Al-Muhannadi"), ("الشامي", "Al-Shami"), ("البدري", "Al-Badri"),
]
POSTS = [
    ("المندوب الدائم لدى الأمم المتحدة", "Permanent Representative to the United Nations", "mission"),
    ("نائب المندوب الدائم", "Deputy Permanent Representative", "mission"),
    ("المستشار للشؤون السياسية", "Counsellor for Political Affairs", "mission"),
    ("السكرتير الأول", "First Secretary", "mission"),
    ("المتحدث الرسمي", "Spokesperson", "mission"),
    ("الممثل الخاص لدى منظمة الصحة العالمية", "Special Representative to the World Health Organization", "who"),
]
PROGRAMMES = [
    ("المياه النظيفة للقرى النائية", "Clean Water for Remote Villages", "المياه النظيفة", "Clean Water", ["unicef", "undp"]),
    ("التعليم في حالات الطوارئ", "Education in Emergencies", "التعليم في الطوارئ", "Education in Emergencies", ["unicef"]),
    ("صمود الدول الجزرية أمام تغير المناخ", "Island States Climate Resilience", "صمود الجزر", "Island Resilience", ["undp"]),
    ("اللقاحات للجميع", "Vaccines for All", "اللقاحات", "Vaccines", ["who", "unicef"]),
    ("دعم اللاجئين والمجتمعات المضيفة", "Support for Refugees and Host Communities", "دعم اللاجئين", "Refugee Support", ["unhcr"]),
    ("تمكين الشباب", "Youth Empowerment", "الشباب", "Youth", ["undp"]),
    ("الأمن الغذائي", "Food Security", "الغذاء", "Food Security", []),
    ("الحوار بين الثقافات", "Dialogue Among Cultures", "الحوار", "Dialogue", []),
]
PLACES = [("نيويورك", "New York"), ("جنيف", "Geneva"), ("فيينا", "Vienna"), ("نيروبي", "Nairobi"), ("الدوحة", "Doha")]
SOURCES = [("المكتب الإعلامي", "Media Office"), ("البعثة الدائمة", "Permanent Mission")]
# (Arabic, English) pairs: what the statement is about.
TOPICS = [
    ("حماية المدنيين في النزاعات المسلحة", "the protection of civilians in armed conflict"),
    ("تمويل التنمية المستدامة", "financing for sustainable development"),
    ("الأمن المائي والغذائي", "water and food security"),
    ("مكافحة الإرهاب والتطرف العنيف", "countering terrorism and violent extremism"),
    ("حقوق الطفل والتعليم", "the rights of the child and education"),
    ("التغير المناخي والدول الأكثر تأثراً", "climate change and the most affected states"),
    ("الصحة العالمية والتأهب للأوبئة", "global health and pandemic preparedness"),
    ("تمكين المرأة ومشاركتها في صنع القرار", "the empowerment of women and their part in decision-making"),
    ("نزع السلاح وعدم الانتشار", "disarmament and non-proliferation"),
    ("العمل الإنساني في مناطق الأزمات", "humanitarian action in crisis areas"),
    ("الوساطة والتسوية السلمية للنزاعات", "mediation and the peaceful settlement of disputes"),
    ("الاقتصاد الرقمي وسد الفجوة التقنية", "the digital economy and closing the technology gap"),
]
MEETINGS = [
    ("جلسة مجلس الأمن المفتوحة", "the open debate of the Security Council"),
    ("الدورة العادية للجمعية العامة", "the regular session of the General Assembly"),
    ("اجتماع المجلس الاقتصادي والاجتماعي", "the meeting of the Economic and Social Council"),
    ("المؤتمر الدولي رفيع المستوى", "the high-level international conference"),
    ("الحوار التفاعلي غير الرسمي", "the informal interactive dialogue"),
    ("اجتماع مجموعة الأصدقاء", "the meeting of the Group of Friends"),
]
HEADLINES = [
    ("{speaker} تؤكد أمام {meeting} أهمية {topic}", "{speaker} stresses {topic} before {meeting}"),
    ("البعثة تدعو إلى تعزيز التعاون الدولي في {topic}", "The Mission calls for stronger international cooperation on {topic}"),
    ("{speaker} تشارك في {meeting} حول {topic}", "{speaker} takes part in {meeting} on {topic}"),
    ("بيان بشأن {topic}", "Statement on {topic}"),
    ("إطلاق مبادرة جديدة في إطار {programme}", "A new initiative launched under {programme}"),
    ("البعثة ترحب باعتماد قرار بشأن {topic}", "The Mission welcomes the adoption of a resolution on {topic}"),
]
OPENINGS = [
    ("أكدت {speaker} خلال {meeting} أن {topic} يبقى في صدارة أولويات البعثة، وأن الالتزام به لا يتغير بتغير الظروف.",
     "Speaking at {meeting}, {speaker} said that {topic} remains at the top of the Mission's priorities, and that the commitment to it does not change with circumstances."),
    ("شاركت البعثة الدائمة في {meeting}، وألقت {speaker} كلمة تناولت فيها {topic} والتحديات المرتبطة به.",
     "The Permanent Mission took part in {meeting}, where {speaker} delivered remarks on {topic} and the challenges it raises."),
    ("رحبت البعثة الدائمة بما توصل إليه {meeting} بشأن {topic}، ودعت إلى ترجمة الالتزامات إلى خطوات عملية.",
     "The Permanent Mission welcomed the outcome of {meeting} on {topic}, and called for commitments to become practical steps."),
]
SENTENCES = [
    ("وأشارت إلى أن التعاون متعدد الأطراف هو السبيل الأنجع لمواجهة التحديات المشتركة التي لا تعرف حدوداً.",
     "She noted that multilateral cooperation is the surest way to meet shared challenges that know no borders."),
    ("وشددت على ضرورة حشد الموارد اللازمة وضمان وصولها إلى المجتمعات الأكثر احتياجاً في الوقت المناسب.",
     "She stressed the need to mobilise the necessary resources and to make sure they reach the communities most in need in time."),
    ("ولفتت إلى أن البعثة قدمت خلال العام الماضي مساهمات طوعية لدعم البرامج الميدانية للوكالات المتخصصة.",
     "She pointed out that over the past year the Mission made voluntary contributions to the field programmes of the specialised agencies."),
    ("وأعربت عن تقديرها للجهود التي يبذلها الأمين العام وفريقه، وللشركاء الذين أسهموا في إنجاح هذه المبادرة.",
     "She thanked the Secretary-General and his team for their efforts, and the partners who helped this initiative succeed."),
    ("وأوضحت أن الاستثمار في التعليم والصحة يمثل استثماراً في السلام والاستقرار على المدى الطويل.",
     "She explained that investing in education and health is an investment in lasting peace and stability."),
    ("ودعت الدول الأعضاء إلى احترام القانون الدولي الإنساني وحماية العاملين في المجال الإنساني والمرافق الطبية.",
     "She called on member states to respect international humanitarian law and to protect humanitarian workers and medical facilities."),
    ("وأكدت أن الحلول المستدامة تتطلب إشراك الشباب والنساء في جميع مراحل التخطيط والتنفيذ.",
     "She said that lasting solutions require young people and women to take part in every stage of planning and delivery."),
    ("وبينت أن البيانات الدقيقة والشفافية في التقارير شرطان أساسيان لقياس التقدم المحرز ومحاسبة الجميع.",
     "She said that accurate data and transparent reporting are essential to measure progress and hold everyone to account."),
    ("واستعرضت ما حققته الشراكات القائمة من نتائج ملموسة، ومنها توفير الخدمات الأساسية لآلاف الأسر.",
     "She reviewed the concrete results of the existing partnerships, among them basic services for thousands of families."),
    ("وجددت استعداد البعثة للعمل مع جميع الأطراف من أجل التوصل إلى توافق يخدم المصلحة المشتركة.",
     "She renewed the Mission's readiness to work with all parties towards a consensus that serves the common interest."),
    ("وقالت إن الأرقام الأخيرة تدعو إلى القلق، إذ تضاعف عدد المحتاجين إلى المساعدة خلال ثلاث سنوات.",
     "She said that the latest figures are worrying: the number of people in need of assistance has doubled in three years."),
    ("واختتمت كلمتها بالتأكيد على أن الوقت قد حان للانتقال من الأقوال إلى الأفعال.",
     "She closed by saying that the time has come to move from words to deeds."),
    ("وفي هذا السياق، نوهت بالدور الذي تضطلع به المنظمات الإقليمية في دعم جهود الوساطة والوقاية.",
     "In this context, she praised the part regional organisations play in supporting mediation and prevention."),
    ("كما عرضت تجربة بلادها في بناء القدرات الوطنية ونقل المعرفة إلى الدول النامية.",
     "She also presented her country's experience in building national capacity and sharing knowledge with developing countries."),
    ("وطالبت بتوفير تمويل يمكن التنبؤ به بدلاً من الاستجابات المتأخرة التي تضاعف كلفة الأزمات.",
     "She asked for predictable funding instead of late responses that multiply the cost of crises."),
    ("وأكدت أن {programme} سيواصل عمله بالتعاون مع الشركاء المحليين والدوليين.",
     "She said that {programme} will continue its work with local and international partners."),
]
WITHDRAWAL_NOTICES = [
    ("سُحب هذا البيان لأنه نُشر قبل موعده.", "This statement was withdrawn because it was published too early."),
    ("سُحب هذا الخبر بناءً على طلب الجهة المعنية.", "This item was withdrawn at the request of the party concerned."),
]
CORRECTIONS = [
    ("صُحح تاريخ الاجتماع في الفقرة الأولى.", "The date of the meeting in the first paragraph was corrected."),
    ("أضيفت فقرة عن نتائج الاجتماع.", "A paragraph on the outcome of the meeting was added."),
]
KINDS = [Release.Kind.NEWS] * 5 + [Release.Kind.STATEMENT] * 3 + [Release.Kind.SPEECH, Release.Kind.PRESS_RELEASE]


def _speakers(rng):
    """A dozen speakers, each with a post held over some years of the archive."""
    organisations = {}
    for key, name_ar, name_en, acronym_ar, acronym_en in ORGANISATIONS:
        organisations[key], _created = Organisation.objects.get_or_create(
            name_en=name_en, defaults={"name_ar": name_ar, "acronym_ar": acronym_ar, "acronym_en": acronym_en},
        )
    speakers = []
    for number in range(12):
        first_ar, first_en = FIRST_NAMES[number % len(FIRST_NAMES)]
        family_ar, family_en = FAMILY_NAMES[(number * 3) % len(FAMILY_NAMES)]
        slug = f"{GENERATED_PREFIX}{make_slug(first_en + ' ' + family_en)}"
        speaker, created = Speaker.objects.get_or_create(slug=slug, defaults={
            "honorific_ar": "سعادة", "honorific_en": "H.E.",
            "name_ar": f"{first_ar} {family_ar}", "name_en": f"{first_en} {family_en}",
            "bio_ar": "دبلوماسي يعمل في الشؤون متعددة الأطراف.", "bio_en": "A diplomat working in multilateral affairs.",
        })
        if created:
            start = datetime.date(1990 + number * 3, 1 + number % 12, 1)
            middle = start + datetime.timedelta(days=365 * 4)
            first_post, second_post = POSTS[number % len(POSTS)], POSTS[(number + 1) % len(POSTS)]
            Appointment.objects.bulk_create([
                Appointment(speaker=speaker, post_title_ar=first_post[0], post_title_en=first_post[1],
                            organisation=organisations[first_post[2]], started_on=start,
                            ended_on=middle - datetime.timedelta(days=1)),
                Appointment(speaker=speaker, post_title_ar=second_post[0], post_title_en=second_post[1],
                            organisation=organisations[second_post[2]], started_on=middle,
                            ended_on=None if number >= 8 else middle + datetime.timedelta(days=365 * 5)),
            ])
        speakers.append(speaker)
    # With their posts, read by the search index for every edition they speak in.
    speakers = list(Speaker.objects.filter(pk__in=[s.pk for s in speakers]).prefetch_related("appointments__organisation"))
    programmes = []
    for name_ar, name_en, short_ar, short_en, partners in PROGRAMMES:
        programme, created = Programme.objects.get_or_create(slug=f"{GENERATED_PREFIX}{make_slug(name_en)}", defaults={
            "name_ar": name_ar, "name_en": name_en, "short_name_ar": short_ar, "short_name_en": short_en,
            "description_ar": f"برنامج يعنى بـ{name_ar}.", "description_en": f"A programme for {name_en}.",
            "is_featured": len(programmes) < 3,
        })
        if created:
            programme.partners.set([organisations[key] for key in partners])
        programmes.append(programme)
    return speakers, programmes


class _Writer:
    """Composes one release's texts in both languages from the phrase lists."""

    def __init__(self, rng):
        self.rng = rng

    def texts(self, speaker, programme):
        rng = self.rng
        slots = [
            ("speaker", (speaker.name_ar, speaker.name_en)),
            ("topic", rng.choice(TOPICS)),
            ("meeting", rng.choice(MEETINGS)),
            ("programme", (programme.name_ar, programme.name_en) if programme else ("البعثة", "the Mission")),
        ]
        def fill(pair):
            return tuple(pair[index].format(**{key: value[index] for key, value in slots}) for index in (0, 1))

        headline = fill(rng.choice(HEADLINES))
        paragraphs = [fill(rng.choice(OPENINGS))]
        for _paragraph in range(rng.randint(5, 9)):
            chosen = [fill(sentence) for sentence in rng.sample(SENTENCES, rng.randint(3, 5))]
            paragraphs.append(tuple(" ".join(sentence[index] for sentence in chosen) for index in (0, 1)))
        summary = tuple(f"<p>{paragraph}</p>" for paragraph in paragraphs[0])  # rich text, as the editor makes
        body = tuple("".join(f"<p>{paragraph[index]}</p>" for paragraph in paragraphs) for index in (0, 1))
        meeting = dict(slots)["meeting"]
        return {"headline": headline, "summary": summary, "body": body, "occasion": meeting}


def _index(editions, *, speakers_of, programmes_of):
    """The search rows of the public editions of releases that aren't withdrawn."""
    from releases.models import SearchDocument
    from releases.search.index import edition_documents

    rows = []
    for edition in editions:
        if edition.state in PUBLIC_STATES and edition.release.withdrawn_at is None:
            edition._prefetched_objects_cache = {
                "speakers": speakers_of[edition.pk], "programmes": programmes_of[edition.pk],
            }
            # One public edition per generated release: none takes over from it.
            rows += edition_documents(edition, public_until=None)
    SearchDocument.objects.bulk_create(rows, batch_size=500)


def _local_date(moment):
    return timezone.localtime(moment).date()


def generate_archive(*, releases, drafts=0, seed=1, start_year=1995, batch_size=1000, progress=None, analyse=True):
    """Write `releases` public releases (a few scheduled, a few withdrawn) and `drafts` unpublished ones.

    `progress(done, total, what)` is told after each batch. `analyse` updates the planner's statistics
    at the end, as after any bulk load. Returns the new releases' ids and the seconds it took.
    """
    from releases.search.backends import backend

    rng = random.Random(seed)
    writer = _Writer(rng)
    speakers, programmes = _speakers(rng)
    now = timezone.now()
    start = timezone.make_aware(datetime.datetime(start_year, 1, 1, 9, 0))
    span = (now - start).total_seconds()
    total = releases + drafts
    # Oldest first, so that ids follow publication as they would in a real archive.
    public_times = sorted(start + datetime.timedelta(seconds=rng.random() * span) for _n in range(releases))
    plans = []
    for number, moment in enumerate(public_times):
        roll = rng.random()
        if number >= releases - max(1, releases // 200) and releases >= 10:
            # The newest few are scheduled: they go public over the coming days.
            kind = "scheduled"
            moment = now + datetime.timedelta(hours=rng.randint(2, 24 * 7))
        elif roll < 0.01:
            kind = "withdrawn"
        elif roll < 0.06:
            kind = "corrected"
        else:
            kind = "published"
        plans.append((kind, moment))
    for _n in range(drafts):
        plans.append(("draft" if rng.random() < 0.7 else "in_review", None))

    new_ids = []
    started = time.monotonic()
    # The index rows are made from the editions in memory, as `search_index_releases` would make them
    # from the database (new releases have no rows to replace): the same `edition_documents`.
    with backend().bulk_load():
        for offset in range(0, total, batch_size):
            batch = plans[offset:offset + batch_size]
            with transaction.atomic():
                new_ids += _write_batch(batch, writer, rng, speakers, programmes, now)
            if progress:
                progress(offset + len(batch), total, "releases")
    if analyse:
        from releases.models import SearchDocument

        refresh_statistics([Release, Edition, Correction, SearchDocument])
    return new_ids, time.monotonic() - started


def _write_batch(batch, writer, rng, speakers, programmes, now):
    release_rows = []
    edition_plans = []
    for kind, moment in batch:
        speaker = rng.choice(speakers)
        programme = rng.choice(programmes) if rng.random() < 0.4 else None
        texts = writer.texts(speaker, programme)
        translated = kind in ("draft", "in_review") or rng.random() < 0.85
        release = Release(
            kind=rng.choice(KINDS), slug=make_slug(texts["headline"][1]),
            first_published_at=moment if kind not in ("draft", "in_review") else None,
        )
        if kind == "withdrawn":
            notice = rng.choice(WITHDRAWAL_NOTICES)
            release.withdrawn_at = moment + datetime.timedelta(hours=rng.randint(1, 48))
            release.withdrawal_notice_ar, release.withdrawal_notice_en = notice
        release_rows.append(release)
        edition_plans.append((kind, moment, speaker, programme, texts, translated))
    Release.objects.bulk_create(release_rows)

    editions = []
    links = []
    corrections = []
    for release, (kind, moment, speaker, programme, texts, translated) in zip(release_rows, edition_plans):
        place = rng.choice(PLACES)
        source = rng.choice(SOURCES)
        dateline = _local_date(moment or now) - datetime.timedelta(days=rng.choice((0, 0, 0, 1)))

        def edition(number, state, published_at, texts=texts):
            values = {"release": release, "number": number, "state": state, "published_at": published_at,
                      "dateline_date": dateline}
            for index, language in enumerate(("ar", "en")):
                if index == 1 and not translated:
                    continue
                values.update({
                    f"headline_{language}": texts["headline"][index], f"summary_{language}": texts["summary"][index],
                    f"body_{language}": texts["body"][index], f"occasion_{language}": texts["occasion"][index],
                    f"dateline_place_{language}": place[index], f"dateline_source_{language}": source[index],
                })
            return Edition(**values)

        if kind in ("draft", "in_review"):
            chain = [edition(1, State.DRAFT if kind == "draft" else State.IN_REVIEW, None)]
        elif kind == "scheduled":
            chain = [edition(1, State.SCHEDULED, moment)]
        elif kind == "corrected":
            later = moment + datetime.timedelta(hours=rng.randint(1, 72))
            chain = [edition(1, State.SUPERSEDED, moment), edition(2, State.PUBLISHED, min(later, now))]
            corrections.append((release, chain[1], rng.choice(CORRECTIONS), min(later, now)))
        else:
            chain = [edition(1, State.PUBLISHED, moment)]
        editions += chain
        links.append((chain, speaker, programme))
    Edition.objects.bulk_create(editions)

    through_speakers = Edition.speakers.through
    through_programmes = Edition.programmes.through
    speaker_rows, programme_rows = [], []
    for chain, speaker, programme in links:
        for item in chain:
            speaker_rows.append(through_speakers(edition_id=item.pk, speaker_id=speaker.pk))
            if programme:
                programme_rows.append(through_programmes(edition_id=item.pk, programme_id=programme.pk))
    through_speakers.objects.bulk_create(speaker_rows)
    through_programmes.objects.bulk_create(programme_rows)
    Correction.objects.bulk_create([
        Correction(release=release, edition=edition, kind=Correction.Kind.CORRECTION,
                   note_ar=note[0], note_en=note[1], published_at=at)
        for release, edition, note, at in corrections
    ])
    _index(editions, speakers_of={item.pk: [speaker] for chain, speaker, _p in links for item in chain},
           programmes_of={item.pk: [programme] if programme else [] for chain, _s, programme in links
                          for item in chain})
    ids = [release.pk for release in release_rows]
    # The live edition is the published one, as the workflow leaves it.
    Release.objects.filter(pk__in=ids).update(live_edition=Subquery(
        Edition.objects.filter(release=OuterRef("pk"), state=State.PUBLISHED).order_by("-number").values("pk")[:1]
    ))
    return ids


def generate_import_files(directory, *, count, seed=1, start_year=1975, end_year=1994, english=0.8):
    """Write `count` release files in the importer's format (NAME.txt, and NAME.en.txt for most).

    Their datelines fall between `start_year` and `end_year`, so an older archive being brought in
    doesn't meet the generated one's dates; no two share a headline and a date (the importer would
    take the second for a changed copy of the first). Returns the paths of the Arabic files.
    """
    from pathlib import Path

    from releases.importer.export import edition_as_text
    from releases.importer.sources import ENGLISH_SUFFIX

    rng = random.Random(seed)
    writer = _Writer(rng)
    speakers, programmes = _speakers(rng)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    first, days = datetime.date(start_year, 1, 1), (datetime.date(end_year, 12, 31) - datetime.date(start_year, 1, 1)).days
    seen, written = set(), []
    while len(written) < count:
        day = first + datetime.timedelta(days=rng.randrange(days + 1))
        speaker, programme = rng.choice(speakers), rng.choice(programmes) if rng.random() < 0.4 else None
        texts = writer.texts(speaker, programme)
        if (texts["headline"][0], day) in seen:
            continue
        seen.add((texts["headline"][0], day))
        place, source = rng.choice(PLACES), rng.choice(SOURCES)
        edition = Edition(dateline_date=day)
        for index, language in enumerate(("ar", "en")):
            setattr(edition, f"headline_{language}", texts["headline"][index])
            setattr(edition, f"body_{language}", texts["body"][index])
            setattr(edition, f"dateline_place_{language}", place[index])
            setattr(edition, f"dateline_source_{language}", source[index])
        stem = directory / f"{day:%Y-%m-%d}-{len(written):05d}"
        stem.with_suffix(".txt").write_text(edition_as_text(edition=edition, language="ar"), encoding="utf-8")
        if rng.random() < english:
            Path(f"{stem}{ENGLISH_SUFFIX}").write_text(edition_as_text(edition=edition, language="en"),
                                                        encoding="utf-8")
        written.append(stem.with_suffix(".txt"))
    return written
