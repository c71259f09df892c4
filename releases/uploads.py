"""Upload handling: unguessable names, and images that Pillow has fully decoded."""

import os
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image

ALLOWED_IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
ALLOWED_ATTACHMENT_EXTENSIONS = {".pdf", ".docx", ".odt", ".txt"}


@deconstructible
class unguessable_path:  # noqa: N801 - used like a function in field definitions
    """upload_to that replaces the uploaded name by a random one.

    Files of unpublished editions are served from the same media root as
    published ones; a random name is what keeps them from being guessed.
    """

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()[:10]
        token = uuid.uuid4().hex
        return f"{self.prefix}/{token[:2]}/{token}{extension}"

    def __eq__(self, other):
        return isinstance(other, unguessable_path) and other.prefix == self.prefix


def validate_image(field_file):
    """Decode the whole image: a non-image, a truncated file or a decompression bomb is refused."""
    if getattr(field_file, "_committed", False):
        return  # already stored: it was validated when it was uploaded
    size = getattr(field_file, "size", 0) or 0
    if size > settings.PRESSOFFICE_MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is too large (%(size)d MB). The limit is %(limit)d MB.")
            % {"size": size // (1024 * 1024), "limit": settings.PRESSOFFICE_MAX_IMAGE_BYTES // (1024 * 1024)},
            code="too_large",
        )
    try:
        field_file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(field_file) as image:
                if image.format not in ALLOWED_IMAGE_FORMATS:
                    raise ValidationError(
                        _("Images must be JPEG, PNG, WebP or GIF."), code="format"
                    )
                width, height = image.size
                if width * height > settings.PRESSOFFICE_MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("The image has too many pixels (%(width)d×%(height)d).")
                        % {"width": width, "height": height},
                        code="too_many_pixels",
                    )
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image has too many pixels to be processed safely."), code="bomb")
    except Exception:
        raise ValidationError(
            _("The file is not a valid image, or it is damaged or incomplete."), code="invalid"
        )
    finally:
        try:
            field_file.seek(0)
        except (ValueError, OSError):
            pass


def validate_attachment(field_file):
    extension = os.path.splitext(field_file.name)[1].lower()
    if extension not in ALLOWED_ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Attachments must be one of: %(allowed)s.")
            % {"allowed": ", ".join(sorted(ALLOWED_ATTACHMENT_EXTENSIONS))},
            code="extension",
        )
    if (getattr(field_file, "size", 0) or 0) > 20 * 1024 * 1024:
        raise ValidationError(_("Attachments are limited to 20 MB."), code="too_large")
