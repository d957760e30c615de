"""The caller's arguments to `clean()`, checked before any work.

A crawler passes what its fetcher handed it; a wrong value must come back as an `InputError`
that names the argument, not as a `ValueError` from deep inside a parser on some later page.
(`encoding` and `headers` are checked where they are read, in `decode` and `charsets`.)
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .decode import is_unicode
from .errors import InputError
from .limits import DEFAULT_LIMITS, Limits

INPUT_TYPES = ("auto", "text", "html")


def checked_url(url: object) -> str | None:
    """The url, when it is text a url parser can read."""
    if url is None:
        return None
    if not isinstance(url, str):
        raise InputError(f"url must be a str, not {type(url).__name__}")
    if not is_unicode(url):
        raise InputError("url holds a lone surrogate, which is no character")
    try:
        urlsplit(url)
    except ValueError as exc:
        raise InputError(f"url {url[:200]!r} cannot be parsed: {exc}") from None
    return url


def checked_input_type(input_type: object) -> str:
    if input_type not in INPUT_TYPES:
        raise InputError(f"input_type must be 'auto', 'text' or 'html', not {input_type!r}")
    return input_type  # type: ignore[return-value]


def checked_whole_page(whole_page: object) -> bool | None:
    if whole_page is not None and not isinstance(whole_page, bool):
        raise InputError(f"whole_page must be True, False or None, not {whole_page!r}")
    return whole_page


def checked_images(images: object) -> bool:
    if not isinstance(images, bool):
        raise InputError(f"images must be True or False, not {images!r}")
    return images


def checked_limits(limits: object) -> Limits:
    """The limits to apply (None: the defaults); a `Limits` checks its own values when made."""
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, Limits):
        raise InputError(f"limits must be a cleaner.Limits, not {type(limits).__name__}")
    return limits
