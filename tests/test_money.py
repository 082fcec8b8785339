"""Money phrases read into base units, currencies and qualifiers; non-money left alone."""

from __future__ import annotations

import random

import pytest

from summarize import money
from summarize.money import find_money, parse_money, values_match
from summarize.schema import Money, Qualifier

EXACT = Qualifier.exact


@pytest.mark.parametrize(
    ("phrase", "value", "currency", "qualifier", "upper"),
    [
        ("$10 billion", 10e9, "USD", EXACT, None),
        ("more than $10 billion", 10e9, "USD", Qualifier.more_than, None),
        ("US$1.2bn", 1.2e9, "USD", EXACT, None),
        ("€385 million", 385e6, "EUR", EXACT, None),
        ("EUR 1.2 billion", 1.2e9, "EUR", EXACT, None),
        ("£2.3bn", 2.3e9, "GBP", EXACT, None),
        ("under £75m", 75e6, "GBP", Qualifier.less_than, None),
        ("Rs 33,737 crore", 33737e7, "INR", EXACT, None),
        ("Rs 2.75 crore", 2.75e7, "INR", EXACT, None),
        ("Rs. 40 lakh", 40e5, "INR", EXACT, None),
        ("₹500 crore", 500e7, "INR", EXACT, None),
        ("5 lakh", 5e5, "INR", EXACT, None),
        ("1.5 lakh crore", 1.5e12, "INR", EXACT, None),
        ("150 billion yen", 150e9, "JPY", EXACT, None),
        ("¥210 billion", 210e9, "JPY", EXACT, None),
        ("about CHF 2.3 billion", 2.3e9, "CHF", Qualifier.approximately, None),
        ("between $1.2 billion and $1.5 billion", 1.2e9, "USD", Qualifier.range, 1.5e9),
        ("$1.2bn-$1.5bn", 1.2e9, "USD", Qualifier.range, 1.5e9),
        ("$1.2-1.5 billion", 1.2e9, "USD", Qualifier.range, 1.5e9),
        ("10 to 12 billion yen", 10e9, "JPY", Qualifier.range, 12e9),
        ("up to £410m", 410e6, "GBP", Qualifier.up_to, None),
        ("as much as $1.5 billion", 1.5e9, "USD", Qualifier.up_to, None),
        ("at least $300 million", 300e6, "USD", Qualifier.at_least, None),
        ("nearly €4bn", 4e9, "EUR", Qualifier.approximately, None),
        ("C$1.1 billion", 1.1e9, "CAD", EXACT, None),
        ("A$3.4 billion", 3.4e9, "AUD", EXACT, None),
        ("HK$8 billion", 8e9, "HKD", EXACT, None),
        ("2 billion euros", 2e9, "EUR", EXACT, None),
        ("60 million Swiss francs", 60e6, "CHF", EXACT, None),
        ("40 million Australian dollars", 40e6, "AUD", EXACT, None),
        ("3 billion Danish kroner", 3e9, "DKK", EXACT, None),
        ("$5m", 5e6, "USD", EXACT, None),
        ("$750,000", 750e3, "USD", EXACT, None),
        ("$1 trillion", 1e12, "USD", EXACT, None),
        ("Rs 4,800-crore", 4800e7, "INR", EXACT, None),
        ("$2-billion", 2e9, "USD", EXACT, None),
        ("roughly 420 million zlotys", 420e6, "PLN", Qualifier.approximately, None),
        ("6.8 billion pesos", 6.8e9, "MXN", EXACT, None),
        ("1.2 billion rand", 1.2e9, "ZAR", EXACT, None),
        ("R3.2bn", 3.2e9, "ZAR", EXACT, None),
        ("N312 billion", 312e9, "NGN", EXACT, None),
        ("₦40 billion", 40e9, "NGN", EXACT, None),
        ("Rp1.1 trillion", 1.1e12, "IDR", EXACT, None),
        ("50 billion naira", 50e9, "NGN", EXACT, None),
    ],
)
def test_phrase_is_read_into_base_units(
    phrase: str, value: float, currency: str, qualifier: Qualifier, upper: float | None
) -> None:
    mention = parse_money(phrase)
    assert mention is not None, phrase
    assert mention.value == pytest.approx(value)
    assert mention.currency == currency
    assert mention.qualifier is qualifier
    assert mention.upper == (pytest.approx(upper) if upper else None)
    assert mention.text == phrase


@pytest.mark.parametrize(
    "phrase",
    ["2024", "10m users", "Series B", "45%", "3 million subscribers", "1,200 employees",
     "Q3 2025", "Boeing 737", "", "no numbers here", "N95 masks", "R400 cheaper",
     "for 300 million shares", "in 312 billion"],
)  # fmt: skip
def test_non_money_is_not_read(phrase: str) -> None:
    assert parse_money(phrase) is None
    assert find_money(phrase) == []


