"""Charset labels as browsers read them, and the `Content-Type` of whatever headers a crawler has.

A page's charset label is data from the web, so it is read the way the WHATWG Encoding Standard
says browsers read it (through `webencodings`, which carries the standard's table): "latin1" and
"ascii" mean windows-1252, "gb2312" means GBK, and a label the standard does not list is no
charset at all. So a page cannot make us decode it with a Python codec that is not a text
encoding (`rot13`, `base64`, `zlib`, `unicode_escape`, which rewrites `C:\\new` into a newline) or
with UTF-7, which browsers dropped because `+ADw-script+AD4-` decodes to `<script>`.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import webencodings

from .errors import InputError

# The standard's decoders where Python's codec of the same name is narrower: its GBK decoder is
# the gb18030 decoder. (webencodings maps gbk to Python's gbk codec, which refuses 4-byte codes.)
_WIDER_DECODER = {"gbk": "gb18030"}


@dataclass(frozen=True, slots=True)
class Charset:
    """A charset the standard defines: its name there, and the Python codec that decodes it."""

    name: str
    codec: str
    decoder: codecs.CodecInfo

    def decode(self, data: bytes) -> str:
        """The bytes decoded strictly (raises UnicodeDecodeError)."""
        return self.decoder.decode(data, "strict")[0]


class UnusableLabel(Exception):
    """A charset label that names no charset to decode with; the message says why."""


@lru_cache(maxsize=1024)  # labels are few in practice; a crawl of hostile ones must not grow it
def charset(label: str) -> Charset:
    """The charset a label names, as the WHATWG Encoding Standard reads it.

    Raises `UnusableLabel` for a label of no encoding the standard defines (UTF-7 and Python's
    non-text codecs among them) and for the "replacement" labels (ISO-2022-KR, HZ-GB-2312...),
    which the standard decodes as one U+FFFD: a page that says so cannot be read at all.
    """
    encoding = _standard_encoding(label)
    if encoding is None:
        raise UnusableLabel("not a charset label of the WHATWG Encoding Standard")
    if encoding.name == "replacement":
        raise UnusableLabel("a label the Encoding Standard maps to its replacement encoding (no text)")
    wider = _WIDER_DECODER.get(encoding.name)
    decoder = codecs.lookup(wider) if wider else encoding.codec_info
    return Charset(encoding.name, decoder.name, decoder)


def _standard_encoding(label: str) -> webencodings.Encoding | None:
    """The standard's encoding for a label; a Python alias of one of its encodings ("latin-1",
    "euc_kr", "utf_8") is read as that encoding, as Python software writes such labels too."""
    if not label.isascii():
        return None
    found = webencodings.lookup(label)
    if found is not None:
        return found
    try:
        python_name = codecs.lookup(label.strip().lower()).name
    except (LookupError, ValueError):
        return None
    return webencodings.lookup(python_name) or webencodings.lookup(python_name.replace("_", "-"))


def content_type(headers: object) -> str | None:
    """The last `Content-Type` value among the headers, or None.

    Takes what crawlers hold: a mapping (dict, requests' CaseInsensitiveDict, httpx.Headers),
    anything with `items()` (http.client.HTTPMessage, email.message.Message), an iterable of
    (name, value) pairs, Scrapy's bytes names with lists of values. Raises `InputError` for
    anything else, naming the argument.
    """
    if not headers:
        return None
    found = None
    for name, value in _pairs(headers):
        if _text(name, "a header name").strip().lower() == "content-type":
            found = _header_value(value)
    return found


def _pairs(headers: object) -> Iterable[tuple[object, object]]:
    if isinstance(headers, (str, bytes, bytearray)):
        raise InputError(f"headers must be a mapping or (name, value) pairs, not {type(headers).__name__}")
    items = getattr(headers, "items", None)
    if callable(items):
        try:
            return list(items())  # type: ignore[misc]
        except Exception as exc:  # an object whose items() is not a mapping's
            raise InputError(f"headers: cannot read its items(): {exc}") from None
    try:
        pairs = list(headers)  # type: ignore[call-overload]
    except TypeError:
        raise InputError(f"headers must be a mapping or (name, value) pairs, not {type(headers).__name__}") from None
    if not all(isinstance(pair, (tuple, list)) and len(pair) == 2 for pair in pairs):
        raise InputError("headers given as a sequence must hold (name, value) pairs")
    return pairs


def _header_value(value: object) -> str:
    if isinstance(value, (list, tuple)):  # Scrapy keeps every value of a header in a list
        return ", ".join(_text(v, "a header value") for v in value)
    return _text(value, "a header value")


def _text(value: object, what: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")  # HTTP header bytes, as the standard reads them
    raise InputError(f"headers: {what} must be str or bytes, not {type(value).__name__}")
