"""The consolidation eval: do per-article summaries group and merge into the labeled deals?

Labels live in ``groups.yaml`` next to the articles (format: evals/datasets/consolidation/
GROUPS.md). Scores: grouping pairwise precision/recall/F1 over article pairs, merged-field
accuracy per labeled key of each group, and conflict recall (plus conflicts reported where the
label says the reports agree). Company names are compared with ``summarize.names`` and the
aliases of the articles' own label files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator
from rich import box
from rich.console import Console
from rich.table import Table

from summarize.articles import Article, read_file
from summarize.consolidate import ConsolidatedDeal, consolidate
from summarize.consolidate.models import ConflictField, ValuationLabel
from summarize.consolidate.sources import media_key
from summarize.evals.dataset import (
    Accepting,
    ExpectedParty,
    Strict,
    load_case,
    resolve_dataset,
)
from summarize.evals.scorers.money import APPROX_TOLERANCE, EXACT_TOLERANCE
from summarize.evals.scorers.parties import f1, score_parties
from summarize.exceptions import InputError
from summarize.money import values_match
from summarize.names import AliasTable, same_entity
from summarize.schema import (
    Consideration,
    DealStatus,
    DealSummary,
    DealType,
    Money,
    Party,
    Qualifier,
    iso_currencies,
)

GROUPS_FILE = "groups.yaml"
MAX_GROUP = 4
VALUE_TOLERANCE = 0.01
"""Valuations and conflict values match within 1%."""
STAKE_TOLERANCE = 0.5


class GroupMoney(Strict):
    value: float = Field(gt=0)
    currency: str
    qualifier: Qualifier = Qualifier.exact
    accept_qualifiers: list[Qualifier] = Field(default_factory=list)
    upper: float | None = None

    @field_validator("currency")
    @classmethod
    def _iso(cls, value: str) -> str:
        if value.upper() not in iso_currencies():
            raise ValueError(f"{value!r} is not an ISO 4217 code (use USD, EUR, INR …)")
        return value.upper()

    def qualifiers(self) -> set[Qualifier]:
        return {self.qualifier, *self.accept_qualifiers}


class ExpectedValuation(Strict):
    label: ValuationLabel
    value: float = Field(gt=0)
    currency: str


class ExpectedConflict(Strict):
    field: ConflictField
    values: list[float | dt.date | str] = Field(min_length=2)
    currency: str | None = None
    label: ValuationLabel | None = None


class GroupExpected(Strict):
    """The merged record. Absent key: not scored. ``null`` / ``[]``: must stay empty."""

    deal_type: Accepting[DealType] | None = None
    status: Accepting[DealStatus] | None = None
    status_timeline: list[DealStatus] = Field(default_factory=list)
    parties: list[ExpectedParty] = Field(default_factory=list)
    amount: GroupMoney | None = None
    valuations: list[ExpectedValuation] = Field(default_factory=list)
    stake_percent: Accepting[float] | None = None
    consideration: Accepting[Consideration] | None = None
    announced_on: Accepting[dt.date] | None = None
    conflicts: list[ExpectedConflict] = Field(default_factory=list)
    independent_sources: int | None = Field(default=None, ge=0)
    original_sources: list[str] = Field(default_factory=list)

    @field_validator(
        "status_timeline", "parties", "valuations", "conflicts", "original_sources", mode="before"
    )
    @classmethod
    def _null_list(cls, value: Any) -> Any:
        return [] if value is None else value

    def labeled(self) -> list[str]:
        """Keys the label says something about, in a stable order."""
        return [k for k in type(self).model_fields if k in self.model_fields_set]


class GroupLabel(Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    articles: list[str] = Field(min_length=1, max_length=MAX_GROUP)
    covers: list[str] = Field(default_factory=list)
    notes: str | None = None
    aliases: dict[str, list[str]] = Field(default_factory=dict)
    expected: GroupExpected = Field(default_factory=GroupExpected)


class GroupsFile(Strict):
    version: int | str = 1
    published: dict[str, dt.date] = Field(default_factory=dict)
    groups: list[GroupLabel]

    @model_validator(mode="after")
    def _each_article_once(self) -> GroupsFile:
        seen: dict[str, str] = {}
        for group in self.groups:
            for article_id in group.articles:
                if article_id in seen:
                    raise ValueError(f"{article_id} is in both {seen[article_id]} and {group.id}")
                seen[article_id] = group.id
        missing = sorted(set(seen) - set(self.published))
        if missing:
            raise ValueError(f"published has no date for {missing[0]}")
        extra = sorted(set(self.published) - set(seen))
        if extra:
            raise ValueError(f"{extra[0]} has a published date but is in no group")
        ids = [g.id for g in self.groups]
        if len(set(ids)) != len(ids):
            raise ValueError("group ids must be unique")
        return self

    def article_ids(self) -> list[str]:
        return [a for g in self.groups for a in g.articles]


def _one_line(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def load_groups(dataset: str | Path) -> tuple[GroupsFile, dict[str, Article], AliasTable]:
    """The groups file, every article it names, and the aliases of all their label files."""
    root = resolve_dataset(dataset)
    path = root / GROUPS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; see GROUPS.md for the format") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: invalid YAML ({exc.__class__.__name__})") from None
    try:
        groups = GroupsFile.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{path}: {_one_line(exc)}") from None
    articles: dict[str, Article] = {}
    aliases: dict[str, list[str]] = {}
    for article_id in groups.article_ids():
        labels_path = root / f"{article_id}.yaml"
        if labels_path.is_file():
            case = load_case(labels_path)
            articles[article_id] = case.article
            for name, more in case.labels.aliases.items():
                aliases.setdefault(name, []).extend(more)
        elif (root / f"{article_id}.txt").is_file():
            articles[article_id] = read_file(root / f"{article_id}.txt")
        else:
            raise InputError(f"{path}: article {article_id} has no {article_id}.txt in {root}")
    texts = {p.stem for p in root.glob("*.txt")}
    ungrouped = sorted(texts - set(articles))
    if ungrouped:
        raise InputError(
            f"{path}: {ungrouped[0]}.txt is in no group (a lone report is a group of one)"
        )
    for group in groups.groups:
        for name, more in group.aliases.items():
            aliases.setdefault(name, []).extend(more)
    return groups, articles, AliasTable.from_mapping(aliases)


def pair_scores(
    expected: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]
) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of a grouping (pairs of articles put together)."""

    def pairs(groups: Sequence[Sequence[str]]) -> set[frozenset[str]]:
        return {frozenset(p) for g in groups for p in combinations(sorted(set(g)), 2)}

    gold, made = pairs(expected), pairs(predicted)
    tp = len(gold & made)
    fp, fn = len(made - gold), len(gold - made)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "f1": f1(tp, fp, fn),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def _money_ok(expected: GroupMoney | None, produced: Money | None) -> tuple[float, str]:
    if expected is None:
        return (1.0 if produced is None else 0.0), _show_money(produced)
    if produced is None:
        return 0.0, "—"
    tolerance = EXACT_TOLERANCE if expected.qualifiers() == {Qualifier.exact} else APPROX_TOLERANCE
    ok = (
        produced.currency == expected.currency
        and values_match(expected.value, produced.value, tolerance=tolerance)
        and produced.qualifier in expected.qualifiers()
        and (
            expected.upper is None
            or (
                produced.upper is not None
                and values_match(expected.upper, produced.upper, tolerance=tolerance)
            )
        )
    )
    return float(ok), _show_money(produced)


