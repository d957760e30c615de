"""A page's title without the site's name that most `<title>` tags carry beside it.

"Faire Lieferketten - Evangelisches Jugendwerk", "New Balance: FuelCell Echo | Herr Pfleger",
"Site Name - Section - The Story": a title is cut into parts at the separators sites use, and a
part at either end that names the site (its `og:site_name`, or its host: "herrpfleger.de" names
"Herr Pfleger") goes. A title with no such part is left as it is.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A separator between the parts of a title: a dash, bar, guillemet or colon-pair with spaces
# around it, or a bare dash or bar between CJK characters ("武汉的声音-新华网").
_SEPARATOR = re.compile(r"\s+(?:[-|–—›»«·•]|::)\s+|(?<=[\u3000-\u9fff\uff00-\uffef])\s*[-|_－｜]\s*")
_MIN_KEY = 3  # shorter site keys ("ap", "ft") match too much


def without_site_name(title: str, site_name: str | None, url: str | None) -> str:
    """The title less the parts at its ends that name the site."""
    title = " ".join(title.split())
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title
    keys = _site_keys(site_name, url)
    if not keys:
        return title
    starts = [0, *(found.end() for found in separators)]
    ends = [*(found.start() for found in separators), len(title)]
    first, last = 0, len(starts) - 1
    while first < last and _names_site(title[starts[last] : ends[last]], keys):
        last -= 1
    while first < last and _names_site(title[starts[first] : ends[first]], keys, alone=True):
        first += 1
    return title[starts[first] : ends[last]]


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _site_keys(site_name: str | None, url: str | None) -> list[str]:
    keys = [_key(site_name)] if site_name else []
    try:
        host = urlsplit(url).hostname if url and "//" in url else None
    except ValueError:
        host = None
    if host:
        labels = host.removeprefix("www.").split(".")
        keys.append(_key(max(labels[:-1] or labels, key=len)))  # "japantimes" of japantimes.co.jp
    return [key for key in keys if len(key) >= _MIN_KEY]


def _names_site(part: str, keys: list[str], alone: bool = False) -> bool:
    """True when the part names the site: holds its key ("Remember 80/90 - Memorabilia" holds
    "remember8090"), or is most of it. `alone`: the part must be little more than the site's name,
    as where it leads the title, which may well start with it ("The Guardian view on ...")."""
    part_key = _key(part)
    if len(part_key) < _MIN_KEY:
        return False
    for key in keys:
        shorter, longer = sorted((key, part_key), key=len)
        if shorter in longer and (len(shorter) >= 0.6 * len(longer) or (longer == part_key and not alone)):
            return True
    return False
