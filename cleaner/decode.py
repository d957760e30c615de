"""Step 1 of the pipeline: whatever the caller hands us becomes one `str` with `\\n` line ends.

Text given as `str` is taken as it is. Bytes are read as UTF-8 (a UTF-8 byte-order mark is
skipped); bytes that are not UTF-8 are an `InputError` that says where, rather than a silent
guess. Charset detection (declared charsets, then a statistical guess) slots in here.
"""

from __future__ import annotations

from .errors import InputError

_UTF8_BOM = b"\xef\xbb\xbf"


def decode(source: str | bytes | bytearray | memoryview) -> str:
    """Return the source as text with `\\r\\n` and `\\r` line ends turned into `\\n`."""
    if isinstance(source, str):
        text = source
    elif isinstance(source, (bytes, bytearray, memoryview)):
        text = _decode_utf8(bytes(source))
    else:
        raise InputError(f"cannot clean a {type(source).__name__}: give str or bytes")
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode_utf8(data: bytes) -> str:
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"input is not valid UTF-8 (byte {exc.start}: {exc.reason}); pass a str, or bytes in UTF-8"
        ) from None
