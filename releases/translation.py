"""Translated fields. Arabic is the source language, English the translation."""

from modeltranslation.translator import TranslationOptions, register

from .models import Appointment, Attachment, Correction, Edition, Organisation, Page, Programme, Release, Speaker


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "acronym")
    required_languages = ("ar",)


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("honorific", "name", "bio")
    required_languages = ("ar",)


@register(Appointment)
class AppointmentTranslationOptions(TranslationOptions):
    fields = ("post_title",)
    required_languages = ("ar",)


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")
    required_languages = ("ar",)


@register(Release)
class ReleaseTranslationOptions(TranslationOptions):
    fields = ("withdrawal_notice",)


@register(Edition)
class EditionTranslationOptions(TranslationOptions):
    fields = (
        "headline", "summary", "body", "dateline_place", "dateline_source",
        "occasion", "lead_image_alt", "lead_image_caption", "change_note",
    )
    required_languages = {"ar": ("headline", "body", "dateline_place")}
    # An English page shows English or nothing: never Arabic text dressed as English.
    fallback_languages = {"default": ()}


@register(Attachment)
class AttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("ar",)


@register(Correction)
class CorrectionTranslationOptions(TranslationOptions):
    fields = ("note",)
    required_languages = ("ar",)


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = {"ar": ("title",)}
    fallback_languages = {"default": ()}
