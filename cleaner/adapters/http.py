"""cleaner on a fetched response: `clean_response(response)` for requests, httpx, urllib and Scrapy.

A response carries three things `clean` needs and a caller too easily loses: the body as the
server sent it (bytes, so the charset is decided by cleaner, not by the client's guess), the
headers (the server's charset), and the url after redirects (site rules, and the document's
url). The response is read by duck typing, so no HTTP client is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..charsets import content_type
from ..document import Document
from ..errors import InputError
from ..pipeline import clean
from ..warc import HTML_TYPES

__all__ = ["FetchedPage", "ResponseStatusError", "clean_page", "clean_response", "read_response"]

_EXPECTED = (
    "a response with its body read: requests.Response, httpx.Response, a Scrapy Response, "
    "or urllib's http.client.HTTPResponse"
)
_NOT_READ = (
    "the response's body was not read (a streamed response): read it first "
    "(httpx: response.read() or await response.aread()), or fetch without streaming"
)


class ResponseStatusError(InputError):
    """`require_2xx` was asked and the response's status is not 2xx; `status` is the code."""

    def __init__(self, status: int, url: str | None) -> None:
        super().__init__(f"the response's status is {status}, not 2xx ({url or 'no url'})")
        self.status, self.url = status, url


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """What `clean` needs from a response: the body's bytes, its headers, the final url, the status."""

    body: bytes
    headers: Any
    url: str | None
    status: int | None


def clean_response(response: object, *, require_2xx: bool = False, **options: Any) -> Document:
    """Clean the page an HTTP client fetched: its bytes, with its headers' charset and its final url.

    Takes requests' and httpx's responses, a Scrapy Response, and urllib's (`urlopen`'s, or an
    `HTTPError`), which is read here. A response of any status is cleaned (an error page's text
    is the caller's to judge) unless `require_2xx`, which raises `ResponseStatusError` for one
    that is not 2xx. `options` are `clean`'s keywords; `url` and `headers` default to the response's.
    Raises `InputError` for an object that is no response, or one whose body was not read.
    """
    status = _status(response)
    if require_2xx and status is not None and not 200 <= status < 300:  # refused before its body is read
        raise ResponseStatusError(status, _url(response))
    page = read_response(response)
    options.setdefault("url", page.url)
    options.setdefault("headers", page.headers)
    return clean_page(page.body, **options)


def clean_page(body: bytes | str, *, headers: Any = None, input_type: str = "auto", **options: Any) -> Document:
    """`clean`, with a server's word on the type: a body its Content-Type calls HTML is read as HTML
    (as `cleaner --warc` reads its responses), any other is told by its tags."""
    if input_type == "auto" and _declared_html(headers):
        input_type = "html"
    return clean(body, headers=headers, input_type=input_type, **options)  # type: ignore[arg-type]


def read_response(response: object) -> FetchedPage:
    """The body, headers, final url and status of a response, read by what the object offers."""
    if isinstance(response, str | bytes | bytearray | memoryview):
        raise InputError("clean_response takes an HTTP response; for a page's bytes or text, call cleaner.clean")
    headers = getattr(response, "headers", None)
    if headers is None:
        raise InputError(f"clean_response takes {_EXPECTED}, not {type(response).__name__}")
    body = _body(response)
    if not body and (length := _content_length(headers)):
        raise InputError(
            f"the response has no body, though its Content-Length is {length}: the answer to a HEAD "
            "request, or a streamed response closed before its body was read"
        )
    return FetchedPage(body, headers, _url(response), _status(response))


def _body(response: object) -> bytes:
    """The body's bytes: `content` (requests, httpx), `body` (Scrapy), or `read()` (urllib)."""
    for name in ("content", "body"):
        try:
            value = getattr(response, name)
        except AttributeError:
            continue
        except RuntimeError as exc:  # httpx's ResponseNotRead, requests' "content already consumed"
            raise InputError(f"{_NOT_READ} ({exc})") from None
        if isinstance(value, bytes | bytearray | memoryview):
            return bytes(value)
        raise InputError(
            f"the response's {name} is {type(value).__name__}, not bytes: clean_response takes {_EXPECTED}; "
            "for an async client's stream (aiohttp), read the body and call cleaner.clean(body, headers=, url=)"
        )
    if callable(getattr(response, "read", None)):
        return _read_urllib(response)
    raise InputError(f"clean_response takes {_EXPECTED}, not {type(response).__name__}")


def _read_urllib(response: Any) -> bytes:
    """urllib's response holds its body unread: read it here, unless the caller did already."""
    is_closed = getattr(response, "isclosed", None)
    if callable(is_closed) and is_closed():
        raise InputError(
            "the response's body was read already (urllib reads it once): pass the response unread, "
            "or call cleaner.clean(body, headers=response.headers, url=response.url)"
        )
    body = response.read()
    if not isinstance(body, bytes):
        raise InputError(f"the response's read() gave {type(body).__name__}, not bytes")
    return body


def _url(response: Any) -> str | None:
    """The final url, after redirects: a str in requests, urllib and Scrapy, an httpx.URL in httpx
    (None for an httpx response made by hand, with no request)."""
    try:
        url = getattr(response, "url", None)
    except RuntimeError:  # httpx: "The request instance has not been set on this response."
        return None
    return url if url is None or isinstance(url, str) else str(url)


def _status(response: Any) -> int | None:
    """The status code (`status_code` in requests and httpx, `status` in urllib and Scrapy), or None
    for a response with none (urllib's file: and data: urls)."""
    for name in ("status_code", "status"):
        value = getattr(response, name, None)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _declared_html(headers: Any) -> bool:
    declared = content_type(headers)
    return declared is not None and declared.split(";")[0].strip().lower() in HTML_TYPES


def _content_length(headers: Any) -> int:
    """The Content-Length the headers state, else 0 (every client's headers have a case-blind `get`)."""
    get = getattr(headers, "get", None)
    value = get("Content-Length") if callable(get) else None
    if isinstance(value, bytes):  # Scrapy's headers are bytes
        value = value.decode("latin-1")
    try:
        return max(int(value), 0) if value is not None else 0
    except (TypeError, ValueError):
        return 0
