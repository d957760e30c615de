"""Step 1 of the pipeline: whatever the caller hands us becomes one clean `str`.

Bytes are decoded by the first of these that holds, and `EncodingInfo` records which one
decided and how sure it was:

1. a byte-order mark;
2. a charset the caller gives (`encoding=`), then one in the HTTP `Content-Type` header;
3. a charset the document declares near its top (`<meta charset>`, `http-equiv`, `<?xml?>`);
4. strict UTF-8, then UTF-8 but for a few stray bytes (made U+FFFD);
5. chardet's guess from a bounded sample (and, if even that fails, cp1252 with replacement).

A declared charset is only believed when the bytes decode under it strictly and the result is
plausible text (a page that says latin-1 but is valid UTF-8 is UTF-8; Cyrillic bytes read as
cp1252 come out as a sea of accented Latin letters, which no language writes). Labels are read as
the WHATWG Encoding Standard says (`charsets.py`). Then `repair.py` repairs mojibake and
normalises whitespace, for bytes and `str` alike.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping
from functools import cache

from .charsets import UnusableLabel, charset, content_type
from .document import EncodingInfo
from .errors import InputError

SNIFF_BYTES = 4096  # where a <meta charset> may stand
CHARDET_BYTES = 32768  # how much chardet reads

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{2,40})""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.IGNORECASE)
# Labels that mean something larger in practice (the WHATWG encoding standard's mapping).
_SUPERSETS = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "tis-620": "cp874",
}


def decode(
    source: str | bytes | bytearray | memoryview,
    *,
    encoding: str | None = None,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
) -> tuple[str, EncodingInfo]:
    """Return the source as text, and how it was decoded. `clean_text` then repairs it.

    Raises `InputError` for a source that is neither text nor bytes, and for an `encoding` that
    names no charset of the Encoding Standard (the caller's word, unlike a page's, is not guessed
    around)."""
    _check_encoding_argument(encoding)
    header = content_type(headers)  # read now, so that bad headers are an error whatever the source
    if isinstance(source, str):
        info = EncodingInfo(None, "str", 1.0)
        return without_surrogates(source, info.fixes), info
    if isinstance(source, (bytes, bytearray, memoryview)):
        return decode_bytes(bytes(source), encoding=encoding, http_content_type=header)
    raise InputError(f"cannot clean a {type(source).__name__}: give str or bytes")


def is_unicode(text: str) -> bool:
    """True when the text can be written as UTF-8: it holds no surrogate code point."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def without_surrogates(text: str, fixes: list[str]) -> str:
    """Surrogate pairs (text that went through UTF-16 code units) joined into their characters,
    lone surrogates replaced by U+FFFD: a `str` may hold them, UTF-8 and libxml2 cannot."""
    if is_unicode(text):
        return text
    fixes.append("surrogates")
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _check_encoding_argument(encoding: object) -> None:
    if encoding is None:
        return
    if not isinstance(encoding, str):
        raise InputError(f"encoding must be a charset name (str), not {type(encoding).__name__}")
    try:
        charset(encoding)
    except UnusableLabel as exc:
        raise InputError(f"encoding {encoding!r} cannot be used: {exc}") from None


