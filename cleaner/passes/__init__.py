"""The passes, in the order they run. A pass has a `name` and `run(page)`; it labels blocks
(never edits them) and may fill metadata. Adding a pass is a new module plus one line here."""

from __future__ import annotations

from typing import Protocol

from ..page import Page
from .article_meta import CreditLineReader, DatelineReader
from .captions import Captions, GalleryCaptions
from .comments import CommentThreads, SignedThreads
from .duplicates import DuplicateParagraphs, RepeatedBody
from .headlines import Headlines
from .links import LinkBlocks
from .live_blog import LiveBlogEntries, TrailingEntryLinks
from .metadata_lines import Bylines, DateLines, SourceLines
from .page_chrome import MenuBlocks, PageChrome
from .related import LabelledLists, LeadInLinks, RelatedSections, TeaserCards
from .rule_matches import RuleMatches, TailRuleMatches


class Pass(Protocol):
    name: str

    def run(self, page: Page) -> None: ...


DEFAULT_PASSES: tuple[Pass, ...] = (
    # Blocks that are chrome or metadata whatever surrounds them.
    LiveBlogEntries(),  # before date lines: "Tuesday 14 February 2023 19:42 , Name" is an entry
    DateLines(),  # peels " date 2023-02-15 " off captions so the rules see the caption
    Bylines(),
    RuleMatches(),
    LinkBlocks(),  # HTML only: what the markup says is a link
    LabelledLists(),
    MenuBlocks(),
    Captions(),
    SourceLines(),  # after captions: "(Reuters)" under a caption is its credit
    Headlines(),
    DuplicateParagraphs(),
    GalleryCaptions(),  # after duplicates: a caption's copies, the first one kept by them included
    RepeatedBody(),  # after duplicates: the article's paragraphs, each kept once, make the repeat
    # Blocks judged by their neighbours: these run on what the passes above left, so that
    # cleaning the cleaned text finds the same neighbours and removes nothing more.
    TeaserCards(),
    LeadInLinks(),
    TrailingEntryLinks(),
    SignedThreads(),  # before page-chrome, which would keep a long thread for the article
    PageChrome(),  # scores what the passes above left
    RelatedSections(),  # on what is left of the article: its heading and what follows it
    CommentThreads(),  # a thread may outweigh the article: it needs only some article above it
    TailRuleMatches(),  # last: the tail is where the article, as found, ends
    # Metadata carried by article paragraphs, which stay.
    DatelineReader(),
    CreditLineReader(),
)
