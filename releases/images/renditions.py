"""Responsive renditions of an uploaded image, in WebP and JPEG, made once and kept in storage.

A rendition is named after its original and a keyed hash:
`renditions/<original name>/<width>-<hash>.<ext>`. The original's name is
already random, and the hash (keyed with SECRET_KEY) means that knowing an
original's address does not give its renditions' either; `source_name()`
turns a rendition's name back into its original's, for a view that checks
whether a file may be served. A small JSON manifest beside them records
what was made; it is written last, so a manifest means a complete set.

A missing or broken original never breaks a page: `renditions_for()` logs
the error and returns None, and the page is shown without the image.
"""

import io
import json
import logging
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.crypto import salted_hmac
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

PREFIX = "renditions/"
# Enough for a 390 px phone at 3x and a 1600 px screen, in steps a browser can choose between.
WIDTHS = (400, 640, 800, 1200, 1600)
FORMATS = {"webp": ("WEBP", {"quality": 70, "method": 6}), "jpeg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True})}
# Bump when the way renditions are made changes: every image gets new ones on its next view.
VERSION = "3"
_MEMO_SIZE = 512


@dataclass(frozen=True)
class Rendition:
    format: str
    width: int
    height: int
    name: str


@dataclass(frozen=True)
class Renditions:
    width: int
    height: int
    items: tuple

    def of_format(self, format):
        return [item for item in self.items if item.format == format]

    def closest(self, format, width):
        """The smallest rendition at least `width` wide, or the largest there is."""
        items = self.of_format(format)
        return next((item for item in items if item.width >= width), items[-1])


def _token(name, label):
    return salted_hmac("releases.renditions", f"{name}|{label}|{VERSION}").hexdigest()[:20]


def _name(original, width, format):
    extension = "webp" if format == "webp" else "jpg"
    return f"{PREFIX}{original}/{width}-{_token(original, f'{width}{format}')}.{extension}"


def _manifest_name(original):
    return f"{PREFIX}{original}/{_token(original, 'manifest')}.json"


def source_name(name):
    """The original image of a rendition's name, or None if `name` is not one of ours."""
    if not name.startswith(PREFIX) or "/" not in name[len(PREFIX):]:
        return None
    original, _sep, leaf = name[len(PREFIX):].rpartition("/")
    width = leaf.split("-", 1)[0]
    names = {_manifest_name(original)}
    if width.isdigit():
        names |= {_name(original, int(width), format) for format in FORMATS}
    return original if name in names else None


def target_widths(width):
    """The widths to make for an original `width` pixels wide: never wider than the original."""
    widths = [w for w in WIDTHS if w < width]
    return widths + [min(width, WIDTHS[-1])]


def _open(original):
    with default_storage.open(original, "rb") as handle:
        data = handle.read()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        image.load()
    # Photos from phones carry their orientation in EXIF; renditions carry no EXIF (or GPS) at all.
    return ImageOps.exif_transpose(image), image.info.get("icc_profile")


def _encode(image, format, icc_profile):
    pil_format, options = FORMATS[format]
    if format == "jpeg" and image.mode != "RGB":
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
        image = flat
    elif image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    buffer = io.BytesIO()
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    image.save(buffer, pil_format, **options, **extra)
    return buffer.getvalue()


def _save(name, data):
    if default_storage.exists(name):
        default_storage.delete(name)  # a half-written file from an interrupted run
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:  # another process wrote it at the same moment: theirs is the same bytes
        default_storage.delete(saved)


def _make(original):
    image, icc_profile = _open(original)
    if image.mode == "P":
        image = image.convert("RGBA")
    width, height = image.size
    items = []
    for target in target_widths(width):
        resized = image if target == width else image.resize(
            (target, max(1, round(height * target / width))), Image.Resampling.LANCZOS, reducing_gap=3.0
        )
        for format in FORMATS:
            name = _name(original, target, format)
            _save(name, _encode(resized, format, icc_profile))
            items.append(Rendition(format, resized.width, resized.height, name))
    manifest = {"width": width, "height": height, "items": [item.__dict__ for item in items]}
    _save(_manifest_name(original), json.dumps(manifest).encode())
    return _from_manifest(manifest)


def _from_manifest(manifest):
    items = tuple(sorted((Rendition(**item) for item in manifest["items"]), key=lambda item: (item.format, item.width)))
    return Renditions(manifest["width"], manifest["height"], items)


def _read_manifest(original):
    name = _manifest_name(original)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        return _from_manifest(json.loads(handle.read()))


# An original's renditions never change (its name is never reused), so each process remembers them.
_memo = OrderedDict()
_lock = threading.Lock()


def renditions_for(original):
    """The renditions of the stored image `original`, made on first use; None if it can't be read."""
    if not original:
        return None
    with _lock:
        if original in _memo:
            _memo.move_to_end(original)
            return _memo[original]
    try:
        renditions = _read_manifest(original) or _make(original)
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: the page goes on without it
        logger.error("Lead image %s can't be read or resized; it is left out of the page.", original, exc_info=True)
        return None
    with _lock:
        _memo[original] = renditions
        if len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return renditions


def prepare(originals):
    """Make the renditions of these images now (on publication), so no reader waits for them."""
    for original in originals:
        renditions_for(original)


def forget():
    """Tests: forget what this process remembers."""
    with _lock:
        _memo.clear()

