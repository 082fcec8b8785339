"""Invented company, fund and person names in many styles, from word lists written for this corpus.

Names are built from syllables and short word lists so that thousands of articles rarely repeat
a name and never depend on a real company. Each region gets its own flavour (Indian, Japanese,
German, Nordic, French, Spanish, Anglo...) because the eval articles mix them too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

ONSETS = (
    "b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "k", "kr", "l", "m", "n", "p",
    "pr", "qu", "r", "s", "st", "t", "tr", "v", "z", "w", "sh", "", "", "",
)  # fmt: skip
VOWELS = ("a", "e", "i", "o", "u", "ai", "au", "e", "o", "a")
MIDDLES = ("l", "r", "n", "m", "v", "t", "s", "d", "x", "k", "nd", "rt", "st", "lv")
ENDINGS = (
    "a", "ia", "ix", "on", "ora", "ara", "ex", "um", "is", "eo", "ana", "ity", "ova", "ent",
    "era", "ico", "ant", "ire", "al", "elle",
)  # fmt: skip

COMPOUND_FIRST = (
    "Silver", "Harbor", "Red", "North", "Iron", "Blue", "Stone", "Cedar", "Oak", "Pine", "Eagle",
    "Copper", "Lake", "River", "Summit", "Granite", "Falcon", "Amber", "Birch", "Coral", "Maple",
    "Willow", "Quarry", "Bright", "Clear", "Frost", "Golden", "Hollow", "Sable", "Marsh", "Thorn",
    "Heron", "Lantern", "Crescent", "Tidal", "Ember", "Juniper", "Kite", "Meadow", "Flint",
)  # fmt: skip
COMPOUND_SECOND = (
    "field", "gate", "water", "bridge", "stone", "wood", "point", "brook", "crest", "haven",
    "ridge", "fern", "vale", "line", "moor", "peak", "bay", "wick", "mere", "ford", "light",
    "well", "hurst", "lock", "mark",
)  # fmt: skip

SECTORS: dict[str, tuple[str, ...]] = {
    "software": ("Software", "Systems", "Labs", "Technologies", "Cloud", "Data"),
    "payments": ("Pay", "Payments", "Fintech", "Money", "Finserv"),
    "logistics": ("Logistics", "Freight", "Shipping", "Transport", "Cargo"),
    "pharma": ("Pharma", "Therapeutics", "Biosciences", "Health", "Medical"),
    "chemicals": ("Chemicals", "Materials", "Coatings", "Polymers"),
    "food": ("Foods", "Dairy", "Beverages", "Agro", "Harvest"),
    "energy": ("Energy", "Power", "Renewables", "Solar", "Grid"),
    "telecom": ("Telecom", "Networks", "Fibre", "Connect"),
    "retail": ("Retail", "Stores", "Brands", "Fashion"),
    "industrial": ("Industries", "Engineering", "Machines", "Components", "Werke"),
    "insurance": ("Insurance", "Assurance", "Re"),
    "media": ("Media", "Studios", "Entertainment", "Games"),
    "semiconductors": ("Semiconductor", "Microsystems", "Photonics", "Silicon"),
    "mining": ("Mining", "Resources", "Metals", "Minerals"),
    "property": ("Properties", "Realty", "Estates", "Infra"),
}

INDUSTRY_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "software": ("maker of accounting software for small businesses", "cybersecurity software developer",
                 "provider of data-analytics tools for hospitals", "developer of warehouse-management software",
                 "cloud software company"),
    "payments": ("digital payments company", "provider of card-processing services to merchants",
                 "business-lending platform", "cross-border payments specialist"),
    "logistics": ("freight-forwarding group", "operator of refrigerated warehouses",
                  "last-mile delivery company", "container shipping line"),
    "pharma": ("generic-drug maker", "developer of treatments for rare diseases",
               "contract drug manufacturer", "maker of diagnostic tests"),
    "chemicals": ("specialty chemicals maker", "producer of industrial coatings",
                  "maker of plastic packaging resins"),
    "food": ("packaged-snacks maker", "dairy cooperative", "plant-based food company",
             "maker of frozen meals", "fruit-juice producer"),
    "energy": ("wind and solar developer", "operator of electric-vehicle charging stations",
               "gas distribution company", "battery-storage developer"),
    "telecom": ("regional fibre-broadband provider", "mobile-tower operator", "internet service provider"),
    "retail": ("discount-store chain", "online fashion retailer", "chain of pharmacies",
               "home-furnishings retailer"),
    "industrial": ("maker of factory automation equipment", "manufacturer of industrial pumps",
                   "auto-parts supplier", "maker of elevator components"),
    "insurance": ("specialty insurer", "health insurance provider", "reinsurance broker"),
    "media": ("video-game studio", "streaming service", "regional newspaper group", "music label"),
    "semiconductors": ("chip designer", "maker of power semiconductors", "supplier of chip-testing equipment"),
    "mining": ("copper miner", "lithium explorer", "gold producer"),
    "property": ("commercial property developer", "owner of logistics parks", "student-housing operator"),
}  # fmt: skip


@dataclass(frozen=True)
class Region:
    """Where a company sits: its currency, cities, legal suffixes and naming flavour."""

    key: str
    currency: str
    cities: tuple[str, ...]
    suffixes: tuple[str, ...]
    exchange: str
    regulators: tuple[str, ...]


REGIONS: dict[str, Region] = {
    r.key: r
    for r in (
        Region("us", "USD", ("New York", "San Francisco", "Chicago", "Boston", "Austin", "Atlanta",
               "Denver", "Seattle", "Houston", "Minneapolis"), ("Inc", "Inc.", "Corp", "Corporation",
               "LLC", "", "", ""), "the New York Stock Exchange",
               ("the Federal Trade Commission", "the Justice Department", "US antitrust regulators")),
        Region("eu", "EUR", ("Frankfurt", "Munich", "Paris", "Lyon", "Amsterdam", "Rotterdam",
               "Madrid", "Milan", "Brussels", "Hamburg", "Vienna", "Dublin"), ("AG", "SE", "GmbH",
               "SA", "NV", "BV", "SpA", "", ""), "Euronext",
               ("the European Commission", "Germany's Federal Cartel Office",
                "France's competition authority")),
        Region("uk", "GBP", ("London", "Manchester", "Edinburgh", "Leeds", "Bristol", "Birmingham",
               "Glasgow", "Cambridge"), ("plc", "Ltd", "Limited", "Group", "", ""),
               "the London Stock Exchange",
               ("the Competition and Markets Authority", "the Takeover Panel")),
        Region("in", "INR", ("Mumbai", "Bengaluru", "New Delhi", "Pune", "Hyderabad", "Chennai",
               "Ahmedabad", "Gurugram", "Kolkata", "Jaipur"), ("Ltd", "Limited", "Pvt Ltd", "", ""),
               "the BSE", ("the Competition Commission of India", "the Securities and Exchange Board of India",
               "the National Company Law Tribunal")),
        Region("jp", "JPY", ("Tokyo", "Osaka", "Nagoya", "Yokohama", "Kyoto", "Fukuoka"),
               ("Corp", "Co", "Holdings", "K.K.", "", ""), "the Tokyo Stock Exchange",
               ("the Japan Fair Trade Commission",)),
        Region("ch", "CHF", ("Zurich", "Geneva", "Basel", "Lausanne", "Zug", "Bern"),
               ("AG", "SA", "Holding AG", "", ""), "the SIX Swiss Exchange",
               ("the Swiss Competition Commission",)),
        Region("ca", "CAD", ("Toronto", "Montreal", "Vancouver", "Calgary", "Ottawa", "Halifax"),
               ("Inc", "Ltd", "Corp", "", ""), "the Toronto Stock Exchange",
               ("the Competition Bureau", "Investment Canada regulators")),
    )
}  # fmt: skip

REGION_WEIGHTS: dict[str, float] = {
    "us": 0.26, "eu": 0.17, "uk": 0.13, "in": 0.15, "jp": 0.1, "ch": 0.09, "ca": 0.1,
}  # fmt: skip
"""US deals dominate deal news; every other region still appears in any few hundred articles."""


def pick_region(rng: random.Random) -> Region:
    keys = list(REGION_WEIGHTS)
    return REGIONS[rng.choices(keys, weights=[REGION_WEIGHTS[k] for k in keys])[0]]


FLAVOUR_WORDS: dict[str, tuple[str, ...]] = {
    "in": ("Vasudha", "Shree", "Navya", "Sahyog", "Tarang", "Aarohan", "Prakash", "Kaveri",
           "Godavari", "Surya", "Vayu", "Annapurna", "Nirmal", "Ujjwal", "Dhruv", "Sankalp",
           "Akshaya", "Bharat", "Indus", "Vistar", "Pragati", "Mitra", "Sampada", "Kalyan"),
    "jp": ("Takeshima", "Hoshizora", "Kawanami", "Yamabuki", "Shirogane", "Aozora", "Midori",
           "Kurenai", "Asahina", "Tsubaki", "Hinode", "Kitakaze", "Minato", "Sakuragi", "Umino"),
    "eu": ("Kühnel", "Brenner", "Vandeleur", "Hollmann", "Marceau", "Duval", "Castell", "Ortega",
           "Lindau", "Rheinfeld", "Moravec", "Bellandi", "Vermeulen", "Sorel", "Albrecht", "Lacroix"),
    "ch": ("Alpstein", "Seeberg", "Rigi", "Vautrin", "Glarner", "Engadin", "Lemanis", "Toggen"),
    "uk": ("Ashcombe", "Pennard", "Thistledown", "Wexley", "Harrowby", "Calder", "Morwen",
           "Ravensby", "Kilbride", "Lowther", "Fenwick", "Ashby"),
    "ca": ("Laurentide", "Nordique", "Prairie", "Boreal", "Cascadia", "Tamarack", "Muskoka"),
    "us": ("Lakeshore", "Patriot", "Keystone", "Redwood", "Frontier", "Bayview", "Canyon",
           "Magnolia", "Prospect", "Sterling", "Ironwood", "Liberty"),
}  # fmt: skip

CAMEL_PARTS = (
    "Data", "Cloud", "Pay", "Shift", "Loop", "Nimbus", "Lattice", "Spark", "Vault", "Stack",
    "Pixel", "Quant", "Hive", "Orbit", "Bolt", "Leaf", "Kin", "Mint", "Wave", "Nest", "Crate",
)  # fmt: skip
FUND_WORDS = (
    "Ventures", "Capital", "Partners", "Capital Partners", "Growth Fund", "Equity", "Investments",
    "Growth Partners", "Fund", "Venture Partners", "Asset Management", "Infrastructure Partners",
)  # fmt: skip
ADVISOR_WORDS = (
    "Securities", "& Co", "Partners", "Capital Markets", "Advisory", "Corporate Finance",
)  # fmt: skip
OUTLET_WORDS = ("Ledger", "Courier", "Dispatch", "Wire", "Chronicle", "Observer", "Gazette")

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "us": ("Megan", "Daniel", "Rachel", "Tyler", "Laura", "Marcus", "Jessica", "Brian", "Dana",
           "Kevin", "Alicia", "Trevor", "Monica", "Derek", "Whitney", "Gregory", "Tanya", "Curtis"),
    "uk": ("Fiona", "Alistair", "Harriet", "Rupert", "Imogen", "Callum", "Eleanor", "Hamish",
           "Philippa", "Graham", "Bethan", "Nigel", "Siobhan", "Rhys", "Gemma", "Angus"),
    "eu": ("Katrin", "Matthias", "Sophie", "Lukas", "Élodie", "Pierre", "Marta", "Javier",
           "Giulia", "Lorenzo", "Annelies", "Joris", "Ingrid", "Tobias", "Chiara", "Mathieu"),
    "in": ("Ananya", "Rohan", "Priyanka", "Vikram", "Meera", "Arjun", "Kavita", "Sandeep",
           "Neha", "Rajesh", "Shalini", "Aditya", "Deepa", "Karthik", "Sunita", "Harish"),
    "jp": ("Hiroshi", "Yuko", "Takeshi", "Akiko", "Kenji", "Naoko", "Satoshi", "Emi", "Daisuke",
           "Mariko", "Shinji", "Haruka"),
    "ch": ("Reto", "Corinne", "Urs", "Franziska", "Beat", "Nadine", "Luc", "Séverine"),
    "ca": ("Geneviève", "Liam", "Chantal", "Connor", "Isabelle", "Mathis", "Brooke", "Owen"),
}  # fmt: skip
LAST_NAMES: dict[str, tuple[str, ...]] = {
    "us": ("Whitaker", "Delgado", "Brennan", "Kowalski", "Nguyen", "Okafor", "Hargrove",
           "Lindstrom", "Castillo", "Pruitt", "Abernathy", "Mercado", "Sorensen", "Tillman"),
    "uk": ("Ashworth", "Pemberton", "Carmichael", "Fairbairn", "Lockhart", "Haddow", "Bramley",
           "Quayle", "Trelawney", "Ormerod", "Gillespie", "Radcliffe"),
    "eu": ("Hoffmeister", "Lambert", "Rinaldi", "Vasquez", "de Graaf", "Schulte", "Moreau",
           "Bianchi", "Jansen", "Fournier", "Navarro", "Eriksen", "Keller", "Van Damme"),
    "in": ("Sharma", "Iyer", "Reddy", "Nair", "Kulkarni", "Banerjee", "Menon", "Chopra",
           "Deshmukh", "Pillai", "Agarwal", "Rao", "Bhattacharya", "Joshi", "Sethi", "Gowda"),
    "jp": ("Tanaka", "Watanabe", "Kobayashi", "Matsumoto", "Inoue", "Kimura", "Hayashi",
           "Shimizu", "Yamaguchi", "Mori", "Ishikawa", "Fujita"),
    "ch": ("Brunner", "Huber", "Favre", "Gerber", "Bühler", "Rochat", "Steiner", "Zbinden"),
    "ca": ("Tremblay", "Gagnon", "MacLeod", "Bouchard", "Fraser", "Lapierre", "Sinclair"),
}  # fmt: skip

EXEC_TITLES = (
    "chief executive", "chief executive officer", "CEO", "chief financial officer",
    "chairman", "chairwoman", "president", "managing director", "founder and chief executive",
    "co-founder and CEO", "head of strategy", "chief operating officer",
)  # fmt: skip
INVESTOR_TITLES = ("partner", "managing partner", "general partner", "principal", "co-founder")
ANALYST_FIRMS = ("Research", "Securities", "Analytics", "Equity Research", "Capital Markets")


def coined(rng: random.Random) -> str:
    """A pronounceable invented word: "Velora", "Quorix", "Brainora"."""
    word = rng.choice(ONSETS) + rng.choice(VOWELS)
    if rng.random() < 0.3:
        word += rng.choice(MIDDLES) + rng.choice(VOWELS[:5])
    word += rng.choice(MIDDLES) + rng.choice(ENDINGS)
    return word.capitalize()


@dataclass(frozen=True)
class Company:
    """A company as the article names it: full name first, short form afterwards."""

    name: str
    short: str
    industry: str
    region: Region
    city: str

    @property
    def possessive(self) -> str:
        return f"{self.short}'" if self.short.endswith("s") else f"{self.short}'s"


def _suffixed(base: str, region: Region, rng: random.Random) -> str:
    suffix = rng.choice(region.suffixes)
    return f"{base} {suffix}".strip() if suffix else base


def company(rng: random.Random, region: Region, industry: str) -> Company:
    """One operating company in ``region`` and ``industry``, in one of several naming styles."""
    style = rng.randrange(6)
    sector = rng.choice(SECTORS[industry])
    flavour = FLAVOUR_WORDS[region.key]
    if style == 0:
        short = coined(rng)
        base = short if rng.random() < 0.35 else f"{short} {sector}"
    elif style == 1:
        short = rng.choice(COMPOUND_FIRST) + rng.choice(COMPOUND_SECOND)
        base = f"{short} {sector}"
    elif style == 2:
        short = rng.choice(flavour)
        base = f"{short} {sector}"
    elif style == 3:
        short = "".join(rng.choice("ABCDEFGHKLMNPRSTVW") for _ in range(rng.choice((3, 3, 4))))
        base = f"{short} {sector}"
    elif style == 4:
        short = " ".join(rng.sample(COMPOUND_FIRST, 2))
        base = f"{short} {sector}"
    else:
        first, second = rng.sample(CAMEL_PARTS, 2)
        short = first + second
        base = short
    return Company(_suffixed(base, region, rng), short, industry, region, rng.choice(region.cities))


def fund(rng: random.Random, region: Region) -> Company:
    """An investor: venture fund, private-equity firm or pension investor."""
    first = rng.choice(
        (coined(rng), rng.choice(COMPOUND_FIRST) + rng.choice(COMPOUND_SECOND),
         rng.choice(FLAVOUR_WORDS[region.key]))
    )  # fmt: skip
    name = f"{first} {rng.choice(FUND_WORDS)}"
    return Company(name, first, "investment", region, rng.choice(region.cities))


def advisor(rng: random.Random, region: Region) -> Company:
    base = rng.choice((rng.choice(LAST_NAMES[region.key]), coined(rng), rng.choice(COMPOUND_FIRST)))
    name = f"{base.split()[-1].capitalize()} {rng.choice(ADVISOR_WORDS)}"
    return Company(name, name, "advisory", region, rng.choice(region.cities))


def analyst_firm(rng: random.Random, region: Region) -> str:
    base = rng.choice((coined(rng), rng.choice(COMPOUND_FIRST) + rng.choice(COMPOUND_SECOND)))
    return f"{base} {rng.choice(ANALYST_FIRMS)}"


def outlet(rng: random.Random) -> str:
    """An invented news outlet: "the Harborfield Ledger"."""
    return (
        f"the {rng.choice(COMPOUND_FIRST)}{rng.choice(COMPOUND_SECOND)} {rng.choice(OUTLET_WORDS)}"
    )


def person(rng: random.Random, region: Region) -> str:
    """A person's name in the region's style; Japanese and Indian names sometimes use initials."""
    first = rng.choice(FIRST_NAMES[region.key])
    last = rng.choice(LAST_NAMES[region.key])
    if region.key == "in" and rng.random() < 0.15:
        return f"{first[0]}. {last}"
    if rng.random() < 0.08:
        return f"{first} {coined(rng)[:1]}. {last}"
    return f"{first} {last}"


def surname(full_name: str) -> str:
    """The word news uses on second mention."""
    return full_name.split()[-1]
