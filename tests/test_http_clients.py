"""`cleaner.clean_response`: real requests, httpx and urllib responses from pages served on 127.0.0.1 here."""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import httpx
import pytest
import requests

import cleaner
from cleaner.adapters.http import ResponseStatusError

PARAGRAPHS = [
    "The city council approved the new budget on Monday after a debate that lasted late into the night.",
    "Officials said the plan puts more money into schools and road repairs than any budget in a decade.",
    "Opposition members argued that the tax rise it needs would fall hardest on small businesses.",
]
RUSSIAN = [
    "Городской совет утвердил новый бюджет в понедельник после споров, которые длились до поздней ночи.",
    "Чиновники сообщили, что план направляет на школы и ремонт дорог больше денег, чем за последние десять лет.",
]


def _text(title: str, paragraphs: list[str]) -> str:
    """The clean text of `_article(title, paragraphs)`: its heading and paragraphs, no menu or footer."""
    return "\n\n".join([title, *paragraphs])


def _article(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>© 2024 Example News</footer></body></html>"
    )


# path -> (status, headers, body). The Russian page states its charset only in the HTTP header.
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/story": (200, {"Content-Type": "text/html; charset=utf-8"}, _article("Budget approved", PARAGRAPHS).encode()),
    "/koi8": (200, {"Content-Type": "text/html; charset=koi8-r"}, _article("Бюджет", RUSSIAN).encode("koi8-r")),
    "/moved": (302, {"Location": "/story"}, b""),
    "/gone": (404, {"Content-Type": "text/html"}, _article("Not found", [PARAGRAPHS[0]]).encode()),
    "/plain": (200, {"Content-Type": "text/plain"}, "\n\n".join(PARAGRAPHS).encode()),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body = ROUTES[self.path]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _requests_get(url: str) -> requests.Response:
    return requests.get(url, timeout=10)


def _httpx_get(url: str) -> httpx.Response:
    return httpx.get(url, timeout=10, follow_redirects=True)


def _urllib_get(url: str):
    return urllib.request.urlopen(url, timeout=10)


CLIENTS: list[Callable[[str], object]] = [_requests_get, _httpx_get, _urllib_get]
CLIENT_IDS = ["requests", "httpx", "urllib"]


@pytest.mark.parametrize("get", CLIENTS, ids=CLIENT_IDS)
def test_a_page_is_cleaned_from_the_response(site, get):
    doc = cleaner.clean_response(get(f"{site}/story"))
    assert doc.text == _text("Budget approved", PARAGRAPHS)
    assert "Home" not in doc.text and "Example News" not in doc.text
    assert doc.title == "Budget approved"
    assert (doc.encoding.name, doc.encoding.source) == ("utf-8", "http-header")
    assert doc.input_type == "html"


@pytest.mark.parametrize("get", CLIENTS, ids=CLIENT_IDS)
def test_a_charset_stated_only_in_the_http_header_decodes_the_bytes(site, get):
    response = get(f"{site}/koi8")
    doc = cleaner.clean_response(response)
    assert (doc.encoding.name, doc.encoding.source) == ("koi8-r", "http-header")
    assert doc.text == _text("Бюджет", RUSSIAN)
    assert doc.title == "Бюджет"


@pytest.mark.parametrize("get", CLIENTS, ids=CLIENT_IDS)
def test_the_url_is_the_final_one_after_redirects(site, get):
    doc = cleaner.clean_response(get(f"{site}/moved"))
    assert doc.url == f"{site}/story"
    assert doc.text == _text("Budget approved", PARAGRAPHS)


def test_a_url_given_by_the_caller_wins(site):
    doc = cleaner.clean_response(_requests_get(f"{site}/story"), url="https://news.example.com/budget")
    assert doc.url == "https://news.example.com/budget"


def test_a_text_response_is_read_as_text(site):
    doc = cleaner.clean_response(_httpx_get(f"{site}/plain"))
    assert doc.input_type == "text"
    assert doc.text.split("\n\n") == PARAGRAPHS


def test_clean_options_pass_through(site):
    with pytest.raises(cleaner.InputTooLarge):
        cleaner.clean_response(_requests_get(f"{site}/story"), limits=cleaner.Limits(max_input_bytes=100))


