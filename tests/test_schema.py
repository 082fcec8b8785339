"""DealSummary schema: field names users depend on, validators, the model-facing JSON schema."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from pydantic import ValidationError

from summarize.schema import (
    Consideration,
    DealStatus,
    DealSummary,
    DealType,
    DroppedValue,
    Evidence,
    KeyFact,
    Money,
    Party,
    Person,
    Qualifier,
    Role,
    RunMetadata,
    Source,
    SourceKind,
    Usage,
    deal_summary_json_schema,
)


def money(**overrides: Any) -> dict[str, Any]:
    return {"value": 2e9, "currency": "USD", "text": "$2 billion", **overrides}


def summary(**overrides: Any) -> dict[str, Any]:
    return {"headline": "Acme buys Widget.", "deal_type": "acquisition", "status": "announced",
            **overrides}  # fmt: skip


@pytest.fixture
def full_summary() -> DealSummary:
    """A summary with every field filled, pipeline-only fields included."""
    quote = Evidence(
        quote="Acme agreed to buy Widget", spans=[(0, 25)], match="exact", grounded=True
    )
    return DealSummary(
        headline="Acme agrees to buy Widget for $2 billion.",
        deal_type=DealType.acquisition,
        status=DealStatus.pending_approval,
        parties=[
            Party(name="Acme", role=Role.acquirer, evidence=quote),
            Party(name="Widget", role=Role.target),
        ],
        amount=Money(value=2e9, currency="usd", qualifier=Qualifier.more_than, text="over $2bn"),
        valuation=Money(
            value=3e9,
            upper=3.5e9,
            currency="EUR",
            qualifier=Qualifier.range,
            text="€3bn-€3.5bn",
        ),
        stake_percent=60.5,
        consideration=Consideration.mixed,
        announced_on=dt.date(2025, 3, 3),
        sources=[Source(name="people familiar with the matter", kind=SourceKind.anonymous)],
        key_people=[Person(name="Ada Lind", title="CEO", organization="Acme")],
        key_facts=[KeyFact(text="The deal needs approval.")],
        evidence={"status": Evidence(quote="subject to approval", grounded=False, reason="moved")},
        metadata=RunMetadata(
            provider="openai",
            model="m",
            prompt_name="deal-structured",
            prompt_version="1",
            usage=Usage(prompt_tokens=10, completion_tokens=5),
            latency_s=1.5,
            requests=1,
            attempts=2,
            article_id="a1",
        ),
        dropped=[DroppedValue(field="consideration", value="cash", reason="no quote")],
    )


def test_top_level_field_names_are_the_published_ones() -> None:
    expected = {
        "headline", "deal_type", "status", "parties", "amount", "valuation", "stake_percent",
        "consideration", "announced_on", "sources", "key_people", "key_facts", "evidence",
        "metadata", "dropped",
    }  # fmt: skip
    assert set(DealSummary.model_fields) == expected


@pytest.mark.parametrize(
    ("enum", "values"),
    [
        (DealType, {"acquisition", "merger", "minority_investment", "majority_stake",
                    "funding_round", "joint_venture", "asset_sale", "other"}),
        (DealStatus, {"rumored", "in_talks", "announced", "pending_approval", "completed",
                      "terminated"}),
        (Role, {"acquirer", "investor", "lead_investor", "target", "seller", "merger_partner",
                "advisor"}),
        (Qualifier, {"exact", "approximately", "more_than", "at_least", "up_to", "less_than",
                     "range"}),
        (Consideration, {"cash", "stock", "mixed"}),
    ],
)  # fmt: skip
def test_enum_values_are_the_published_ones(enum: type, values: set[str]) -> None:
    assert {member.value for member in enum} == values


@pytest.mark.parametrize(("given", "stored"), [("USD", "USD"), ("eur", "EUR"), (" inr ", "INR")])
def test_currency_is_normalized_to_an_upper_case_iso_code(given: str, stored: str) -> None:
    assert Money(**money(currency=given)).currency == stored


@pytest.mark.parametrize("bad", ["XYZ", "dollars", "$", "US", ""])
def test_currency_that_is_not_iso_4217_is_rejected(bad: str) -> None:
    with pytest.raises(ValidationError, match="ISO 4217"):
        Money(**money(currency=bad))


@pytest.mark.parametrize("value", [0, -5, -1e9])
def test_money_value_must_be_positive(value: float) -> None:
    with pytest.raises(ValidationError, match="greater than 0"):
        Money(**money(value=value))


@pytest.mark.parametrize("upper", [2e9, 1e9])
def test_upper_must_exceed_value(upper: float) -> None:
    with pytest.raises(ValidationError, match="must be greater than value"):
        Money(**money(upper=upper, qualifier="range"))


def test_range_needs_an_upper_bound() -> None:
    with pytest.raises(ValidationError, match="range needs an upper bound"):
        Money(**money(qualifier="range"))


def test_valid_range_is_kept() -> None:
    parsed = Money(**money(qualifier="range", upper=2.5e9))
    assert (parsed.value, parsed.upper, parsed.qualifier) == (2e9, 2.5e9, Qualifier.range)


def test_money_rejects_unknown_keys() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Money(**money(units="billions"))


@pytest.mark.parametrize("stake", [0, 0.5, 49.9, 100])
def test_stake_within_0_to_100_is_accepted(stake: float) -> None:
    assert DealSummary(**summary(stake_percent=stake)).stake_percent == stake


@pytest.mark.parametrize("stake", [-0.1, 100.01, 250])
def test_stake_outside_0_to_100_is_rejected(stake: float) -> None:
    with pytest.raises(ValidationError, match="stake_percent"):
        DealSummary(**summary(stake_percent=stake))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("deal_type", "hostile_bid"),
        ("status", "done"),
        ("consideration", "crypto"),
        ("announced_on", "last Tuesday"),
        ("parties", [{"name": "", "role": "target"}]),
        ("parties", [{"name": "Acme", "role": "buyer"}]),
        ("evidence", {"parties": {"quote": "x"}}),
        ("mood", "bullish"),
    ],
)
def test_invalid_fields_are_rejected(field: str, value: Any) -> None:
    with pytest.raises(ValidationError):
        DealSummary(**summary(**{field: value}))


def test_no_deal_summary_is_valid_and_not_a_deal() -> None:
    parsed = DealSummary(headline="Markets were calm.", deal_type=None, status=None)
    assert not parsed.is_deal
    assert DealSummary(**summary()).is_deal


def test_names_by_role(full_summary: DealSummary) -> None:
    assert full_summary.names(Role.acquirer) == ["Acme"]
    assert full_summary.names(Role.target) == ["Widget"]
    assert full_summary.names(Role.seller) == []


def test_usage_adds_up() -> None:
    total = Usage(prompt_tokens=3, completion_tokens=4) + Usage(prompt_tokens=10)
    assert (total.prompt_tokens, total.completion_tokens, total.total_tokens) == (13, 4, 17)


def test_summary_round_trips_through_json(full_summary: DealSummary) -> None:
    again = DealSummary.model_validate_json(full_summary.model_dump_json())
    assert again == full_summary
    assert again.amount is not None and again.amount.currency == "USD"
    assert again.metadata is not None and again.metadata.usage.total_tokens == 15


def test_decided_by_says_model_or_rules_per_field() -> None:
    meta = RunMetadata(provider="p", model="m", prompt_name="n", prompt_version="1")
    assert meta.decided_by == {}
    meta = RunMetadata.model_validate(
        {**meta.model_dump(), "decided_by": {"status": "rules", "amount": "model"}}
    )
    assert meta.decided_by == {"status": "rules", "amount": "model"}
    with pytest.raises(ValidationError):
        RunMetadata.model_validate({**meta.model_dump(), "decided_by": {"status": "guess"}})


def test_summary_round_trips_through_a_python_dict(full_summary: DealSummary) -> None:
    record = json.loads(json.dumps(full_summary.model_dump(mode="json")))
    assert DealSummary.model_validate(record) == full_summary


@pytest.fixture(scope="module")
def json_schema() -> dict[str, Any]:
    return deal_summary_json_schema()


@pytest.mark.parametrize("hidden", ["metadata", "dropped", "decided_by"])
def test_schema_hides_pipeline_fields(json_schema: dict[str, Any], hidden: str) -> None:
    assert hidden not in json_schema["properties"]
    assert hidden not in json.dumps(json_schema["properties"])


@pytest.mark.parametrize("hidden", ["spans", "match", "grounded", "reason"])
def test_schema_hides_grounding_results_from_the_model(
    json_schema: dict[str, Any], hidden: str
) -> None:
    evidence = json_schema["$defs"]["Evidence"]
    assert set(evidence["properties"]) == {"quote"}
    assert hidden not in evidence["properties"]


def test_schema_names_no_pipeline_only_definitions(json_schema: dict[str, Any]) -> None:
    assert {"RunMetadata", "DroppedValue", "Usage"}.isdisjoint(json_schema["$defs"])


def test_schema_exposes_the_model_facing_fields(json_schema: dict[str, Any]) -> None:
    props = json_schema["properties"]
    assert {"headline", "deal_type", "status", "amount", "evidence"} <= set(props)
    assert set(json_schema["required"]) == {"headline", "deal_type", "status"}
    money_props = json_schema["$defs"]["Money"]["properties"]
    assert money_props["value"]["exclusiveMinimum"] == 0
    assert "description" in money_props["currency"]


def test_schema_is_json_serializable(json_schema: dict[str, Any]) -> None:
    assert json.loads(json.dumps(json_schema)) == json_schema
