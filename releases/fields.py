"""Model fields that carry a rule wherever they are declared.

- `PublicCharField` and `PublicTextField`: text that reaches the public. Bidi
  overrides and embeddings (U+202A-U+202E) are refused, in forms and again on
  save (`refuse_bidi_controls_on_save`), so no path (admin, workflow, importer, shell) can store one. The
  translated columns that django-modeltranslation adds are subclasses of the
  declared field, so they carry the rule too. Isolates (U+2066-U+2069) are allowed.
- `ContentTypedFileField` and `ContentTypedImageField`: the stored extension is
  that of the type found in the file's content, never the one it was named with.
- `TextJSONEncoder`: for a JSONField that holds text, which it writes as it is.
"""

import json
import os

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile

from .sanitise import reject_bidi_controls


class _RefusesBidiControls:
    default_validators = [reject_bidi_controls]


def refuse_bidi_controls_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """pre_save, for every model: the same rule for text that never went through a form.

    A signal rather than Field.pre_save, so the refusal comes before any query
    and leaves the caller's transaction usable.
    """
    if raw:
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, _RefusesBidiControls) or (update_fields is not None and field.name not in update_fields
                                                            and field.attname not in update_fields):
            continue
        try:
            reject_bidi_controls(getattr(instance, field.attname))
        except ValidationError as error:
            # Named, because a service (a withdrawal, say) shows the message away from the field.
            message = f"{field.verbose_name}: {error.messages[0]}"
            raise ValidationError({field.attname: [ValidationError(message, code="bidi_control")]}) from None


class PublicCharField(_RefusesBidiControls, models.CharField):
    pass


class PublicTextField(_RefusesBidiControls, models.TextField):
    pass


class _TypedFileMixin:
    def save(self, name, content, save=True):
        try:
            extension = self.field.detect_extension(content, name or "")
        except ValidationError:
            extension = ".bin"  # never validated (a shell or a script): stored as opaque bytes
        stem = os.path.splitext(os.path.basename(name or "upload"))[0] or "upload"
        super().save(stem + extension, content, save)


class _TypedFieldFile(_TypedFileMixin, FieldFile):
    pass


class _TypedImageFieldFile(_TypedFileMixin, ImageFieldFile):
    pass


class ContentTypedFileField(models.FileField):
    attr_class = _TypedFieldFile

    def detect_extension(self, content, name):
        from .uploads import attachment_extension

        return attachment_extension(content, name)


class ContentTypedImageField(models.ImageField):
    attr_class = _TypedImageFieldFile

    def detect_extension(self, content, name):
        from .uploads import image_extension

        return image_extension(content)


class TextJSONEncoder(json.JSONEncoder):
    """JSON with its text written as it is, not as `\\u` escapes (`ensure_ascii=False`).

    An Arabic letter escaped is six ASCII bytes, each escape with a backslash that
    PostgreSQL's array syntax escapes again when many rows are written at once: an
    edition's translation basis (a copy of its Arabic text) became three times its
    size, and escaping it was the largest single cost of a bulk import. The JSON read
    back is the same.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})
