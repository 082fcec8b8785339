"""Ground a DealSummary: every value gets a verified span in the article, or is flagged/dropped.

For each filled value: align the model's quote to ``article.text`` (``align``), then check the
value against the article's words at that span (``values``). A value without a quote is looked
up in the article by itself (a party's name, an amount, a percentage, a date); status, deal type
and consideration cannot be looked up, so without a quote they stay ungrounded. Under ``strict``
ungrounded values leave the record for ``summary.dropped``; under ``flag`` they stay, marked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar

from summarize.articles import Article
from summarize.exceptions import ConfigError
from summarize.grounding import values
from summarize.grounding.align import FUZZY_THRESHOLD, Alignment, align, span_text
from summarize.grounding.fields import SCALAR_KINDS
from summarize.names import AliasTable, find_name
from summarize.schema import (
    DealSummary,
    DroppedValue,
    Evidence,
    KeyFact,
    Money,
    Party,
    Person,
    Source,
)

Policy = Literal["strict", "flag", "off"]
POLICIES: tuple[str, ...] = ("strict", "flag", "off")

Check = Callable[[list[tuple[int, int]]], str | None]
"""Given the aligned spans, why the value is not readable there (None when it is)."""
Lookup = Callable[[], Alignment | None]
"""Find the value itself in the article when the model gave no quote."""

_Item = TypeVar("_Item", Party, Source, Person, KeyFact)


def _found(span: tuple[int, int] | None) -> Alignment | None:
    return Alignment([span], "exact", 100.0, "exact") if span else None


class _Verifier:
    """Checks values against one article's text."""

    def __init__(self, text: str, aliases: AliasTable | None) -> None:
        self.text = text
        self.aliases = aliases

    def evidence(
        self, evidence: Evidence | None, what: str, check: Check | None, lookup: Lookup | None
    ) -> Evidence:
        """The verified evidence for one value (a new object; the input is not changed)."""
        if evidence is None or not evidence.quote.strip():
            return self._from_lookup(what, lookup)
        alignment = align(evidence.quote, self.text)
        if not alignment.found:
            reason = "quote not found in the article"
            if alignment.score:
                reason += f" (best fuzzy score {alignment.score:.0f} < {FUZZY_THRESHOLD:.0f})"
            return evidence.model_copy(
                update={"spans": [], "match": "none", "grounded": False, "reason": reason}
            )
        problem = check(alignment.spans) if check else None
        return evidence.model_copy(
            update={
                "spans": alignment.spans,
                "match": alignment.match,
                "grounded": problem is None,
                "reason": problem,
            }
        )

    def _from_lookup(self, what: str, lookup: Lookup | None) -> Evidence:
        if lookup is None:
            return Evidence(quote="", match="none", grounded=False, reason="no quote given")
        found = lookup()
        if found is None:
            return Evidence(
                quote="",
                match="none",
                grounded=False,
                reason=f"no quote given and {what} does not occur in the article",
            )
        return Evidence(
            quote=span_text(self.text, found.spans),
            spans=found.spans,
            match=found.match,
            grounded=True,
        )

    def quote_of(self, spans: list[tuple[int, int]]) -> str:
        return span_text(self.text, spans)

    # One method per kind of value: which check, which lookup.

    def party(self, party: Party) -> Evidence:
        return self.evidence(
            party.evidence,
            repr(party.name),
            lambda spans: values.name_problem(
                party.name, self.quote_of(spans), self.text, aliases=self.aliases
            ),
            lambda: _found(find_name(party.name, self.text, self.aliases)),
        )

    def money(self, money: Money) -> Evidence:
        return self.evidence(
            money.evidence,
            repr(values.describe_money(money)),
            lambda spans: values.money_problem(money, self.text, spans),
            lambda: _found(values.find_amount(money, self.text)),
        )

    def source(self, source: Source) -> Evidence:
        def lookup() -> Alignment | None:
            found = _found(find_name(source.name, self.text))
            if found is None:
                by_text = align(source.name, self.text)
                found = by_text if by_text.method in ("exact", "normalized") else None
            return found

        return self.evidence(source.evidence, repr(source.name), None, lookup)

    def person(self, person: Person) -> Evidence:
        return self.evidence(
            person.evidence,
            repr(person.name),
            lambda spans: values.name_problem(
                person.name, self.quote_of(spans), self.text, person=True
            ),
            lambda: _found(find_name(person.name, self.text)),
        )

    def fact(self, fact: KeyFact) -> Evidence:
        def lookup() -> Alignment | None:
            found = align(fact.text, self.text)
            return found if found.found else None

        return self.evidence(fact.evidence, "the fact's wording", None, lookup)

    def scalar(self, summary: DealSummary, field: str) -> Evidence:
        value = getattr(summary, field)
        evidence = summary.evidence.get(field)  # type: ignore[call-overload]
        if field == "stake_percent":
            return self.evidence(
                evidence,
                f"{value:g}%",
                lambda spans: values.percent_problem(value, self.quote_of(spans)),
                lambda: _found(values.find_percent(value, self.text)),
            )
        if field == "announced_on":
            return self.evidence(
                evidence,
                value.isoformat(),
                lambda spans: values.date_problem(value, self.quote_of(spans), self.text),
                lambda: _found(values.find_date(value, self.text)),
            )
        # status, deal_type, consideration: the quote must be in the article; no lookup.
        return self.evidence(evidence, field, None, None)


