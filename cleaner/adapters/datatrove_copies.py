"""Copies of one story across a datatrove run: cleaner's copy signatures in each Document's metadata,
and one task that keeps the first copy of each story.

Two stages, as datatrove's own deduplication runs (a signature stage in many tasks, a decision
stage after it), with cleaner's signatures and decision (`cleaner.copies`):

1. in as many tasks as you like: reader → `CleanerStep()` → `CopySignatures()` → JsonlWriter;
   each Document leaves with `metadata["copy_signature"]` ({"exact", "minhash", "shingles"});
2. in one task (`tasks=1`): JsonlReader of stage 1's output → `CopyFilter()` → JsonlWriter. The
   filter reads the Documents in the reader's order (its files sorted by name, so rank by rank)
   and asks a `CopyIndex` of each whether it copies one kept before: the first copy is the
   representative and is kept, later copies are dropped (to `exclusion_writer`, with
   `metadata["duplicate"]` naming the representative's id) or, with `drop=False`, kept and
   marked. Only the signatures are compared, about 1 kB a kept Document in memory, so one task
   serves tens of millions; `index_path` saves the index at the end and loads it at the start,
   so that the next crawl's run checks against everything kept before.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import nullcontext
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.typeshelper import StatHints

from ..copies import MIN_JACCARD, THRESHOLD, CopyIndex, Signature, signature

__all__ = ["DUPLICATE_KEY", "SIGNATURE_KEY", "CopyFilter", "CopySignatures"]

SIGNATURE_KEY = "copy_signature"
DUPLICATE_KEY = "duplicate"


class CopySignatures(PipelineStep):
    """Each Document's copy signature (`cleaner.copies.signature` of its text: put it after
    `CleanerStep`, so that the chrome is gone) into `metadata[key]`, as JSON-friendly values."""

    name = "🔏 cleaner copy signatures"
    type = "🫂 - DEDUP"

    def __init__(self, key: str = SIGNATURE_KEY) -> None:
        super().__init__()
        self.key = key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            with self.track_time():
                sig = signature(doc.text or "")
                doc.metadata[self.key] = sig.to_dict()
                self.stat_update(StatHints.total, "judged" if sig.judged else "too_short")
            yield doc


class CopyFilter(PipelineStep):
    """Keeps the first copy of each story, in reading order; run it in one task (see the module).

    A Document's signature is `metadata[signature_key]` when there (CopySignatures wrote it),
    else made from its text. A copy is dropped, with `metadata[duplicate_key]` = the Match
    ({"duplicate_of", "similarity", "containment", "method"}), to `exclusion_writer` if given;
    with `drop=False` it is kept and marked. Stats: `kept`, `copies_exact`, `copies_near`.
    `index_path` (a local file): the index is loaded from it when it exists, and saved to it at
    the end, so a crawl resumes; the Document ids are its keys, so they must be str or int."""

    name = "🫂 cleaner copies"
    type = "🫂 - DEDUP"

    def __init__(
        self,
        *,
        threshold: float = THRESHOLD,
        min_jaccard: float = MIN_JACCARD,
        drop: bool = True,
        index_path: str | os.PathLike[str] | None = None,
        signature_key: str = SIGNATURE_KEY,
        duplicate_key: str = DUPLICATE_KEY,
        exclusion_writer: DiskWriter | None = None,
    ) -> None:
        super().__init__()
        CopyIndex(threshold, min_jaccard=min_jaccard)  # bad thresholds fail here, not in the task
        self.threshold, self.min_jaccard, self.drop = threshold, min_jaccard, drop
        self.index_path = os.fspath(index_path) if index_path is not None else None
        self.signature_key, self.duplicate_key, self.exclusion_writer = signature_key, duplicate_key, exclusion_writer

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if world_size != 1:
            raise ValueError(f"CopyFilter decides in reading order over all Documents: 1 task, not {world_size}")
        index = self._index()
        with self.exclusion_writer or nullcontext() as writer:
            for doc in data:
                with self.track_time():
                    match = index.check(doc.id, self._signature(doc))
                    self.stat_update(StatHints.total)
                if match is None:
                    self.stat_update("kept", StatHints.forwarded)
                    yield doc
                    continue
                doc.metadata[self.duplicate_key] = match.to_dict()
                self.stat_update(f"copies_{match.method}")
                if not self.drop:
                    yield doc
                elif writer is not None:
                    writer.write(doc, rank)
        if self.index_path:
            index.save(self.index_path)

    def _index(self) -> CopyIndex:
        if self.index_path and os.path.exists(self.index_path):
            return CopyIndex.load(self.index_path)
        return CopyIndex(self.threshold, min_jaccard=self.min_jaccard)

    def _signature(self, doc: Document) -> Signature:
        found: Any = doc.metadata.get(self.signature_key)
        if isinstance(found, Mapping):
            return Signature(found["exact"], found["minhash"], found["shingles"])
        return signature(doc.text or "")
