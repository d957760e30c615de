"""cleaner: scraped web pages in, clean article text with metadata out, and every removal explained.

>>> import cleaner
>>> doc = cleaner.clean("Skip to content\\n\\nThe minister said on Monday that talks would resume.")
>>> doc.text
'The minister said on Monday that talks would resume.'
>>> [(r.kind, r.rule) for r in doc.removed]
[('navigation', 'nav.skip-to-content')]
"""

from __future__ import annotations

from .adapters.http import clean_response
from .document import Contributors, Dateline, Document, EncodingInfo, Entry, RemovedBlock
from .errors import CleanerError, InputError, RuleFileError
from .limits import InputTooLarge, LimitError, Limits, TimeLimitExceeded, TooComplex
from .pipeline import clean
from .ruleset import Rule, RuleFile, load_rules

__version__ = "0.1.0"

__all__ = [
    "CleanerError",
    "Contributors",
    "Dateline",
    "Document",
    "EncodingInfo",
    "Entry",
    "InputError",
    "InputTooLarge",
    "LimitError",
    "Limits",
    "RemovedBlock",
    "Rule",
    "RuleFile",
    "RuleFileError",
    "TimeLimitExceeded",
    "TooComplex",
    "__version__",
    "clean",
    "clean_response",
    "load_rules",
]
