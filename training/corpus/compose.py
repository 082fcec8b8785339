"""Write one article from a ``Deal``: headline, dateline, lede, detail, quotes, noise, traps.

Paragraph order and length vary by article; the lede always comes first and names every party
(or a follow-up sentence does), so each labeled value has a verbatim quote in the text.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from summarize.schema import Consideration, DealStatus, DealType, Qualifier
from training.corpus import amounts, dates, names, sentences
from training.corpus.document import Document
from training.corpus.facts import Deal
from training.corpus.text import Piece, SlotValue, fill, join_names, marked

DECORATIONS = ("acq_desc", "tgt_desc", "p1_desc", "sel_desc", "when", "when_lead", "investors")
"""Slots a sentence may leave out; parties left out of the lede get a sentence of their own."""

SOURCE_KINDS = {"company": "company", "filing": "filing", "anonymous": "anonymous"}


@dataclass
class SourceFact:
    name: str
    kind: str
    key: str


@dataclass
class Written:
    """An article and what it states: the document with marks, its sources and key facts."""

    doc: Document
    headline: str
    sources: list[SourceFact] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    people: list[tuple[str, int]] = field(default_factory=list)  # (mark key, index in deal.people)


def share_price(rng: random.Random, currency: str) -> str:
    """A per-share price: "$42.50", "Rs 1,240", "¥3,450", "CHF 88.40"."""
    if currency in ("JPY", "INR"):
        value = f"{rng.randrange(120, 9000):,}"
    else:
        value = f"{rng.uniform(2, 400):.2f}"
    prefix = {
        "USD": "$",
        "EUR": "€",
        "GBP": "£",
        "JPY": "¥",
        "CHF": "CHF ",
        "CAD": "C$",
        "INR": rng.choice(("Rs ", "₹")),
    }[currency]
    return prefix + value


def percent(rng: random.Random) -> str:
    value = rng.choice((rng.randrange(2, 60), round(rng.uniform(0.5, 45), 1)))
    return rng.choice((f"{value}%", f"{value}%", f"{value} per cent", f"{value} percent"))


def stake_text(rng: random.Random, stake: float) -> str:
    number = f"{stake:g}"
    return rng.choice((f"{number}%", f"{number}%", f"{number} per cent", f"{number} percent"))


def _is_fact(sentence: str) -> bool:
    """A sentence short and informative enough to be a key fact on its own."""
    idle = ("declined to comment", "did not respond", "may not lead")
    return len(sentence.split()) <= 24 and not any(words in sentence for words in idle)


class Writer:
    """Writes one article for one deal with one random stream."""

    def __init__(self, rng: random.Random, deal: Deal) -> None:
        self.rng = rng
        self.deal = deal
        self.doc = Document()
        self.sources: list[SourceFact] = []
        self.facts: list[str] = []
        self.people: list[tuple[str, int]] = []
        self.slots: dict[str, SlotValue] = {}
        self.words = 0
        self.budget = rng.choice((120, 180, 240, 290, 330, 370, 410, 450))
        """Words to aim for: the eval articles run 350-550 words; 1024 tokens hold about 500."""

    # -- slots ---------------------------------------------------------------------------

    def money(self, near: float) -> str:
        return amounts.distractor(self.rng, self.deal.region.currency, near)

    def base_slots(self) -> dict[str, SlotValue]:
        rng, deal = self.rng, self.deal
        region = deal.region
        near = deal.amount.value if deal.amount else amounts.DEAL_RANGES[region.currency][0] * 50
        slots: dict[str, SlotValue] = {}
        for slot, (company, _) in deal.parties.items():
            slots[slot] = company.name
            slots[f"{slot}_s"] = company.short
        if deal.investor_slots:
            slots["investors"] = join_names(
                [marked(s, deal.parties[s][0].name) for s in deal.investor_slots]
            )
        target = deal.company("target") or deal.company("jv") or deal.company("partner1")
        buyer = deal.company("acquirer") or deal.company("partner2") or deal.company("lead")
        assert target and buyer
        for key, company in (("tgt", target), ("acq", buyer)):
            kind = rng.choice(names.INDUSTRY_DESCRIPTIONS.get(company.industry, ("company",)))
            slots[f"{key}_kind"] = kind
            article = "an" if kind[0] in "aeiou" else "a"
            slots[f"{key}_desc"] = rng.choice(
                (
                    f"{article} {kind}",
                    f"the {company.city}-based {kind}",
                    f"{article} {kind} based in {company.city}",
                )
            )
        slots["p1_desc"] = slots["acq_desc"] if deal.company("partner1") else None
        if seller := deal.company("seller"):
            slots["sel_desc"] = f"the {seller.city}-based group"
        slots["city2"] = target.city
        slots["target_possessive"] = target.possessive
        slots["speaker_s"] = target.short if deal.shape == "raise" else buyer.short
        if deal.shape == "merge":
            slots["acquirer_s"], slots["target_s"] = slots["partner1_s"], slots["partner2_s"]
        if deal.amount:
            slots["amount"] = marked("amount", deal.amount.phrase)
            short_style = (
                amounts.STYLES[region.currency][0][0],
                "short" if region.currency in ("USD", "EUR", "GBP") else "word",
                "",
            )
            slots["amount_h"] = amounts.number_phrase(
                deal.amount.value, region.currency, short_style
            )
        elif deal.kind is not DealType.funding_round:
            slots["undisclosed"] = rng.choice(sentences.UNDISCLOSED)
        if deal.valuation:
            slots["valuation"] = marked("valuation", deal.valuation.phrase)
        if deal.stake is not None:
            slots["stake"] = marked("stake", stake_text(rng, deal.stake))
        if deal.consideration:
            table = (
                sentences.MERGER_CONSIDERATION
                if deal.kind is DealType.merger
                else sentences.CONSIDERATION
            )
            phrase = rng.choice(table[deal.consideration.value])
            key = "cons_deal" if deal.kind is DealType.merger else "cons"
            slots[key] = marked("consideration", phrase)
        if deal.round:
            slots["round"] = deal.round
        slots["unit"] = rng.choice(sentences.UNITS)
        slots["unit_h"] = slots["unit"]
        slots["jv_purpose"] = rng.choice(sentences.JV_PURPOSES)
        slots["when"] = self.when()
        slots["when_lead"] = None
        slots["regulator"] = rng.choice(region.regulators)
        slots["regulator_cap"] = str(slots["regulator"])[0].upper() + str(slots["regulator"])[1:]
        slots["exchange"] = region.exchange
        slots["close_period"] = dates.closing_period(rng, deal.day)
        slots["past_month"] = dates.past_month(rng, deal.day)
        slots["close_day"] = None
        slots["prev_day"] = dates.weekday(deal.day - __import__("datetime").timedelta(days=3))
        slots["per_share"] = share_price(rng, region.currency)
        slots["premium"] = percent(rng)
        slots["pct"] = percent(rng)
        slots["fee"] = self.money(near / 20)
        slots["debt_amount"] = self.money(near / 2)
        slots["prev_amount"] = self.money(near / 4)
        slots["prev_amount_total"] = self.money(near * 1.5)
        slots["prev_val"] = self.money(near * 3)
        slots["prev_year"] = str(deal.day.year - rng.choice((1, 2, 3)))
        slots["found_year"] = str(deal.day.year - rng.randrange(3, 60))
        slots["last_year"] = str(deal.day.year - 1)
        slots["old_investor"] = names.fund(rng, region).name
        slots["use"] = rng.choice(sentences.USES)
        slots["revenue"] = self.money(near)
        slots["profit"] = self.money(near / 10)
        slots["market_cap"] = self.money(near * 4)
        slots["share_price"] = share_price(rng, region.currency)
        slots["employees"] = f"{rng.randrange(80, 60000):,}"
        slots["n_countries"] = str(rng.randrange(3, 40))
        slots["moved"] = rng.choice(("risen", "fallen", "gained", "lost"))
        slots["multiple"] = str(rng.randrange(6, 30))
        slots["price_target"] = share_price(rng, region.currency)
        slots["city"] = target.city
        slots["when_day"] = dates.weekday(deal.day)
        slots["analyst"] = names.person(rng, region)
        slots["firm"] = names.analyst_firm(rng, region)
        slots["outlet"] = names.outlet(rng)
        return slots

    def when(self) -> Piece | str | None:
        """ "on March 4, 2025" (marked as the announcement date) or "on Tuesday" or nothing."""
        deal = self.deal
        if deal.states_date and deal.status is DealStatus.announced:
            phrase = dates.date_phrase(self.rng, deal.day, with_year=self.rng.random() < 0.5)
            return fill("on {date}", {"date": phrase})
        return self.rng.choice((f"on {dates.weekday(self.deal.day)}", None))

    # -- sentences -----------------------------------------------------------------------

    def say(self, template: str, extra: dict[str, SlotValue] | None = None) -> Piece:
        slots = dict(self.slots)
        for name in DECORATIONS:
            if name != "investors" and self.rng.random() < 0.5:
                slots[name] = None
        if extra:
            slots.update(extra)
        return fill(template, slots)

    def paragraph(self, pieces: list[Piece], *, prefix: str = "") -> None:
        self.doc.paragraph(pieces, prefix=prefix)
        self.words += sum(len(p.text.split()) for p in pieces)

    def attribution(self) -> Piece:
        rng, deal = self.rng, self.deal
        n = len(self.sources)
        if deal.status in (DealStatus.rumored,) or (
            deal.status is DealStatus.in_talks and rng.random() < 0.6
        ):
            if rng.random() < 0.5:
                outlet = (
                    rng.choice(list(sentences.REAL_OUTLETS))
                    if rng.random() < 0.5
                    else names.outlet(rng)
                )
                kind = sentences.REAL_OUTLETS.get(outlet, "outlet")
                anon = rng.choice(sentences.SOURCE_PHRASES["anonymous"])
                self.sources.append(SourceFact(outlet, kind, f"src{n}"))
                if rng.random() < 0.5:
                    self.sources.append(SourceFact(anon, "anonymous", f"src{n + 1}"))
                    return fill(
                        f"{{src{n}}} reported, citing {{src{n + 1}}}",
                        {f"src{n}": outlet, f"src{n + 1}": anon},
                    )
                return fill(f"{{src{n}}} reported", {f"src{n}": outlet})
            anon = rng.choice(sentences.SOURCE_PHRASES["anonymous"])
            self.sources.append(SourceFact(anon, "anonymous", f"src{n}"))
            frame = rng.choice(("according to {src%d}", "{src%d} said"))
            return fill(frame % n, {f"src{n}": anon})
        kind = rng.choice(("company", "company", "filing"))
        phrase = rng.choice(sentences.SOURCE_PHRASES[kind]).format(exchange=deal.region.exchange)
        self.sources.append(SourceFact(phrase, kind, f"src{n}"))
        speaker = str(self.slots["speaker_s"])
        frames = (
            "{who} disclosed in {src%d}",
            "{who} said in {src%d}",
            "as {src%d} put it",
            "both companies said in {src%d}",
        )
        frame = rng.choice(frames if kind == "company" else frames[:3])
        return fill(frame % n, {f"src{n}": phrase, "who": speaker})

    def lede(self) -> Piece:
        deal, rng = self.deal, self.rng
        family = deal.shape
        if family == "raise" and deal.amount is None:
            family = "raise_undisclosed"
        verbs = sentences.VERBS_BY_KIND[deal.kind][deal.status]
        if deal.shape == "sold":
            verbs = sentences.SOLD_VERBS[deal.status]
        verb = fill(rng.choice(verbs), {})
        attrib = self.attribution()
        options = [t for t in sentences.LEDES[family] if self._fits(t)]
        template = rng.choice(options)
        return self.say(template, {"verb": verb, "attrib": attrib, "attrib_mid": attrib})

    def pick(self, templates: tuple[str, ...] | list[str]) -> str:
        """A random template among those this deal can fill."""
        return self.rng.choice([t for t in templates if self._fits(t)])

    def _fits(self, template: str) -> bool:
        """A lede must be able to state every required slot it names."""
        import re

        required = re.findall(r"\{(\w+)\}", re.sub(r"<<.*?>>", "", template))
        return all(
            self.slots.get(s) is not None or s in ("verb", "attrib", "attrib_mid") for s in required
        )

    def follow_ups(self) -> list[Piece]:
        """Sentences for whatever the lede left out: parties, money, stake, consideration, date."""
        deal, rng, doc = self.deal, self.rng, self.doc
        out: list[Piece] = []
        have = lambda key: doc.first(key) is not None or any(key in p.marks for p in out)  # noqa: E731
        if deal.company("seller") and not have("seller"):
            out.append(
                self.say(
                    rng.choice(
                        (
                            "{target_s} was previously owned by {seller}.",
                            "The seller is {seller}<<, {sel_desc}>>.",
                            "{seller} had owned the business since {prev_year}.",
                        )
                    )
                )
            )
        missing = [s for s in deal.investor_slots if not have(s)]
        if missing:
            names_piece = join_names([marked(s, deal.parties[s][0].name) for s in missing])
            out.append(
                self.say(
                    rng.choice(
                        (
                            "{names} also took part in the round.",
                            "Existing investors {names} joined the round.",
                            "The round also drew money from {names}.",
                        )
                    ),
                    {"names": names_piece},
                )
            )
        if deal.amount and not have("amount"):
            out.append(
                self.say(
                    rng.choice(
                        (
                            "The deal is worth {amount}.",
                            "The transaction is valued at {amount}.",
                            "Terms give the deal a value of {amount}.",
                        )
                    )
                )
            )
        if deal.stake is not None and not have("stake"):
            out.append(self.say(rng.choice(sentences.DETAIL["stake_more"])))
        if deal.valuation and not have("valuation"):
            out.append(self.say(rng.choice(sentences.DETAIL["valuation"])))
        if deal.consideration and not have("consideration"):
            phrase = marked(
                "consideration",
                rng.choice(
                    {
                        Consideration.cash: ("in cash", "entirely in cash"),
                        Consideration.stock: ("in shares", "in new shares"),
                        Consideration.mixed: (
                            "in cash and shares",
                            "partly in cash and partly in stock",
                        ),
                    }[deal.consideration]
                ),
            )
            if deal.kind is DealType.merger:
                frames: tuple[str, ...] = ("Shareholders of {partner2_s} will be paid {pay}.",)
            else:
                frames = ("{acquirer_s} will pay {pay}.", "The price will be paid {pay}.")
            out.append(self.say(rng.choice(frames), {"pay": phrase}))
        if deal.states_date and not have("date"):
            phrase = dates.date_phrase(rng, deal.day, with_year=True)
            frame = rng.choice(
                (
                    "The deal was first announced on {date}.",
                    "The companies announced the agreement on {date}.",
                    "The transaction was announced on {date}<<, and closed on {close}>>.",
                )
            )
            close = None
            if deal.status is DealStatus.completed:
                close = dates.date_phrase(
                    rng,
                    deal.day + __import__("datetime").timedelta(days=rng.randrange(30, 200)),
                    with_year=True,
                )
            out.append(self.say(frame, {"date": phrase, "close": close}))
        return out

    def detail(self) -> list[Piece]:
        deal, rng = self.deal, self.rng
        pool: list[str] = []
        if deal.kind is DealType.acquisition and deal.status is not DealStatus.rumored:
            pool += sentences.DETAIL["per_share"]
            pool += sentences.DETAIL["financing"]
        if deal.kind is DealType.funding_round:
            pool += sentences.DETAIL["proceeds"] + sentences.DETAIL["round_history"]
        pool = [t for t in pool if self._fits(t)]
        rng.shuffle(pool)
        return [self.say(t) for t in pool[: rng.choice((0, 1, 1, 2))]]

    def next_steps(self) -> list[Piece]:
        table = (
            sentences.FUNDING_NEXT if self.deal.kind is DealType.funding_round else sentences.NEXT
        )
        pool = [t for t in table.get(self.deal.status, ()) if self._fits(t)]
        self.rng.shuffle(pool)
        return [self.say(t) for t in pool[: self.rng.choice((1, 1, 2))]]

    def quotes(self) -> list[list[Piece]]:
        out = []
        for i, person in enumerate(self.deal.people):
            company = person.company
            founder = (
                company is self.deal.company("target") and self.deal.kind is DealType.funding_round
            )
            investor = company.industry == "investment"
            lines = (
                sentences.FOUNDER_QUOTES
                if founder
                else sentences.INVESTOR_QUOTES
                if investor
                else sentences.EXEC_QUOTES
            )
            key = f"person{i}"
            frame = self.rng.choice(sentences.QUOTE_FRAMES).replace("{person}", f"{{{key}}}")
            piece = self.say(
                frame,
                {
                    key: person.name,
                    "line": self.rng.choice(lines),
                    "title": person.title,
                    "org": company.name,
                    "org_s": company.short,
                    "src_again": None,
                },
            )
            self.people.append((key, i))
            out.append([piece])
        return out

    def background(self) -> list[Piece]:
        deal, rng = self.deal, self.rng
        companies = [
            c
            for s, (c, _) in deal.parties.items()
            if s != "jv" and c.industry not in ("investment", "advisory")
        ]
        if not companies:
            return []
        pool = list(sentences.BACKGROUND)
        rng.shuffle(pool)
        out = []
        for template in pool[: rng.choice((1, 1, 2))]:
            company = rng.choice(companies)
            out.append(self.say(template, {"company_s": company.short, "city": company.city}))
        return out

    def passing_deal(self) -> Piece:
        """A second, unrelated deal mentioned in passing: its names and price are not labels."""
        rng, region = self.rng, self.deal.region
        other_acq = names.company(rng, region, rng.choice(list(names.SECTORS)))
        other_tgt = names.company(rng, region, rng.choice(list(names.SECTORS)))
        near = self.deal.amount.value if self.deal.amount else 5e8
        return self.say(
            rng.choice(sentences.PASSING_DEAL),
            {
                "other_acq": other_acq.short,
                "other_tgt": other_tgt.name,
                "other_amount": amounts.distractor(rng, region.currency, near),
            },
        )

    def trap(self) -> Piece:
        rng, region = self.rng, self.deal.region
        fake = names.company(rng, region, rng.choice(list(names.SECTORS)))
        fake_target = names.company(rng, region, rng.choice(list(names.SECTORS)))
        amount = amounts.sample(rng, rng.choice(list(amounts.STYLES)), Qualifier.exact).phrase
        handle = names.coined(rng).lower() + str(rng.randrange(10, 999))
        return fill(
            rng.choice(sentences.TRAPS),
            {
                "fake_company": fake.name,
                "fake_target": fake_target.name,
                "fake_amount": amount,
                "handle": handle,
            },
        )

    def fill_to_budget(self) -> None:
        """Context and company history, a paragraph at a time, until the article is long enough."""
        rng, deal = self.rng, self.deal
        companies = [
            c
            for s, (c, _) in deal.parties.items()
            if s != "jv" and c.industry not in ("investment", "advisory")
        ]
        pool: list[tuple[str, dict[str, SlotValue]]] = [(t, {}) for t in sentences.CONTEXT]
        for company in companies:
            pool += [
                (t, {"company_s": company.short, "when_past": None}) for t in sentences.HISTORY
            ]
        rng.shuffle(pool)
        while self.words < self.budget and pool:
            count = min(len(pool), rng.choice((1, 2, 2, 3)))
            self.paragraph([self.say(t, extra) for t, extra in (pool.pop() for _ in range(count))])

    # -- article -------------------------------------------------------------------------

    def headline(self) -> str:
        options = sentences.HEADLINES[self.deal.shape if self.deal.shape != "sold" else "buy"]
        usable = [t for t in options if self._fits(t)]
        return fill(self.rng.choice(usable), self.slots).text

    def dateline(self) -> str:
        rng, deal = self.rng, self.deal
        city = (
            (deal.company("target") or deal.company("partner1") or deal.region).city
            if deal.parties
            else ""
        )  # type: ignore[union-attr]
        style = rng.randrange(4)
        if style == 0:
            return f"{city.upper()} \u2014 "
        if style == 1:
            return f"{city}, {dates.MONTHS[deal.day.month - 1]} {deal.day.day} \u2014 "
        return ""

    def write(self) -> Written:
        rng, deal = self.rng, self.deal
        self.slots = self.base_slots()
        headline = self.headline()
        self.doc.block(headline)
        if rng.random() < 0.5:
            self.doc.block(
                rng.choice(
                    (
                        f"By {names.person(rng, deal.region)}",
                        "By our correspondent",
                        f"{dates.dateline_date(deal.day)}",
                        "Staff reporter",
                    )
                )
            )
        if deal.states_date and deal.status is DealStatus.announced:
            # A year-less date in the lede needs the year somewhere: the byline date carries it.
            self.doc.block(dates.dateline_date(deal.day))
        lede = self.lede()
        self.paragraph([lede], prefix=self.dateline())
        details = self.detail()
        second = self.follow_ups() + details
        if second:
            self.paragraph(second)
        steps = self.next_steps()
        self.paragraph(steps)
        self.facts = [p.text for p in details + steps if _is_fact(p.text)]
        blocks: list[Callable[[], list[list[Piece]]]] = [
            lambda: self.quotes(),
            lambda: [self.background()],
        ]
        optional: list[tuple[float, Callable[[], list[list[Piece]]]]] = [
            (0.35, lambda: [[self.say(self.pick(sentences.ANALYST))]]),
            (0.3, lambda: [[self.passing_deal()]]),
            (
                0.5 if deal.company("adv1") else 0.0,
                lambda: [[self.say(self.pick(sentences.ADVISORS))]],
            ),
        ]
        for chance, make in optional:
            if rng.random() < chance:
                blocks.append(make)
        rng.shuffle(blocks)
        for make in blocks:
            for pieces in make():
                if pieces and (
                    self.words < self.budget
                    or any(k.startswith(("person", "adv")) for p in pieces for k in p.marks)
                ):
                    self.paragraph(pieces)
        self.fill_to_budget()
        if rng.random() < 0.08:
            self.doc.block(rng.choice(("---", "READER COMMENTS", "Related coverage")))
            self.paragraph([self.trap()])
        return Written(self.doc, headline, self.sources, self.facts, self.people)


def write_no_deal(rng: random.Random) -> Written:
    """An article about a company that reports no deal: results, launches, hires, spending."""
    region = names.pick_region(rng)
    industry = rng.choice(list(names.SECTORS))
    company = names.company(rng, region, industry)
    topic = rng.choice(list(sentences.NO_DEAL_LEDES))
    near = amounts.DEAL_RANGES[region.currency][0] * rng.choice((40, 200, 1000))
    day = dates.sample_date(rng)

    def money() -> str:
        return amounts.distractor(rng, region.currency, near)

    kind = rng.choice(names.INDUSTRY_DESCRIPTIONS[industry])
    slots: dict[str, SlotValue] = {
        "company": company.name,
        "company_s": company.short,
        "city": company.city,
        "desc": f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}",
        "pct": percent(rng),
        "profit": money(),
        "revenue": money(),
        "capex": money(),
        "market_cap": money(),
        "share_price": share_price(rng, region.currency),
        "weekday": dates.weekday(day),
        "date_free": None,
        "person": names.person(rng, region),
        "person2": names.person(rng, region),
        "title": rng.choice(names.EXEC_TITLES),
        "years": str(rng.randrange(4, 30)),
        "employees": f"{rng.randrange(80, 60000):,}",
        "firm": names.analyst_firm(rng, region),
        "rival": names.company(rng, region, industry).name,
        "rival2": names.company(rng, region, industry).name,
    }
    slots["person_s"] = names.surname(str(slots["person"]))
    doc = Document()
    headline = fill(rng.choice(sentences.NO_DEAL_HEADLINES[topic]), slots).text
    doc.block(headline)
    if rng.random() < 0.5:
        doc.block(dates.dateline_date(day))
    prefix = f"{company.city.upper()} \u2014 " if rng.random() < 0.4 else ""
    doc.paragraph([fill(rng.choice(sentences.NO_DEAL_LEDES[topic]), slots)], prefix=prefix)
    body = list(sentences.NO_DEAL_BODY)
    rng.shuffle(body)
    for template in body[: rng.randrange(2, 6)]:
        doc.paragraph([fill(template, slots)])
    if rng.random() < 0.1:
        fake = names.company(rng, region, industry).name
        trap = rng.choice(sentences.TRAPS)
        doc.paragraph(
            [
                fill(
                    trap,
                    {
                        "fake_company": fake,
                        "fake_target": company.name,
                        "fake_amount": money(),
                        "handle": names.coined(rng).lower(),
                    },
                )
            ]
        )
    return Written(doc, headline)
