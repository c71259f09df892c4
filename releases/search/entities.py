"""Speakers, programmes and organisations as search knows them.

A query that names one of them, in Arabic or English, by full name, short
name or acronym, asks for any of its names: UNICEF finds releases that say
اليونيسف or منظمة الأمم المتحدة للطفولة, and the other way round. The
names of the records an edition links (its speakers, the organisations of
their posts, its programmes) are also indexed with the edition, in
both languages, so a release is found by a speaker it links even when its
text calls them only "سعادتها".
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from releases.models import Organisation, Programme, Speaker

from .analysis import Term, query_terms

CACHE_KEY = "pressoffice:search:entities"


def _organisation_names(organisation):
    return [organisation.name_ar, organisation.name_en, organisation.acronym_ar, organisation.acronym_en]


def _programme_names(programme):
    return [programme.name_ar, programme.name_en, programme.short_name_ar, programme.short_name_en]


def edition_entity_text(edition):
    """The names of everything `edition` links, in every language, as one text for the index."""
    names = []
    for speaker in edition.speakers.all():
        names += [speaker.name_ar, speaker.name_en]
        post = speaker.post_on(edition.dateline_date)
        if post and post.organisation:
            names += _organisation_names(post.organisation)
    # A programme's partners are not named: a release linked to a programme is not
    # about each of its partners, and a release that names a partner is found by that name.
    for programme in edition.programmes.all():
        names += _programme_names(programme)
    return " | ".join(name for name in names if name)


def _key(terms):
    return tuple(term.alternatives for term in terms)


def _lexicon():
    """{name as terms: the alternatives that stand for the record}, for every record with a name."""
    records = [_programme_names(programme) for programme in Programme.objects.all()]
    records += [_organisation_names(organisation) for organisation in Organisation.objects.all()]
    records += [[speaker.name_ar, speaker.name_en] for speaker in Speaker.objects.all()]
    lexicon = {}
    for names in records:
        spelled = [query_terms(name) for name in names if name]
        alternatives = tuple(
            dict.fromkeys(tuple(term.alternatives[0][0] for term in terms) for terms in spelled if terms)
        )
        for terms in spelled:
            if terms:
                # A name two records share stands for both.
                lexicon[_key(terms)] = tuple(dict.fromkeys(lexicon.get(_key(terms), ()) + alternatives))
    return lexicon


def lexicon():
    value = cache.get(CACHE_KEY)
    if value is None:
        value = _lexicon()
        cache.set(CACHE_KEY, value, 3600)
    return value


def expand(terms, names=None):
    """`terms` with each run that names a record replaced by one term for any of its names."""
    names = lexicon() if names is None else names
    longest = max((len(key) for key in names), default=0)
    result, start = [], 0
    while start < len(terms):
        for length in range(min(longest, len(terms) - start), 0, -1):
            run = terms[start:start + length]
            alternatives = names.get(_key(run))
            if alternatives:
                highlight = frozenset().union(*(term.highlight for term in run))
                # A name of several words is marked only where its words stand together.
                highlight |= {alternative[0] if len(alternative) == 1 else alternative for alternative in alternatives}
                result.append(Term(tuple(dict.fromkeys(_key_alternatives(run) + alternatives)), highlight))
                start += length
                break
        else:
            result.append(terms[start])
            start += 1
    return result


def _key_alternatives(run):
    # A one-word name keeps all the word's own readings.
    return run[0].alternatives if len(run) == 1 else ()


@receiver(post_save, sender=Speaker)
@receiver(post_save, sender=Programme)
@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Speaker)
@receiver(post_delete, sender=Programme)
@receiver(post_delete, sender=Organisation)
def _forget_lexicon(**kwargs):
    cache.delete(CACHE_KEY)