def decode_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    http_content_type: str | None = None,
) -> tuple[str, EncodingInfo]:
    """Bytes to text by the documented precedence (`http_content_type`: the HTTP header's value);
    never raises for bytes."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(codec, errors="replace"), EncodingInfo(codec, "bom", 1.0)
    rejected: list[str] = []
    for label, step in _declared(data, encoding, http_content_type):
        believed = _believe(data, label, step, rejected)
        if believed is not None:
            return believed[0], EncodingInfo(believed[1], step, 1.0, rejected)
    try:
        return data.decode("utf-8"), EncodingInfo("utf-8", "utf-8", 1.0, rejected)
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, valid_share = mostly
        return text, EncodingInfo("utf-8", "utf-8", valid_share, rejected, ["invalid-bytes"])
    return _guess(data, rejected)


# Of a UTF-8 text's non-ASCII characters, the share that may fail to decode: a few stray bytes. Text
# in a legacy charset fails at nearly every non-ASCII byte (GB18030's Chinese, whose byte pairs are
# the likeliest to pass as UTF-8, at most of them).
MAX_INVALID_SHARE = 0.1
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))


def _mostly_utf8(data: bytes) -> tuple[str, float] | None:
    """The bytes as UTF-8, each byte that does not decode made U+FFFD, with the share of non-ASCII
    characters that decoded, when no more than MAX_INVALID_SHARE of them did not: a UTF-8 page with a
    stray byte (a character cut in two, a byte pasted in from another charset), which a browser
    reads as UTF-8 too. No single-byte charset is right for it: it would make mojibake of every
    other accented letter ("sprzeciwiają" read as mac-latin2 is "sprzeciwiajńÖ"). Text in another
    charset fails to decode at nearly every non-ASCII byte."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(data.translate(None, _NON_ASCII_BYTES))  # characters less ASCII bytes
    valid = non_ascii - text.count("\ufffd")
    if invalid > MAX_INVALID_SHARE * valid:
        return None
    return text, round(valid / (valid + invalid), 3)


def _declared(data: bytes, encoding: str | None, header: str | None) -> list[tuple[str, str]]:
    found = []
    if encoding:
        found.append((encoding, "caller"))
    if header and (charset_label := _HEADER_CHARSET.search(header)):
        found.append((charset_label[1], "http-header"))
    head = data[:SNIFF_BYTES]
    if meta := (_XML_ENCODING.search(head) or _META_CHARSET.search(head)):
        found.append((meta[1].decode("ascii"), "meta"))
    return found


def _believe(data: bytes, label: str, step: str, rejected: list[str]) -> tuple[str, str] | None:
    """The text under a declared charset and its codec, or None (with the reason noted) when not
    to be believed: a label the Encoding Standard does not define, bytes that do not decode under
    it strictly, or a decoding that is not plausible text."""
    try:
        declared = charset(label)
    except UnusableLabel as exc:
        rejected.append(f"{step} {label!r}: {exc}")
        return None
    codec = declared.codec
    try:
        text = declared.decode(data)
    except UnicodeDecodeError as exc:
        rejected.append(f"{step} {label!r}: not valid {codec} at byte {exc.start}")
        return None
    if codec in ("utf-8", "utf-16-le", "utf-16-be") or data.isascii():
        return text, codec  # strict Unicode decoding that succeeds is right
    if _is_utf8(data):
        rejected.append(f"{step} {label!r}: the bytes are valid UTF-8")
        return None
    reason = implausible(text)
    if reason:
        rejected.append(f"{step} {label!r}: {reason}")
        return None
    return text, codec