def test_find_money_reports_every_amount_with_its_span() -> None:
    text = (
        "Kestrel Holdings will pay $4.5 billion for Orbwell, which was valued at €3bn last "
        "year; Orbwell's 2,000 staff may get up to Rs 20 crore in bonuses."
    )
    mentions = find_money(text)
    assert [m.text for m in mentions] == ["$4.5 billion", "€3bn", "up to Rs 20 crore"]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def find_money_everywhere(text: str) -> list[money.MoneyMention]:
    """``find_money`` with the regex tried at every position (no skipping ahead)."""
    mentions = []
    pos = 0
    while (match := money.MONEY_RE.search(text, pos)) is not None:
        mention = money._mention(match, text)
        if (mention is None and match["num2"]) or money._not_a_range(match):
            single = money.SINGLE_MONEY_RE.match(text, match.start())
            mention = money._mention(single, text) if single else None
            match = single or match
        if mention is not None:
            mentions.append(mention)
        pos = max(match.end(), pos + 1)
    return mentions


def test_skipping_to_the_words_before_a_digit_finds_the_same_amounts() -> None:
    rng = random.Random(11)
    words = [
        *(w for cue, _ in money.QUALIFIER_CUES for w in cue.split()),
        *money.PREFIX_CURRENCIES, *money.SCALES, *money.SUFFIX_CURRENCIES,
        "between", "and", "to", "-", "xabout", "MORE", "US$", "İn", "deal", ",", "(",
    ]  # fmt: skip
    numbers = ["5", "10", "1.5", "33,737", "1,200.5", "٣"]
    spaces = [" ", " ", "  ", "\t", "\n", "\xa0", ""]
    for _ in range(3000):
        text = "".join(
            (rng.choice(numbers) if rng.random() < 0.3 else rng.choice(words)) + rng.choice(spaces)
            for _ in range(rng.randint(1, 12))
        )
        assert find_money(text) == find_money_everywhere(text), text


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        # "and" joins a range only after "between"; otherwise these are two separate numbers.
        ("It paid $1.5 billion and 20% of its shares.", ["$1.5 billion"]),
        ("It paid $1.5 billion and $20 million in fees.", ["$1.5 billion", "$20 million"]),
        # A bare second number is not an upper bound in the first amount's scale.
        ("It paid $500 million to 3 banks.", ["$500 million"]),
        ("It lent $2 billion to 40 firms.", ["$2 billion"]),
        ("Between 2023 and 2024 it spent $3m.", ["$3m"]),
    ],
)
def test_two_numbers_side_by_side_are_not_a_range(text: str, amounts: list[str]) -> None:
    found = find_money(text)
    assert [m.text for m in found] == amounts
    assert all(m.qualifier is not Qualifier.range for m in found)


@pytest.mark.parametrize("text", ["The price was $83.50 a share.", "It rose to CHF 84.10."])
def test_share_prices_are_still_money(text: str) -> None:
    (mention,) = find_money(text)
    assert mention.value < 100


@pytest.mark.parametrize(
    ("phrase", "value"), [("$10m", 10e6), ("$10 million", 10e6), ("$10 mark", 10.0), ("£3k", 3e3)]
)
def test_single_letter_scale_only_as_a_suffix(phrase: str, value: float) -> None:
    mention = parse_money(phrase)
    assert mention is not None
    assert mention.value == value


def test_mention_converts_to_a_valid_money() -> None:
    mention = parse_money("between €2bn and €2.5bn")
    assert mention is not None
    converted = mention.to_money()
    assert isinstance(converted, Money)
    assert (converted.value, converted.upper, converted.currency) == (2e9, 2.5e9, "EUR")
    assert converted.qualifier is Qualifier.range


@pytest.mark.parametrize(
    ("a", "b", "tolerance", "expected"),
    [(10e9, 10e9, 0.0, True), (10e9, 10.4e9, 0.05, True), (10e9, 11e9, 0.05, False),
     (1.0, 1.02, 0.01, False)],
)  # fmt: skip
def test_values_match_within_a_relative_tolerance(
    a: float, b: float, tolerance: float, expected: bool
) -> None:
    assert values_match(a, b, tolerance=tolerance) is expected
    assert values_match(b, a, tolerance=tolerance) is expected


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("ſome $5 million", 5e6, "USD"),  # long s: the case-blind pattern reads "some"
        ("$5 bıllıon", 5e9, "USD"),  # dotless i
        ("5 mİllion euros", 5e6, "EUR"),  # dotted capital I
        ("$5 thouſand", 5e3, "USD"),
    ],
)
def test_letters_the_pattern_folds_to_ascii_read_as_those_letters(
    text: str, value: float, currency: str
) -> None:
    [mention] = find_money(text)
    assert (mention.value, mention.currency) == (value, currency)
