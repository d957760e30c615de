"""Arguments as JSON and back, so that a finding's file rebuilds the exact call that failed.

Every value is tagged unless it is a JSON scalar or a str (JSON escapes lone surrogates, so a
str survives as it is); bytes travel as base64, header objects as their pairs.
"""

from __future__ import annotations

import base64
import email.message
import http.client
from typing import Any

import cleaner


class Opaque:
    """An object of no type cleaner knows: what a caller passing the wrong thing hands over."""

    def __repr__(self) -> str:
        return "Opaque()"


class LimitsSpec:
    """The fields of a `cleaner.Limits`, built inside the call: building it is part of what may raise."""

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def build(self) -> cleaner.Limits:
        return cleaner.Limits(**self.fields)

    def __repr__(self) -> str:
        return "Limits(" + ", ".join(f"{k}={v!r}" for k, v in self.fields.items()) + ")"


def _headers_types() -> dict[str, type]:
    """Header containers of the HTTP clients installed here, by name."""
    found: dict[str, type] = {}
    try:
        from requests.structures import CaseInsensitiveDict

        found["CaseInsensitiveDict"] = CaseInsensitiveDict
    except ImportError:
        pass
    try:
        import httpx

        found["httpx.Headers"] = httpx.Headers
    except ImportError:
        pass
    return found


HEADER_TYPES = _headers_types()


def http_message(pairs: list[tuple[Any, Any]]) -> http.client.HTTPMessage:
    message = http.client.HTTPMessage()
    for key, value in pairs:
        message[key] = value
    return message


def email_message(pairs: list[tuple[Any, Any]]) -> email.message.Message:
    message = email.message.Message()
    for key, value in pairs:
        message[key] = value
    return message


def encode(value: Any) -> Any:
    """A JSON value that `decode` turns back into `value` (or an equal one)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, bytearray):
        return {"$bytearray": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, memoryview):
        return {"$memoryview": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, list):
        return {"$list": [encode(v) for v in value]}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"$dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, LimitsSpec):
        return {"$Limits": {name: encode(v) for name, v in value.fields.items()}}
    if isinstance(value, http.client.HTTPMessage):
        return {"$HTTPMessage": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, email.message.Message):
        return {"$Message": [[encode(k), encode(v)] for k, v in value.items()]}
    for name, kind in HEADER_TYPES.items():
        if isinstance(value, kind):
            return {f"${name}": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, Opaque):
        return {"$Opaque": None}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def decode(data: Any) -> Any:
    """The value `encode` described."""
    if not isinstance(data, dict):
        return data
    ((tag, body),) = data.items()
    if tag in ("$bytes", "$bytearray", "$memoryview"):
        raw = base64.b64decode(body)
        return {"$bytes": raw, "$bytearray": bytearray(raw), "$memoryview": memoryview(raw)}[tag]
    if tag == "$list":
        return [decode(v) for v in body]
    if tag == "$tuple":
        return tuple(decode(v) for v in body)
    if tag == "$Limits":
        return LimitsSpec(**{k: decode(v) for k, v in body.items()})
    if tag == "$Opaque":
        return Opaque()
    pairs = [(decode(k), decode(v)) for k, v in body]
    if tag == "$dict":
        return dict(pairs)
    if tag == "$HTTPMessage":
        return http_message(pairs)
    if tag == "$Message":
        return email_message(pairs)
    if tag[1:] in HEADER_TYPES:
        return HEADER_TYPES[tag[1:]](pairs)
    raise ValueError(f"unknown tag {tag!r} (a header type not installed here?)")
