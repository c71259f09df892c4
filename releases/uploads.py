"""Uploads: recognised by their content, stored under random names with the extension of what they are.

The name a file arrives with says nothing about what it holds: a PNG named
x.pdf is a PNG, and a .pdf that holds HTML is a web page. Images are decoded
whole by Pillow; attachments must be a PDF that pypdf can read, a Word
(.docx) or OpenDocument (.odt) text document with the parts that make one,
or plain UTF-8 text (only when named .txt, since text has no signature).
"""

import os
import re
import uuid
import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image

ALLOWED_IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
ALLOWED_ATTACHMENT_EXTENSIONS = {".pdf", ".docx", ".odt", ".txt"}
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Unpacked, a real document is a few times its size; far more is a zip bomb.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_LOOKS_LIKE_MARKUP = re.compile(rb"^\s*(<|\xef\xbb\xbf\s*<)|<\s*(html|script|svg|body|iframe)\b", re.I)
_KNOWN_SIGNATURES = (
    (b"\x89PNG", lambda: _("a PNG image")),
    (b"\xff\xd8\xff", lambda: _("a JPEG image")),
    (b"GIF8", lambda: _("a GIF image")),
    (b"RIFF", lambda: _("a WebP image or another media file")),
    (b"\xd0\xcf\x11\xe0", lambda: _("an old Word or Excel document (.doc, .xls)")),
    (b"{\\rtf", lambda: _("an RTF document")),
    (b"MZ", lambda: _("a program")),
    (b"\x7fELF", lambda: _("a program")),
)


@deconstructible
class unguessable_path:  # noqa: N801 - used like a function in field definitions
    """upload_to that replaces the uploaded name by a random one, keeping the extension given."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()[:10]
        token = uuid.uuid4().hex
        return f"{self.prefix}/{token[:2]}/{token}{extension}"

    def __eq__(self, other):
        return isinstance(other, unguessable_path) and other.prefix == self.prefix


def _head(file, size=2048):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def image_extension(file):
    """The extension of the image format Pillow finds in `file`. Raises ValidationError."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            extension = ALLOWED_IMAGE_FORMATS.get(image.format)
    except Exception:
        extension = None
    finally:
        file.seek(0)
    if extension is None:
        raise ValidationError(_("Images must be JPEG, PNG, WebP or GIF."), code="format")
    return extension


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


def _allowed_list():
    return _("a PDF, a Word document (.docx), an OpenDocument text (.odt) or a plain-text file (.txt)")


def _check_pdf(file):
    from pypdf import PdfReader

    try:
        file.seek(0)
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise ValidationError(_("The PDF is protected by a password. Upload a copy without one."),
                                  code="pdf_encrypted")
        if len(reader.pages) < 1:
            raise ValueError("no pages")
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(_("The file starts like a PDF but is damaged or incomplete."), code="pdf_damaged")
    finally:
        file.seek(0)
    return ".pdf"


def _check_zip(file):
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if sum(entry.file_size for entry in entries) > MAX_UNZIPPED_BYTES:
                raise ValidationError(_("The document unpacks to far more than its size: it can't be accepted."),
                                      code="zip_bomb")
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                if DOCX_MAIN not in archive.read("[Content_Types].xml"):
                    raise ValueError("not a plain Word document")
                return ".docx"
            if entries and entries[0].filename == "mimetype" and "content.xml" in names:
                if archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return ".odt"
    except ValidationError:
        raise
    except Exception:
        pass
    finally:
        file.seek(0)
    raise ValidationError(
        _("This file is a zip archive, but not a Word (.docx) or OpenDocument text (.odt) document. "
          "Attachments must be %(allowed)s.") % {"allowed": _allowed_list()},
        code="zip_other",
    )


def _check_text(file):
    file.seek(0)
    data = file.read(settings.PRESSOFFICE_MAX_ATTACHMENT_BYTES + 1)
    file.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("A .txt attachment must be plain text in UTF-8."), code="text_encoding") from None
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        raise ValidationError(_("A .txt attachment must be plain text, not a binary file."), code="text_binary")
    if _LOOKS_LIKE_MARKUP.search(data[:4096]):
        raise ValidationError(_("This file is a web page (HTML or XML), not plain text."), code="text_markup")
    return ".txt"


def attachment_extension(file, name=""):
    """The extension of what `file` really is, among the attachment types we allow. Raises ValidationError."""
    head = _head(file)
    if head.startswith(b"%PDF-"):
        return _check_pdf(file)
    if head.startswith(b"PK\x03\x04"):
        return _check_zip(file)
    if os.path.splitext(name)[1].lower() == ".txt":
        return _check_text(file)
    claimed = os.path.splitext(name)[1].lower() or _("no extension")
    kind = next((describe() for signature, describe in _KNOWN_SIGNATURES if head.startswith(signature)), None)
    if kind is None and _LOOKS_LIKE_MARKUP.search(head):
        kind = _("a web page (HTML or XML)")
    if kind is None:
        kind = _("of a type we can't recognise")
    raise ValidationError(
        _("This file is named %(claimed)s but it is %(kind)s. Attachments must be %(allowed)s.")
        % {"claimed": claimed, "kind": kind, "allowed": _allowed_list()},
        code="type",
    )


def validate_attachment(field_file):
    if getattr(field_file, "_committed", False):
        return
    if (getattr(field_file, "size", 0) or 0) > settings.PRESSOFFICE_MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("Attachments are limited to 20 MB."), code="too_large")
    attachment_extension(field_file, field_file.name or "")
