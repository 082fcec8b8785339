"""Sample the facts of one deal: kind, stage, parties, money, stake, date, people.

Everything an article states about its deal is decided here first; the article is then written
from these facts, so the labels are known by construction rather than read back from text.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from summarize.schema import Consideration, DealStatus, DealType, Qualifier, Role
from training.corpus import amounts, dates, names
from training.corpus.names import Company, Region
from training.corpus.sentences import ROUNDS, VERBS_BY_KIND

KIND_WEIGHTS: dict[DealType, float] = {
    DealType.acquisition: 0.30,
    DealType.funding_round: 0.17,
    DealType.minority_investment: 0.10,
    DealType.majority_stake: 0.08,
    DealType.merger: 0.09,
    DealType.asset_sale: 0.10,
    DealType.joint_venture: 0.10,
    DealType.other: 0.06,
}
STATUS_WEIGHTS: dict[DealStatus, float] = {
    DealStatus.rumored: 0.13,
    DealStatus.in_talks: 0.15,
    DealStatus.announced: 0.30,
    DealStatus.pending_approval: 0.12,
    DealStatus.completed: 0.2,
    DealStatus.terminated: 0.1,
}
QUALIFIER_WEIGHTS: dict[Qualifier, float] = {
    Qualifier.exact: 0.42,
    Qualifier.approximately: 0.16,
    Qualifier.more_than: 0.1,
    Qualifier.up_to: 0.09,
    Qualifier.at_least: 0.06,
    Qualifier.less_than: 0.07,
    Qualifier.range: 0.1,
}
UNDISCLOSED_SHARE = 0.14
"""Share of deals whose price the article does not give."""

SHAPES: dict[DealType, tuple[str, ...]] = {
    DealType.acquisition: ("buy", "buy", "buy", "sold"),
    DealType.majority_stake: ("stake",),
    DealType.minority_investment: ("stake",),
    DealType.asset_sale: ("sell",),
    DealType.merger: ("merge",),
    DealType.joint_venture: ("jv",),
    DealType.funding_round: ("raise",),
    DealType.other: ("license",),
}

INDUSTRIES = tuple(names.SECTORS)


def _weighted(rng: random.Random, weights: dict, allowed: tuple | None = None):  # type: ignore[no-untyped-def]
    keys = [k for k in weights if allowed is None or k in allowed]
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


@dataclass
class PersonFact:
    """A person named and quoted in the article."""

    name: str
    title: str
    company: Company


@dataclass
class Deal:
    """The facts one article reports; slots name each party's place in the sentences."""

    kind: DealType
    status: DealStatus
    shape: str
    region: Region
    day: dt.date
    parties: dict[str, tuple[Company, Role]] = field(default_factory=dict)
    amount: amounts.Amount | None = None
    valuation: amounts.Amount | None = None
    stake: float | None = None
    consideration: Consideration | None = None
    states_date: bool = False
    round: str | None = None
    people: list[PersonFact] = field(default_factory=list)

    def company(self, slot: str) -> Company | None:
        found = self.parties.get(slot)
        return found[0] if found else None

    @property
    def investor_slots(self) -> list[str]:
        return [s for s in self.parties if s.startswith("investor")]


def _stake(rng: random.Random, kind: DealType) -> float:
    if kind is DealType.majority_stake:
        return float(rng.choice((51, 55, 60, 65, 67, 70, 75, 80, 85, 90, 51.5, 60.5)))
    whole = rng.choice(
        (2, 3, 4.9, 5, 7, 8, 9.9, 10, 12, 15, 18, 19.9, 20, 24, 25, 26, 30, 33, 35, 40, 45, 49)
    )
    return float(whole)


def sample_deal(rng: random.Random) -> Deal:
    """One deal with every fact its article will state."""
    kind = _weighted(rng, KIND_WEIGHTS)
    status = _weighted(rng, STATUS_WEIGHTS, tuple(VERBS_BY_KIND[kind]))
    region = names.pick_region(rng)
    shape = rng.choice(SHAPES[kind])
    deal = Deal(kind=kind, status=status, shape=shape, region=region, day=dates.sample_date(rng))
    _add_parties(rng, deal)
    _add_money(rng, deal)
    if (
        kind in (DealType.acquisition, DealType.majority_stake, DealType.asset_sale)
        and rng.random() < 0.6
    ):
        deal.consideration = rng.choice(list(Consideration))
    if kind is DealType.merger and rng.random() < 0.7:
        deal.consideration = rng.choices(list(Consideration), weights=(0.15, 0.65, 0.2))[0]
    if kind in (DealType.minority_investment, DealType.majority_stake):
        deal.stake = _stake(rng, kind)
        if kind is DealType.minority_investment and rng.random() < 0.4:
            deal.consideration = Consideration.cash
    elif kind is DealType.acquisition and rng.random() < 0.06:
        deal.stake = 100.0
    deal.states_date = (
        status in (DealStatus.announced, DealStatus.pending_approval, DealStatus.completed)
        and rng.random() < 0.5
    )
    _add_people(rng, deal)
    return deal


