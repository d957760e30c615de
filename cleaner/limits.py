"""What one document may cost: one `Limits` object for the library, the command line and streams.

A crawl holds pages of every size and shape; a page over a limit is refused with a `LimitError`
that says which limit, instead of holding up or exhausting the process that cleans it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from .errors import InputError

MB = 1_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one document; None turns a bound off.

    - `max_input_bytes`: the input's size in bytes (a `str` counts as its UTF-8 bytes);
      trafilatura's own default is 20 MB.
    - `max_html_elements`: elements of a parsed page. Depth needs no bound of ours: the parser
      (libxml2, without its "huge" option) stops nesting at 255 levels.
    - `time_limit`: seconds for one document, checked between the steps of cleaning (decode,
      extract, each pass). Off by default in the library; streams set STREAM_TIME_LIMIT and also
      interrupt a step that runs over.
    - `max_record_bytes`: a stream's line, read no further (a JSON line escapes its text, so
      twice `max_input_bytes` by default); the decompressed bytes of a gzip stream are read a
      line at a time, so this bounds what decompression holds too.
    """

    max_input_bytes: int | None = 20 * MB
    max_html_elements: int | None = 500_000
    time_limit: float | None = None
    max_record_bytes: int | None = None

    def __post_init__(self) -> None:
        for name in ("max_input_bytes", "max_html_elements", "max_record_bytes"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int or value < 1):
                raise InputError(f"limits: {name} must be a whole number of at least 1 or None, not {value!r}")
        seconds = self.time_limit
        if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, int | float)):
            raise InputError(f"limits: time_limit must be a number of seconds or None, not {seconds!r}")
        if seconds is not None and not 0 < seconds < math.inf:
            raise InputError(f"limits: time_limit must be above 0 and finite, not {seconds!r}")

    def record_bytes(self) -> int | None:
        """The longest stream line read: `max_record_bytes`, else twice `max_input_bytes`."""
        if self.max_record_bytes is not None:
            return self.max_record_bytes
        return None if self.max_input_bytes is None else 2 * self.max_input_bytes

    def check_size(self, source: object) -> None:
        """Refuse a str or bytes input over `max_input_bytes` (other types are decode's to refuse)."""
        if self.max_input_bytes is None or not isinstance(source, str | bytes | bytearray | memoryview):
            return
        size = len(source)
        if isinstance(source, str) and 4 * size > self.max_input_bytes >= size:
            size = len(source.encode("utf-8", "surrogatepass"))  # only when the characters leave it open
        if size > self.max_input_bytes:
            raise InputTooLarge(f"the input is {size:,} bytes, over the limit of {self.max_input_bytes:,}")

    def check_elements(self, count: int) -> None:
        if self.max_html_elements is not None and count > self.max_html_elements:
            raise TooComplex(f"the page has {count:,} HTML elements, over the limit of {self.max_html_elements:,}")

    def deadline(self) -> Deadline:
        return Deadline(None if self.time_limit is None else time.monotonic() + self.time_limit, self.time_limit)


STREAM_TIME_LIMIT = 30.0  # seconds per record in a stream, unless the user says otherwise
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Deadline:
    """The moment a document's time is up (None: never)."""

    at: float | None
    seconds: float | None

    def check(self, step: str) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise TimeLimitExceeded(f"cleaning took over {self.seconds:g} s (stopped after {step})")


class LimitError(InputError):
    """The input is over one of the `Limits`."""


class InputTooLarge(LimitError):
    """The input is longer than `max_input_bytes` (or a stream line than `max_record_bytes`)."""


class TooComplex(LimitError):
    """The parsed page has more elements than `max_html_elements`."""


class TimeLimitExceeded(LimitError):
    """Cleaning the document took longer than `time_limit`."""