@pytest.mark.parametrize("get", [_requests_get, _httpx_get], ids=["requests", "httpx"])
def test_an_error_status_is_cleaned_unless_2xx_is_required(site, get):
    doc = cleaner.clean_response(get(f"{site}/gone"))
    assert PARAGRAPHS[0] in doc.text
    with pytest.raises(ResponseStatusError, match="404") as refused:
        cleaner.clean_response(get(f"{site}/gone"), require_2xx=True)
    assert refused.value.status == 404 and isinstance(refused.value, cleaner.InputError)
    assert cleaner.clean_response(get(f"{site}/story"), require_2xx=True).text


def _urllib_error(url: str) -> urllib.error.HTTPError:
    with pytest.raises(urllib.error.HTTPError) as raised:
        _urllib_get(url)
    return raised.value


def test_urllib_s_http_error_is_a_response_too_refused_before_its_body_is_read(site):
    refused = _urllib_error(f"{site}/gone")
    with pytest.raises(ResponseStatusError):
        cleaner.clean_response(refused, require_2xx=True)
    assert PARAGRAPHS[0] in cleaner.clean_response(refused).text  # its body still unread


def test_an_unread_httpx_stream_is_an_error_and_cleaned_once_read(site):
    with httpx.Client() as client, client.stream("GET", f"{site}/story") as response:
        with pytest.raises(cleaner.InputError, match="not read"):
            cleaner.clean_response(response)
        response.read()
        assert cleaner.clean_response(response).text == _text("Budget approved", PARAGRAPHS)


def test_an_httpx_stream_consumed_by_iteration_is_an_error(site):
    with httpx.Client() as client, client.stream("GET", f"{site}/story") as response:
        assert b"".join(response.iter_bytes())
        with pytest.raises(cleaner.InputError, match="not read"):
            cleaner.clean_response(response)


def test_a_requests_stream_is_read_by_its_content_and_an_iterated_one_is_an_error(site):
    assert cleaner.clean_response(requests.get(f"{site}/story", stream=True, timeout=10)).text
    response = requests.get(f"{site}/story", stream=True, timeout=10)
    assert b"".join(response.iter_content(64))
    with pytest.raises(cleaner.InputError, match="not read"):
        cleaner.clean_response(response)


def test_a_requests_stream_closed_before_its_body_was_read_is_no_empty_document(site):
    response = requests.get(f"{site}/story", stream=True, timeout=10)
    response.close()
    with pytest.raises(cleaner.InputError, match="no body, though its Content-Length"):
        cleaner.clean_response(response)


def test_a_head_response_has_no_page(site):
    with pytest.raises(cleaner.InputError, match="HEAD"):
        cleaner.clean_response(requests.head(f"{site}/story", timeout=10))


def test_a_urllib_response_read_already_is_an_error(site):
    response = _urllib_get(f"{site}/story")
    assert response.read()
    with pytest.raises(cleaner.InputError, match="read already"):
        cleaner.clean_response(response)


def test_an_httpx_response_made_by_hand_has_no_url():
    response = httpx.Response(200, content=ROUTES["/koi8"][2], headers={"Content-Type": "text/html; charset=koi8-r"})
    doc = cleaner.clean_response(response)
    assert doc.url is None and doc.encoding.source == "http-header"
    assert doc.text == _text("Бюджет", RUSSIAN)


class _AsyncStream:
    """What an async client's response offers (aiohttp's `content` is a StreamReader)."""

    headers = (("Content-Type", "text/html"),)
    url = "https://example.com/"
    content = object()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (None, "takes a response with its body read"),
        ({"body": b"<p>x</p>"}, "takes a response with its body read"),
        (b"<p>x</p>", "for a page's bytes or text, call cleaner.clean"),
        ("<p>x</p>", "for a page's bytes or text, call cleaner.clean"),
        (_AsyncStream(), "content is object, not bytes"),
    ],
    ids=["None", "dict", "bytes", "str", "async-stream"],
)
def test_an_object_that_is_no_response_is_an_input_error_naming_what_is_expected(given, message):
    with pytest.raises(cleaner.InputError, match=message):
        cleaner.clean_response(given)