def _other_region(rng: random.Random, region: Region) -> Region:
    if rng.random() < 0.75:
        return region
    return names.pick_region(rng)


def _add_parties(rng: random.Random, deal: Deal) -> None:
    region = deal.region
    industry = rng.choice(INDUSTRIES)
    taken: set[str] = set()

    def unique(make) -> Company:  # type: ignore[no-untyped-def]
        for _ in range(50):
            company = make()
            if company.short.lower() not in taken and company.name.lower() not in taken:
                taken.update({company.short.lower(), company.name.lower()})
                return company
        raise AssertionError("could not find a fresh company name")

    def operating(r: Region = region, ind: str | None = None) -> Company:
        return unique(lambda: names.company(rng, r, ind or industry))

    put = deal.parties.__setitem__
    if deal.shape in ("buy", "sold", "license"):
        buyer_ind = rng.choice(
            (industry, industry, "pharma" if deal.shape == "license" else industry)
        )
        put("acquirer", (operating(_other_region(rng, region), buyer_ind), Role.acquirer))
        put("target", (operating(ind="pharma" if deal.shape == "license" else None), Role.target))
        if deal.shape == "buy" and rng.random() < 0.2:
            put("seller", (unique(lambda: names.fund(rng, region)), Role.seller))
    elif deal.shape == "stake":
        role = Role.acquirer if deal.kind is DealType.majority_stake else Role.investor
        buyer = unique(lambda: names.fund(rng, region)) if rng.random() < 0.5 else operating()
        put("acquirer", (buyer, role))
        put("target", (operating(), Role.target))
        if rng.random() < 0.35:
            put("seller", (operating(), Role.seller))
    elif deal.shape == "sell":
        put("seller", (operating(), Role.seller))
        put("target", (operating(), Role.target))
        put("acquirer", (operating(_other_region(rng, region)), Role.acquirer))
    elif deal.shape == "merge":
        put("partner1", (operating(), Role.merger_partner))
        put("partner2", (operating(_other_region(rng, region)), Role.merger_partner))
    elif deal.shape == "jv":
        put("partner1", (operating(), Role.investor))
        put(
            "partner2",
            (operating(_other_region(rng, region), rng.choice(INDUSTRIES)), Role.investor),
        )
        p1, p2 = deal.company("partner1"), deal.company("partner2")
        assert p1 and p2
        jv_name = (
            rng.choice((f"{p1.short} {p2.short}", f"{p2.short}-{p1.short}", names.coined(rng)))
            + " "
            + rng.choice(("Energy", "Cell", "Networks", "Partners", "Solutions"))
        )
        put("jv", (Company(jv_name, jv_name, industry, region, p1.city), Role.target))
    elif deal.shape == "raise":
        put("target", (operating(), Role.target))
        put("lead", (unique(lambda: names.fund(rng, region)), Role.lead_investor))
        for i in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            put(f"investor{i}", (unique(lambda: names.fund(rng, region)), Role.investor))
        deal.round = rng.choice(ROUNDS)
    if rng.random() < 0.3 and deal.shape not in ("raise", "jv"):
        put("adv1", (unique(lambda: names.advisor(rng, region)), Role.advisor))
        if rng.random() < 0.5:
            put("adv2", (unique(lambda: names.advisor(rng, region)), Role.advisor))


def _add_money(rng: random.Random, deal: Deal) -> None:
    currency = deal.region.currency
    style = amounts.pick_style(rng, currency)
    funding = deal.kind is DealType.funding_round
    if rng.random() >= UNDISCLOSED_SHARE:
        qualifier = _weighted(rng, QUALIFIER_WEIGHTS)
        if deal.kind is DealType.other and rng.random() < 0.6:
            qualifier = Qualifier.up_to
        deal.amount = amounts.sample(rng, currency, qualifier, funding=funding, style=style)
    wants_valuation = funding or deal.kind in (
        DealType.minority_investment,
        DealType.majority_stake,
    )
    if wants_valuation and rng.random() < 0.5:
        base = deal.amount.value if deal.amount else amounts.nice_value(rng, 1e7, 1e9)
        value = amounts.nice_value(rng, base * 2.5, base * 15)
        if deal.region.currency == "INR":
            value = amounts.nice_value(rng, base * 2.5, base * 15)
        qualifier = rng.choice(
            (Qualifier.exact, Qualifier.exact, Qualifier.approximately, Qualifier.more_than)
        )
        deal.valuation = amounts.render(rng, value, currency, qualifier, style=style)


def _add_people(rng: random.Random, deal: Deal) -> None:
    slots = [s for s in deal.parties if not s.startswith(("adv", "jv", "investor"))]
    rng.shuffle(slots)
    used: set[str] = set()
    for slot in slots[: rng.choice((0, 1, 1, 2, 2))]:
        company, role = deal.parties[slot]
        for _ in range(10):
            name = names.person(rng, company.region)
            if name.split()[-1] not in used:
                break
        used.add(name.split()[-1])
        investor = role in (Role.lead_investor, Role.investor) and company.industry == "investment"
        title = rng.choice(names.INVESTOR_TITLES if investor else names.EXEC_TITLES)
        deal.people.append(PersonFact(name, title, company))
