"""WARC records written by hand for the tests: a crawl's records without a crawler."""

from __future__ import annotations

RESPONSE = "application/http; msgtype=response"


def warc_record(kind: str, uri: str, block: bytes, content_type: str, number: int) -> bytes:
    """One WARC/1.1 record; its id and date are made from `number`."""
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"WARC-Date: 2024-05-01T10:00:0{number % 10}Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http_response(status: str, content_type: str, body: bytes) -> bytes:
    """An HTTP response as a WARC response record's block holds it."""
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
