"""Step 1, continued: mojibake repaired and whitespace normalised, in text of any origin.

ftfy repairs mojibake (UTF-8 read as cp1252, once or twice) without touching correct text, text
is composed to NFC, and whitespace is normalised: line ends to `\\n`, NBSP and other spaces to
' ', zero-width and control characters removed. Most text needs none of it, which one scan of
the whole tells (`repaired_as_a_whole`); the rest is repaired block by block (`clean_text`), so
that what is done to a block does not hang on the blocks around it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .document import EncodingInfo

MAX_REPAIR_ROUNDS = 4
_C1 = re.compile(r"[\x80-\x9f]")


def normalise_line_ends(text: str) -> str:
    """`\\r\\n`, `\\r` and the Unicode line and paragraph separators as `\\n`."""
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return text  # the common case, told by three quick finds instead of a regex scan
    return _LINE_END.sub("\n", text)


def clean_text(text: str, info: EncodingInfo) -> str:
    """Mojibake repaired and whitespace normalised, the repairs noted in `info.fixes`.

    For HTML this runs on the extracted text only: scripts and markup need no repair.
    """
    # C0 controls go before the repair (a NUL inside a mojibake sequence hides it from ftfy);
    # the rest after it: the NBSP in "Ã\u00a0" is half of a broken "à", the soft hyphen in
    # "Ã\u00ad" half of a broken "í", and C1 controls are the bytes cp1252 lacks.
    # ftfy on garbage may find a further "fix" in its own output; repeat to a fixed point, so
    # that cleaning a cleaned text changes nothing.
    for _ in range(MAX_REPAIR_ROUNDS):
        fixed = normalise_whitespace(repair(_strip_c0_controls(text, info.fixes), info.fixes), info.fixes)
        if fixed == text:
            break
        text = fixed
    return text


def repair(text: str, fixes: list[str]) -> str:
    """Undo mojibake with ftfy where it can be present, and compose to NFC; note what changed."""
    if text.isascii():
        return text
    if _needs_ftfy(text):
        import ftfy

        fixed, steps = ftfy.fix_and_explain(text, _ftfy_config())
        if fixed != text:
            fixes.extend(name for _, name in steps or [] if name not in fixes)
            text = fixed
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        fixes.append("nfc")
    return text


# UTF-8 read as a single-byte Latin charset: a lead byte (Â-ô) followed by a continuation
# byte (0x80-0xBF, which cp1252 shows as € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ
# or NBSP-¿). Text without such a pair has no mojibake for ftfy to find.
_MAYBE_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _needs_ftfy(text: str) -> bool:
    if _C1.search(text):
        return True  # cp1252 text read as latin-1: ftfy turns the controls back into quotes
    if not _MAYBE_MOJIBAKE.search(text):
        return False
    from ftfy.badness import is_bad

    return is_bad(text)


@cache
def _ftfy_config():
    """ftfy set to repair encodings only: curly quotes, full-width forms and ligatures stay as written."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        restore_byte_a0=False,  # "Ã " and "Â " are letters before a space far more often than broken bytes
        decode_inconsistent_utf8=False,  # it reads "Ã is" as a broken "à is"
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization="NFC",
        explain=True,
    )


# Spaces become ' ' (the ideographic space U+3000 stays: it is CJK layout); invisible format
# characters and controls go (ZWNJ and ZWJ stay: Persian, Indic scripts and emoji need them).
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never part of mojibake
_LINE_END = re.compile("\r\n?|[\u2028\u2029]")


# What `clean_text` removes or may repair, less the odd spaces (a class alone, so that `re` scans
# for it fast; the mojibake pairs are a second scan).
_NEEDS_BLOCKWISE_REPAIR = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b\u2060\ufeff\u2028\u2029\r]"
)

# Any character some repair starts from: the above, the first of a mojibake pair, an odd space.
_MAY_NEED_REPAIR = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b\u2060\ufeff\u2028\u2029\r"
    "\u00c2-\u00f4\u00a0\u1680\u2000-\u200a\u202f\u205f]"
)


def repaired_as_a_whole(text: str) -> str | None:
    """`text` with each block as `clean_text` would leave it, when one pass over the whole text
    can do it: then the only repair is odd spaces to plain ones, which changes no line's
    blankness. None when the blocks need repairing one by one (controls, invisible characters,
    mojibake, uncomposed letters)."""
    if _MAY_NEED_REPAIR.search(text) is None and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text  # most text: one scan finds nothing to repair
    if _NEEDS_BLOCKWISE_REPAIR.search(text) is not None:
        return None
    if text.isascii():
        return text
    if _MAYBE_MOJIBAKE.search(text) is not None or not unicodedata.is_normalized("NFC", text):
        return None
    return _ODD_SPACE.sub(" ", text)


def _strip_c0_controls(text: str, fixes: list[str]) -> str:
    if text.isprintable():
        return text
    out = _C0_CONTROLS.sub("", text)
    if out != text and "whitespace" not in fixes:
        fixes.append("whitespace")
    return out


def normalise_whitespace(text: str, fixes: list[str]) -> str:
    """`\\n` line ends, plain spaces, no invisible or control characters (tabs stay)."""
    text = _LINE_END.sub("\n", text)
    if text.isascii() and text.isprintable():
        return text
    out = _INVISIBLE.sub("", _ODD_SPACE.sub(" ", text))
    if out != text and "whitespace" not in fixes:
        fixes.append("whitespace")
    return out