def _show_money(money: Money | None) -> str:
    if money is None:
        return "—"
    return f"{money.currency} {money.value:,.6g} ({money.qualifier.value})"


def _valuations_score(
    expected: Sequence[ExpectedValuation], deal: ConsolidatedDeal
) -> tuple[float, str]:
    produced = deal.valuations
    matched: set[int] = set()
    tp = 0
    for e in expected:
        hit = next(
            (
                i
                for i, v in enumerate(produced)
                if i not in matched
                and v.label == e.label
                and v.money.currency == e.currency.upper()
                and values_match(v.money.value, e.value, tolerance=VALUE_TOLERANCE)
            ),
            None,
        )
        if hit is not None:
            matched.add(hit)
            tp += 1
    shown = "; ".join(f"{v.label} {v.money.currency} {v.money.value:,.6g}" for v in produced) or "—"
    return f1(tp, len(produced) - tp, len(expected) - tp), shown


def _sources_score(expected: Sequence[str], produced: Sequence[str]) -> tuple[float, str]:
    matched: set[int] = set()
    for name in produced:
        hit = next(
            (
                i
                for i, e in enumerate(expected)
                if i not in matched and same_entity(media_key(e), media_key(name))
            ),
            None,
        )
        if hit is not None:
            matched.add(hit)
    tp = len(matched)
    return f1(tp, len(produced) - tp, len(expected) - tp), ", ".join(produced) or "—"