def _scalar_value(value: object) -> object:
    if hasattr(value, "value"):
        return value.value  # an enum
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[attr-defined]
    return value


def _verify_list(
    items: list[_Item],
    field: str,
    verify: Callable[[_Item], Evidence],
    dropped: list[DroppedValue],
    strict: bool,
) -> list[_Item]:
    kept: list[_Item] = []
    for i, item in enumerate(items):
        item.evidence = verify(item)
        if strict and not item.evidence.grounded:
            dropped.append(
                DroppedValue(
                    field=f"{field}[{i}]",
                    value=item.model_dump(mode="json"),
                    reason=item.evidence.reason or "not supported by the article",
                )
            )
        else:
            kept.append(item)
    return kept


def ground(
    summary: DealSummary,
    article: Article,
    *,
    policy: Policy,
    aliases: AliasTable | None = None,
) -> DealSummary:
    """A copy of ``summary`` with every value's evidence verified against ``article.text``.

    ``strict`` removes unsupported values and lists them in ``dropped``; ``flag`` keeps them
    with ``grounded=False`` and the reason; ``off`` returns ``summary`` unchanged.
    """
    if policy == "off":
        return summary
    if policy not in POLICIES:
        raise ConfigError(f"unknown grounding policy {policy!r}; choose one of {POLICIES}")
    strict = policy == "strict"
    out = summary.model_copy(deep=True)
    verifier = _Verifier(article.text, aliases)
    out.parties = _verify_list(out.parties, "parties", verifier.party, out.dropped, strict)
    for field in ("amount", "valuation"):
        money: Money | None = getattr(out, field)
        if money is None:
            continue
        money.evidence = verifier.money(money)
        if strict and not money.evidence.grounded:
            reason = money.evidence.reason or "not supported by the article"
            out.dropped.append(
                DroppedValue(field=field, value=money.model_dump(mode="json"), reason=reason)
            )
            setattr(out, field, None)
    for field in SCALAR_KINDS:
        value = getattr(out, field)
        if value is None:
            continue
        evidence = verifier.scalar(out, field)
        out.evidence[field] = evidence  # type: ignore[index]
        if strict and not evidence.grounded:
            reason = evidence.reason or "not supported by the article"
            if evidence.quote:
                reason = f"{reason}; quote: {evidence.quote!r}"
            out.dropped.append(DroppedValue(field=field, value=_scalar_value(value), reason=reason))
            setattr(out, field, None)
            del out.evidence[field]  # type: ignore[arg-type]
    out.sources = _verify_list(out.sources, "sources", verifier.source, out.dropped, strict)
    out.key_people = _verify_list(
        out.key_people, "key_people", verifier.person, out.dropped, strict
    )
    out.key_facts = _verify_list(out.key_facts, "key_facts", verifier.fact, out.dropped, strict)
    headline = out.evidence.get("headline")
    if headline is not None and headline.quote.strip():
        # The headline is the model's own sentence: its quote gets spans, but it is never dropped.
        out.evidence["headline"] = verifier.evidence(headline, "the headline", None, None)
    return out