@cache
def _codec(name: str) -> str | None:
    """The Python codec for a charset name chardet guessed; None for one that is not a text
    encoding we would decode a page with (chardet names UTF-7 and codecs beyond the standard's)."""
    try:
        info = codecs.lookup(name.strip().lower())
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name == "utf-7":
        return None
    return _SUPERSETS.get(info.name, info.name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess(data: bytes, rejected: list[str]) -> tuple[str, EncodingInfo]:
    """chardet's most confident guess that decodes into plausible text; cp1252 if none does."""
    import chardet  # imported on first need: most input is declared or UTF-8

    # Markup out: it is ASCII that tells nothing, and chardet believes a <meta> we did not.
    sample = _MARKUP_BYTES.sub(b" ", data[: CHARDET_BYTES * 4])[:CHARDET_BYTES]
    for result in chardet.detect_all(sample):
        codec = _codec(result.get("encoding") or "")
        if codec is None or implausible(_head_decoded(data, codec)):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return text, EncodingInfo(codec, "chardet", round(float(result["confidence"] or 0), 3), rejected)
    return data.decode("cp1252", errors="replace"), EncodingInfo("cp1252", "fallback", 0.0, rejected)


def _head_decoded(data: bytes, codec: str) -> str:
    """What `implausible` reads of the data decoded as `codec`: its first PLAUSIBILITY_CHARS
    characters, decoded from the head of the bytes only, so that a candidate the check turns
    down costs no decoding of the whole input. Bytes that do not decode give "" (the candidate
    then fails on the whole decoding, which is the one that counts)."""
    decoder = codecs.getincrementaldecoder(codec)()
    head = data[: PLAUSIBILITY_CHARS * 4]  # four bytes per character at most, escapes aside
    try:
        text = decoder.decode(head, final=len(head) == len(data))
    except UnicodeDecodeError:
        return ""
    if len(text) < PLAUSIBILITY_CHARS and len(head) < len(data):
        return _head_decoded_whole(data, codec)  # escape sequences took the room of characters
    return text[:PLAUSIBILITY_CHARS]


def _head_decoded_whole(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)[:PLAUSIBILITY_CHARS]
    except UnicodeDecodeError:
        return ""


PLAUSIBILITY_CHARS = 20000  # how much of a decoding `implausible` reads
_C1 = re.compile(r"[\x80-\x9f]")
_MARKUP_BYTES = re.compile(rb"<[^>]{0,2000}>")
_BOX_DRAWING = re.compile("[\u2500-\u259f]")
_MARKUP = re.compile(r"<[^>]{0,2000}>")
# "W³adze", "stan±", "Pra¾ský": a Central European letter read in a Western charset
_SYMBOL_INSIDE_WORD = re.compile(r"[^\W\d_][^\w\s'’.,;:!?()\[\]\"«»-][^\W\d_]|[^\W\d_][±°¶¼½¾¹²³µ¤¦¨´¸]")
# A word holding a non-ASCII character. The guard before it starts a match only where a run of
# letters starts (or off a letter): an attempt inside a run of ASCII letters fails as the one at
# the run's start did, and without the guard each one would read to the run's end again (time
# quadratic in the run's length).
_NON_ASCII_WORD = re.compile(r"(?:(?<![^\W\d_])|(?![^\W\d_]))[^\W\d_]*[^\x00-\x7f][\w'’-]*")


def implausible(text: str) -> str | None:
    """Why a decoding cannot be right, or None.

    C1 control characters; words made mostly of accented Latin letters (what Cyrillic or Greek
    bytes look like read as a Latin charset: "÷ÌÁÓÔÉ"), which no language writes as a rule; or
    words that mix scripts (what a wrong single-byte charset makes of accented words).
    """
    sample = _MARKUP.sub(" ", text[:PLAUSIBILITY_CHARS])
    if sample.isascii():
        return None
    words = [w for w in _NON_ASCII_WORD.findall(sample) if any(ch.isalpha() for ch in w)]
    if len(_C1.findall(sample)) > max(2, len(sample) // 5000):
        return "C1 control characters"
    if len(_BOX_DRAWING.findall(sample)) > 2:
        return "box-drawing characters (what a Cyrillic charset makes of typographic quotes)"
    if not words:
        return None
    accented = sum(1 for w in words if _accented_share(w) > 0.7)
    if accented > max(2, 0.5 * len(words)):
        return "words made of accented Latin letters"
    mixed = sum(1 for w in words if _mixes_scripts(w))
    if mixed > max(2, 0.2 * len(words)):
        return "words mixing scripts"
    broken = sum(1 for w in words if _SYMBOL_INSIDE_WORD.search(w))
    if broken > max(2, 0.2 * len(words)):
        return "symbols inside words"
    return None


def _accented_share(word: str) -> float:
    letters = [ch for ch in word if ch.isalpha()]
    return sum(1 for ch in letters if "\u00c0" <= ch <= "\u024f") / len(letters) if letters else 0.0


def _mixes_scripts(word: str) -> bool:
    scripts = {_script(ch) for ch in word if ch.isalpha()}
    scripts.discard("other")
    return len(scripts) > 1


def _script(ch: str) -> str:
    if ch < "\u0250":
        return "latin"
    if "\u0370" <= ch < "\u0400":
        return "greek"
    if "\u0400" <= ch < "\u0530":
        return "cyrillic"
    return "other"
