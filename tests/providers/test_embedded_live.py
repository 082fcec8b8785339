"""The embedded default, live: the real model server, started the way a user's first run starts it.

No stand-in, no cassette, no ``SUMMARIZE_EMBEDDED_URL``, no result cache: ``summarize run`` on two
articles whose every answer comes from the model. This is the test that fails when the model
server cannot run on the machine (the AMX segfault of llama.cpp #20824 made every model answer a
"connection failed" while the replayed suite stayed green). It takes about half a minute on two
cores; the model is assembled into the user cache dir once, on first use, like a user's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ACQUISITION = """\
Marrowgate Foods to buy Pellwick Dairy for $420 million
LEEDS, March 3 (Reuters) - Marrowgate Foods Plc said on Monday it had agreed to buy Pellwick
Dairy for $420 million in cash, adding cheese and yoghurt brands to its chilled-food business.
The deal needs approval from competition regulators and is expected to close in the summer.
Marrowgate shares, which value the company at about $3 billion, rose 2% in early trading.
"""
FUNDING = """\
Solar installer Brightmoss raises $35 million
Brightmoss, a Denver company that installs rooftop solar panels for apartment buildings, has
raised $35 million in a Series B round led by Carrowfield Ventures, it said on Tuesday. Existing
investors Tamberlin Capital and Ostrey Partners also took part. Brightmoss will use the money
to hire installers in four more states.
"""


def test_the_embedded_default_summarizes_two_articles_live(tmp_path: Path) -> None:
    articles = []
    for name, text in (("acquisition", ACQUISITION), ("funding", FUNDING)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        articles.append(path)
    out = tmp_path / "out.jsonl"
    unset = {"SUMMARIZE_EMBEDDED_URL", "SUMMARIZE_CACHE_DIR", "SUMMARIZE_MODEL_PATH"}
    unset |= {"OPENAI_API_KEY", "OPENAI_BASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["SUMMARIZE_NO_CACHE"] = "1"  # every answer from the model, none from an earlier run
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "summarize", "run", *map(str, articles), "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    records = {
        r["metadata"]["article_id"]: r for r in map(json.loads, out.read_text().splitlines())
    }
    assert set(records) == {"acquisition", "funding"}, done.stderr

    deal = records["acquisition"]
    assert deal["metadata"]["requests"] >= 1, "the model answered"
    assert deal["deal_type"] == "acquisition"
    roles = {p["role"]: p["name"] for p in deal["parties"]}
    assert roles.get("acquirer", "").startswith("Marrowgate Foods")
    assert roles.get("target") == "Pellwick Dairy"
    assert (deal["amount"]["value"], deal["amount"]["currency"]) == (420e6, "USD")

    round_ = records["funding"]
    assert round_["deal_type"] == "funding_round"
    roles = {p["role"]: p["name"] for p in round_["parties"]}
    assert roles.get("target") == "Brightmoss"
    assert roles.get("lead_investor") == "Carrowfield Ventures"
    assert (round_["amount"]["value"], round_["amount"]["currency"]) == (35e6, "USD")
    print(f"live embedded default: 2 articles in {elapsed:.1f}s")
