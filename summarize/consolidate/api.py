"""consolidate(): many summaries in, one ConsolidatedDeal per deal out.

Two ways in. ``consolidate`` / ``iter_deals`` take summaries already in memory. ``read_runs``
reads a ``summarize run`` JSONL file in two passes: the first keeps only each line's grouping
facts and byte offset, the second re-reads the lines of one group at a time to merge them, so
memory stays flat however large the file is.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import json
import multiprocessing as mp
import os
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from summarize.articles import Article
from summarize.consolidate.grouping import (
    LONG_WINDOW_DAYS,
    WINDOW_DAYS,
    Cluster,
    Grouper,
)
from summarize.consolidate.merge import Member, merge
from summarize.consolidate.models import ConsolidatedDeal
from summarize.consolidate.reports import (
    PlainReport,
    Report,
    article_id_of,
    from_plain,
    report_of,
    to_plain,
)
from summarize.exceptions import InputError
from summarize.names import AliasTable
from summarize.schema import DealSummary

Summaries = (
    Mapping[str, DealSummary] | Iterable[DealSummary] | Iterable[tuple[Article, DealSummary]]
)
"""By id; or bare (ids from ``metadata.article_id``); or paired with their articles."""
Articles = Mapping[str, Article] | Iterable[Article]
SUMMARY_KEYS = frozenset(DealSummary.model_fields)


@dataclass
class Options:
    """Grouping settings shared by every entry point."""

    published: Mapping[str, dt.date] = field(default_factory=dict)
    """Report dates by article id; without one a report is dated by its announced_on."""
    aliases: AliasTable | None = None
    window_days: int = WINDOW_DAYS
    long_window_days: int = LONG_WINDOW_DAYS

    def grouper(self) -> Grouper:
        return Grouper(self.aliases, self.window_days, self.long_window_days)


def _aliases(aliases: AliasTable | Mapping[str, Iterable[str]] | None) -> AliasTable | None:
    if aliases is None or isinstance(aliases, AliasTable):
        return aliases
    return AliasTable.from_mapping(aliases)


def _pairs(summaries: Summaries, texts: dict[str, str]) -> list[tuple[str, DealSummary]]:
    """(article id, summary) in input order; ids must be unique."""
    items: list[tuple[str, DealSummary]] = []
    if isinstance(summaries, Mapping):
        items = list(summaries.items())
    else:
        for n, item in enumerate(summaries, start=1):
            if isinstance(item, tuple):
                article, summary = item
                texts.setdefault(article.id, article.text)
                items.append((article.id, summary))
            else:
                items.append((article_id_of(item, f"summary-{n}"), item))
    seen: set[str] = set()
    for article_id, _ in items:
        if article_id in seen:
            raise InputError(
                f"two summaries have the article id {article_id!r}; give each its own id"
            )
        seen.add(article_id)
    return items


def _texts(articles: Articles | None) -> dict[str, str]:
    if articles is None:
        return {}
    if isinstance(articles, Mapping):
        return {k: a.text for k, a in articles.items()}
    return {a.id: a.text for a in articles}


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold the cycle collector off while records are built in bulk.

    Merging makes many small objects and no reference cycles; with the collector on, its full
    passes over an ever larger heap cost about a third of the run at 100,000 summaries. It is
    switched back on (if it was on) before anything is handed to the caller.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _merge_group(
    reports: Sequence[Report],
    cluster: Cluster,
    loaded: list[tuple[str, DealSummary]],
    texts: Mapping[str, str],
    grouper: Grouper,
) -> ConsolidatedDeal:
    members = [
        Member.of(aid, summary, texts.get(aid), reports[i].date, i)
        for i, (aid, summary) in zip(cluster.members, loaded, strict=True)
    ]
    return merge(members, grouper.reasons(reports, cluster), matcher=grouper.matcher)


def _deals(
    reports: Sequence[Report],
    load: Callable[[list[int]], list[tuple[str, DealSummary]]],
    texts: Mapping[str, str],
    options: Options,
) -> Iterator[ConsolidatedDeal]:
    grouper = options.grouper()
    with _no_gc_pauses():
        clusters = grouper.clusters(reports)
    for cluster in clusters:
        with _no_gc_pauses():
            deal = _merge_group(reports, cluster, load(cluster.members), texts, grouper)
        yield deal


def iter_deals(
    summaries: Summaries,
    *,
    articles: Articles | None = None,
    published: Mapping[str, dt.date] | None = None,
    aliases: AliasTable | Mapping[str, Iterable[str]] | None = None,
    window_days: int = WINDOW_DAYS,
    long_window_days: int = LONG_WINDOW_DAYS,
) -> Iterator[ConsolidatedDeal]:
    """Like ``consolidate``, one deal at a time."""
    options = Options(published or {}, _aliases(aliases), window_days, long_window_days)
    texts = _texts(articles)
    items = [(aid, s) for aid, s in _pairs(summaries, texts) if s.is_deal]
    reports = [
        report_of(i, aid, s, published=options.published, aliases=options.aliases)
        for i, (aid, s) in enumerate(items)
    ]
    yield from _deals(reports, lambda members: [items[i] for i in members], texts, options)


def consolidate(
    summaries: Summaries,
    *,
    articles: Articles | None = None,
    published: Mapping[str, dt.date] | None = None,
    aliases: AliasTable | Mapping[str, Iterable[str]] | None = None,
    window_days: int = WINDOW_DAYS,
    long_window_days: int = LONG_WINDOW_DAYS,
) -> list[ConsolidatedDeal]:
    """Group the summaries that report the same deal and merge each group into one record.

    Summaries that report no deal are left out. ``articles`` (optional) lets attribution
    chains be read from the full text; ``published`` dates the reports for the date window and
    the status timeline; ``aliases`` maps a canonical company name to other names for it.
    """
    with _no_gc_pauses():
        return list(
            iter_deals(
                summaries,
                articles=articles,
                published=published,
                aliases=aliases,
                window_days=window_days,
                long_window_days=long_window_days,
            )
        )


@dataclass
class RunStats:
    """What reading a run file found, for the one-line report."""

    lines: int = 0
    summaries: int = 0
    errors: int = 0
    """Error records (``"error"`` key), skipped."""
    invalid: int = 0
    """Lines that are not a DealSummary, skipped."""
    no_deal: int = 0
    duplicates: int = 0
    deals: int = 0
    """Deals written so far."""
    groups: int = 0
    """Deals there will be once grouping is done (a progress bar's total)."""
    first_problem: str | None = None
    seconds: dict[str, float] = field(default_factory=dict, compare=False)
    """Wall time of each step of ``RunFile.lines``: read (pass 1), group, merge (pass 2, with
    what the caller does with each deal), in that order."""

    def timed(self, step: str, started: float) -> float:
        """Record the time since ``started`` as ``step``; the time now, for the next step."""
        now = time.perf_counter()
        self.seconds[step] = now - started
        return now


def _record_summary(record: dict[str, Any]) -> DealSummary:
    """A run record as a DealSummary (keys the CLI adds beside the summary are ignored)."""
    return DealSummary.model_validate({k: v for k, v in record.items() if k in SUMMARY_KEYS})


def _summary_id(summary: DealSummary) -> str | None:
    return summary.metadata.article_id if summary.metadata else None


def _record_id(record: dict[str, Any], line_no: int) -> str:
    metadata = record.get("metadata")
    if isinstance(metadata, Mapping) and isinstance(metadata.get("article_id"), str):
        return metadata["article_id"]
    if isinstance(record.get("id"), str):
        return record["id"]
    return f"line-{line_no}"


def _problem(stats: RunStats, message: str) -> None:
    stats.invalid += 1
    stats.first_problem = stats.first_problem or message


@dataclass
class _Scanned:
    """What pass 1 found in one piece of a run file."""

    stats: RunStats
    entries: list[tuple[str, int, PlainReport | None]]
    """(article id, byte offset, grouping facts or None for a summary of no deal), in order."""


SPLIT_BYTES = 8 << 20
"""Run files smaller than this are read by one process: starting workers costs more."""


class RunFile:
    """A ``summarize run`` JSONL file read in two passes (see the module docstring)."""

    def __init__(self, path: Path, options: Options | None = None) -> None:
        self.path = path
        self.options = options or Options()
        self.stats = RunStats()
        self._offsets = array("q")
        """Byte offset of each report's line (8 bytes each, not an int object)."""
        self._ids: list[str] = []

    def _scan(self, workers: int = 1) -> list[Report]:
        """Pass 1: the grouping facts of every summary, in file order, the first of each id.

        A large file is cut at line starts into one piece per worker and the pieces are read
        by forked processes; what each finds is put together here in file order, so the
        result is the same as one process reading it all.
        """
        try:
            with self.path.open("rb") as probe:  # a directory or unreadable file fails here
                size = os.fstat(probe.fileno()).st_size
        except OSError as exc:
            raise InputError(f"cannot read {self.path}: {exc.strerror}") from None
        pieces = self._pieces(size, workers if size >= SPLIT_BYTES else 1)
        with _no_gc_pauses():  # also while the pool unpickles the pieces: 8x faster
            return self._assemble(self._read_pieces(pieces))

    def _read_pieces(self, pieces: list[tuple[int, int, int]]) -> list[_Scanned]:
        if len(pieces) > 1 and "fork" in mp.get_all_start_methods():
            global _SCANNING
            _SCANNING = self  # forked workers inherit it: nothing is pickled but the pieces
            try:  # this process reads the first piece itself: one piece fewer to hand over
                with mp.get_context("fork").Pool(len(pieces) - 1) as pool:
                    rest = pool.map_async(_scan_piece, pieces[1:])
                    found = [self._scan_piece(*pieces[0]), *rest.get()]
            finally:
                _SCANNING = None
            return found
        return [self._scan_piece(*piece) for piece in pieces]

    def _assemble(self, found: list[_Scanned]) -> list[Report]:
        """The pieces' reports in file order, each id once (the first wins), and the counts."""
        reports: list[Report] = []
        seen: set[str] = set()
        for piece in found:
            self.stats.lines += piece.stats.lines
            self.stats.errors += piece.stats.errors
            self.stats.invalid += piece.stats.invalid
            self.stats.first_problem = self.stats.first_problem or piece.stats.first_problem
            for article_id, offset, plain in piece.entries:
                if article_id in seen:
                    self.stats.duplicates += 1
                    continue
                seen.add(article_id)
                self.stats.summaries += 1
                if plain is None:
                    self.stats.no_deal += 1
                    continue
                reports.append(from_plain(len(reports), article_id, plain))
                self._offsets.append(offset)
                self._ids.append(article_id)
        return reports

    def _pieces(self, size: int, parts: int) -> list[tuple[int, int, int]]:
        """(start, end, number of its first line) of up to ``parts`` pieces cut at line starts."""
        if parts <= 1:
            return [(0, size, 1)]
        cuts = [0]
        with self.path.open("rb") as handle:
            for k in range(1, parts):
                handle.seek(max(size * k // parts, cuts[-1]))
                handle.readline()
                if cuts[-1] < handle.tell() < size:
                    cuts.append(handle.tell())
            cuts.append(size)
            pieces, line_no = [], 1
            handle.seek(0)
            for start, end in itertools.pairwise(cuts):
                pieces.append((start, end, line_no))
                left = end - start if end < size else 0  # the last piece's count is not needed
                while left > 0:  # count the piece's lines: the next piece's first line number
                    block = handle.read(min(left, 1 << 20))
                    line_no += block.count(b"\n")
                    left -= len(block)
        return pieces

    def _scan_piece(self, start: int, end: int, first_line: int) -> _Scanned:
        """Every summary in bytes [start, end) (which begin and end at line starts)."""
        scanned = _Scanned(RunStats(), [])
        stats = scanned.stats
        with self.path.open("rb") as handle, _no_gc_pauses():
            handle.seek(start)
            offset, line_no = start, first_line - 1
            while offset < end:
                line = handle.readline()
                if not line:
                    break
                line_start, offset, line_no = offset, offset + len(line), line_no + 1
                if not line.strip():
                    continue
                stats.lines += 1
                parsed = self._parse(line, line_no, stats)
                if parsed is None:
                    continue
                record, summary = parsed
                article_id = _record_id(record, line_no)
                plain = None
                if summary.is_deal:
                    report = report_of(
                        -1,
                        article_id,
                        summary,
                        published=self.options.published,
                        aliases=self.options.aliases,
                    )
                    plain = to_plain(report)
                scanned.entries.append((article_id, line_start, plain))
        return scanned

    def _parse(
        self, line: bytes, line_no: int, stats: RunStats
    ) -> tuple[dict[str, Any], DealSummary] | None:
        try:  # the common case, parsed and checked in one step; anything else the slow way
            summary = DealSummary.model_validate_json(line)
            return {"metadata": {"article_id": _summary_id(summary)}}, summary
        except ValidationError:
            pass
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            _problem(stats, f"line {line_no} is not UTF-8 text")
            return None
        except json.JSONDecodeError:
            _problem(stats, f"line {line_no} is not JSON")
            return None
        if not isinstance(record, dict):
            _problem(stats, f"line {line_no} is not a JSON object")
            return None
        if "error" in record:
            stats.errors += 1
            return None
        try:
            return record, _record_summary(record)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            _problem(stats, f"line {line_no} is not a summary ({where}: {first['msg']})")
            return None

    def _load(self, handle: IO[bytes], members: list[int]) -> list[tuple[str, DealSummary]]:
        loaded = []
        for i in members:
            handle.seek(self._offsets[i])
            line = handle.readline()
            try:
                try:
                    summary = DealSummary.model_validate_json(line)
                except ValidationError:
                    summary = _record_summary(json.loads(line))
            except ValueError:  # pass 1 read a summary there: the file was changed since
                raise InputError(
                    f"{self.path} changed while it was being read; run again on a finished file"
                ) from None
            loaded.append((self._ids[i], summary))
        return loaded

    def lines(self, articles: Articles | None = None, *, workers: int = 1) -> Iterator[str]:
        """Every deal as one line of JSON, merged by ``workers`` processes when more than one
        (groups are independent; results keep their order)."""
        started = time.perf_counter()
        reports = self._scan(workers)
        started = self.stats.timed("read", started)
        texts = _texts(articles)
        grouper = self.options.grouper()
        with _no_gc_pauses():
            groups = grouper.clusters(reports)
        self.stats.groups = len(groups)
        started = self.stats.timed("group", started)
        yield from self._merged(reports, groups, texts, grouper, workers)
        self.stats.timed("merge", started)

    def _merged(
        self,
        reports: list[Report],
        groups: list[Cluster],
        texts: Mapping[str, str],
        grouper: Grouper,
        workers: int,
    ) -> Iterator[str]:
        state = _Batch(self, reports, groups, texts, grouper)
        spans = [(i, min(i + BATCH, len(groups))) for i in range(0, len(groups), BATCH)]
        if workers > 1 and len(spans) > 1 and "fork" in mp.get_all_start_methods():
            global _BATCH
            _BATCH = state  # forked workers inherit it: nothing is pickled but the spans
            try:
                with mp.get_context("fork").Pool(workers) as pool:
                    for batch in pool.imap(_merge_batch, spans):
                        self.stats.deals += len(batch)
                        yield from batch
            finally:
                _BATCH = None
            return
        for span in spans:
            batch = state.merge(span)
            self.stats.deals += len(batch)
            yield from batch

    def deals(self, articles: Articles | None = None) -> Iterator[ConsolidatedDeal]:
        """Every deal in the file; ``stats`` is complete once the iterator is exhausted."""
        reports = self._scan()
        texts = _texts(articles)
        with self.path.open("rb") as handle:
            for deal in _deals(reports, lambda m: self._load(handle, m), texts, self.options):
                self.stats.deals += 1
                yield deal


BATCH = 256
"""Groups merged per task when several processes share the work."""


@dataclass
class _Batch:
    """What a worker needs to merge a range of groups of one run file."""

    run: RunFile
    reports: list[Report]
    groups: list[Cluster]
    texts: Mapping[str, str]
    grouper: Grouper

    def merge(self, span: tuple[int, int]) -> list[str]:
        lines = []
        with self.run.path.open("rb") as handle, _no_gc_pauses():
            for group in self.groups[span[0] : span[1]]:
                loaded = self.run._load(handle, group.members)
                deal = _merge_group(self.reports, group, loaded, self.texts, self.grouper)
                lines.append(deal.model_dump_json())
        return lines


_BATCH: _Batch | None = None
_SCANNING: RunFile | None = None


def _scan_piece(piece: tuple[int, int, int]) -> _Scanned:
    assert _SCANNING is not None, "set before the pool forks"
    return _SCANNING._scan_piece(*piece)


def _merge_batch(span: tuple[int, int]) -> list[str]:
    assert _BATCH is not None, "set before the pool forks"
    return _BATCH.merge(span)


def read_runs(
    path: Path,
    *,
    articles: Articles | None = None,
    published: Mapping[str, dt.date] | None = None,
    aliases: AliasTable | Mapping[str, Iterable[str]] | None = None,
    window_days: int = WINDOW_DAYS,
    long_window_days: int = LONG_WINDOW_DAYS,
) -> tuple[Iterator[ConsolidatedDeal], RunStats]:
    """Deals from a run JSONL file, lazily, with the stats filled in as it is read."""
    options = Options(published or {}, _aliases(aliases), window_days, long_window_days)
    run = RunFile(path, options)
    return run.deals(articles), run.stats
