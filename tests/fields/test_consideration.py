"""How the price is paid."""

from __future__ import annotations

import pytest

from summarize.fields.consideration import consideration
from summarize.schema import DealType


@pytest.mark.parametrize(
    ("lede_text", "paid"),
    [
        ("Nordlys pays $2 billion in cash and stock for Wrenfield, $30 in cash.", "mixed"),
        ("Owners get $30 in cash plus 0.2 new Nordlys shares for each share.", "mixed"),
        ("Nordlys pays $900 million in cash and the remainder in newly issued shares.", "mixed"),
        ("Wrenfield holders will receive $5.60 cash for each share they own.", "cash"),
        ("The sides have not yet agreed whether Nordlys would pay in cash or in shares.", None),
    ],
)  # fmt: skip
def test_how_the_price_is_paid(lede_text: str, paid: str | None) -> None:
    found = consideration(lede_text, len(lede_text), DealType.acquisition)
    assert (found[0].value if found else None) == paid
