"""Lead images: responsive renditions, the one function that makes their addresses, and the alt-text rule."""

from .alt_text import missing_alt_text
from .links import file_url
from .renditions import Renditions, renditions_for

__all__ = ["Renditions", "file_url", "missing_alt_text", "renditions_for"]