def _accepting(
    expected: Accepting[Any] | None, produced: Any, same: Any = None
) -> tuple[float, str]:
    if expected is None:
        return (1.0 if produced is None else 0.0), _plain(produced)
    if produced is None:
        return 0.0, "—"
    test = same or (lambda a, b: a == b)
    return float(any(test(v, produced) for v in expected.accepted())), _plain(produced)


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    return str(getattr(value, "value", value))


def score_fields(
    label: GroupLabel, deal: ConsolidatedDeal | None, aliases: AliasTable
) -> dict[str, dict[str, Any]]:
    """Each labeled key of one group against the predicted deal: score in [0, 1] and the value."""
    e = label.expected
    results: dict[str, dict[str, Any]] = {}
    for key in e.labeled():
        if key == "conflicts":
            continue
        if deal is None:
            results[key] = {"score": 0.0, "produced": "(no deal)"}
            continue
        if key in ("deal_type", "status", "consideration", "announced_on"):
            score, shown = _accepting(getattr(e, key), getattr(deal, key).value)
        elif key == "stake_percent":
            score, shown = _accepting(
                e.stake_percent,
                deal.stake_percent.value,
                lambda a, b: abs(a - b) <= STAKE_TOLERANCE,
            )
        elif key == "status_timeline":
            produced = [ev.status for ev in deal.status_timeline]
            score = float(produced == e.status_timeline)
            shown = " → ".join(s.value for s in produced) or "—"
        elif key == "parties":
            produced_parties = [Party(name=p.name, role=p.role) for p in deal.parties]
            score = score_parties(e.parties, produced_parties, aliases=aliases).value
            shown = "; ".join(f"{p.name} ({p.role.value})" for p in deal.parties) or "—"
        elif key == "amount":
            score, shown = _money_ok(e.amount, deal.amount.value)
        elif key == "valuations":
            score, shown = _valuations_score(e.valuations, deal)
        elif key == "independent_sources":
            score, shown = (
                float(deal.independent_sources == e.independent_sources),
                str(deal.independent_sources),
            )
        else:  # original_sources
            named = [link.name for link in deal.sources if link.original]
            score, shown = _sources_score(e.original_sources, named)
        results[key] = {"score": score, "produced": shown}
    return results


def _value_matches(
    expected: float | dt.date | str, produced: Any, field: str, currency: str | None
) -> bool:
    if isinstance(produced, Money):
        if currency and produced.currency != currency.upper():
            return False
        return isinstance(expected, int | float) and values_match(
            float(expected), produced.value, tolerance=VALUE_TOLERANCE
        )
    if (
        field == "stake_percent"
        and isinstance(expected, int | float)
        and isinstance(produced, int | float)
    ):
        return abs(float(expected) - float(produced)) <= STAKE_TOLERANCE
    if isinstance(produced, dt.date):
        return str(expected) == produced.isoformat()
    return str(expected) == str(getattr(produced, "value", produced))


def conflict_found(expected: ExpectedConflict, deal: ConsolidatedDeal | None) -> bool:
    """True when the deal keeps a conflict on the field holding every labeled value."""
    if deal is None:
        return False
    for conflict in deal.conflicts:
        if conflict.field != expected.field or (
            expected.label and conflict.label != expected.label
        ):
            continue
        values = [claim.value for claim in conflict.claims]
        if all(
            any(_value_matches(v, p, expected.field, expected.currency) for p in values)
            for v in expected.values
        ):
            return True
    return False


def _best_deal(
    article_ids: Sequence[str], deals: Sequence[ConsolidatedDeal]
) -> ConsolidatedDeal | None:
    wanted = set(article_ids)
    best, overlap = None, 0
    for deal in deals:
        n = len(wanted & set(deal.article_ids))
        if n > overlap:
            best, overlap = deal, n
    return best


def score_consolidation(
    groups: GroupsFile, deals: Sequence[ConsolidatedDeal], aliases: AliasTable | None = None
) -> dict[str, Any]:
    """Every score of the consolidation eval from labeled groups and predicted deals."""
    aliases = aliases or AliasTable()
    known = set(groups.article_ids())
    predicted = [[a for a in d.article_ids if a in known] for d in deals]
    grouping = pair_scores([g.articles for g in groups.groups], predicted)
    grouping["expected_groups"] = len(groups.groups)
    grouping["predicted_groups"] = len([p for p in predicted if p])
    exact = {frozenset(p) for p in predicted}
    grouping["exact_groups"] = sum(frozenset(g.articles) in exact for g in groups.groups)
    per_field: dict[str, dict[str, float]] = {}
    rows = []
    expected_conflicts = found_conflicts = false_conflicts = 0
    for label in groups.groups:
        deal = _best_deal(label.articles, deals)
        fields = score_fields(label, deal, aliases)
        for key, result in fields.items():
            bucket = per_field.setdefault(key, {"score": 0.0, "scored": 0})
            bucket["score"] += result["score"]
            bucket["scored"] += 1
        conflicts = []
        if "conflicts" in label.expected.labeled():
            for expected in label.expected.conflicts:
                found = conflict_found(expected, deal)
                expected_conflicts += 1
                found_conflicts += found
                conflicts.append({"field": expected.field, "label": expected.label, "found": found})
            if not label.expected.conflicts and deal is not None:
                false_conflicts += len(deal.conflicts)
        rows.append(
            {
                "id": label.id,
                "title": label.title,
                "expected_articles": label.articles,
                "predicted_articles": deal.article_ids if deal else [],
                "deal_id": deal.id if deal else None,
                "fields": fields,
                "conflicts": conflicts,
            }
        )
    fields_summary = {
        key: {"accuracy": v["score"] / v["scored"], "scored": int(v["scored"])}
        for key, v in per_field.items()
    }
    total = sum(v["scored"] for v in per_field.values())
    return {
        "grouping": grouping,
        "merged_accuracy": sum(v["score"] for v in per_field.values()) / total if total else None,
        "fields": fields_summary,
        "conflicts": {
            "expected": expected_conflicts,
            "found": found_conflicts,
            "recall": found_conflicts / expected_conflicts if expected_conflicts else None,
            "false": false_conflicts,
        },
        "groups": rows,
    }


def run_consolidation_eval(
    dataset_path: str | Path, summaries_by_id: Mapping[str, DealSummary | None]
) -> dict[str, Any]:
    """Consolidate the given per-article summaries of a dataset and score the result.

    ``summaries_by_id`` maps article id to its summary (None for an article that failed).
    """
    groups, articles, aliases = load_groups(dataset_path)
    summaries = {k: s for k, s in summaries_by_id.items() if s is not None and k in articles}
    deals = consolidate(summaries, articles=articles, published=groups.published)
    report = score_consolidation(groups, deals, aliases)
    report["dataset"] = str(resolve_dataset(dataset_path).name)
    report["articles"] = len(articles)
    report["summaries"] = len(summaries)
    report["deals"] = [d.model_dump(mode="json") for d in deals]
    return report


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def consolidation_tables(report: Mapping[str, Any]) -> list[Table]:
    """The report as rich tables: headline scores, per field, per group."""
    g, c = report["grouping"], report["conflicts"]
    head = Table(
        title=f"consolidation eval: {report.get('dataset', '')}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    head.add_column("metric")
    head.add_column("value", justify="right")
    head.add_row("grouping precision", f"{g['precision']:.2f}")
    head.add_row("grouping recall", f"{g['recall']:.2f}")
    head.add_row("grouping F1", f"{g['f1']:.2f}")
    head.add_row("groups exactly right", f"{g['exact_groups']}/{g['expected_groups']}")
    head.add_row("merged-field accuracy", _pct(report["merged_accuracy"]))
    head.add_row("conflict recall", f"{_pct(c['recall'])} ({c['found']}/{c['expected']})")
    head.add_row("conflicts where reports agree", str(c["false"]))
    fields = Table(title="merged fields", title_justify="left", box=box.SIMPLE_HEAD)
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    fields.add_column("groups", justify="right")
    for key, value in report["fields"].items():
        fields.add_row(key, _pct(value["accuracy"]), str(value["scored"]))
    groups = Table(title="groups", title_justify="left", box=box.SIMPLE_HEAD)
    groups.add_column("group")
    groups.add_column("articles")
    groups.add_column("wrong fields", overflow="fold")
    for row in report["groups"]:
        same = set(row["expected_articles"]) == set(row["predicted_articles"])
        articles = "ok" if same else f"got {', '.join(row['predicted_articles']) or 'none'}"
        wrong = [f"{k}: {v['produced']}" for k, v in row["fields"].items() if v["score"] < 1]
        wrong += [f"missed conflict on {x['field']}" for x in row["conflicts"] if not x["found"]]
        groups.add_row(row["id"], articles, "; ".join(wrong) or "—")
    return [head, fields, groups]


def print_consolidation_report(report: Mapping[str, Any], console: Console) -> None:
    """Print the report's tables."""
    for table in consolidation_tables(report):
        console.print(table)
