"""Write the synthetic training corpus: ``python -m training.generate --n 5000 --seed 7 --out F``.

Every example is checked as it is written (valid DealSummary, every quote verbatim in the
article, nothing dropped by strict grounding), so a file this writes is usable as it stands.
The same seed always gives the same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from training.corpus import Example, example


def examples(n: int, seed: int) -> Iterator[Example]:
    """``n`` examples from one seeded stream; example ``i`` depends only on ``seed`` and ``i``."""
    for index in range(n):
        yield example(random.Random(f"{seed}:{index}"), index)


def record(item: Example, render: str | None) -> dict[str, str]:
    """The JSONL record; with ``render`` the prompt replaces the article (which it contains)."""
    if render is None:
        return item.record()
    from training.data import prompt_text

    return {"id": item.id, "prompt": prompt_text(item.text, render), "target": item.target}


def write_jsonl(path: Path, n: int, seed: int, *, render: str | None = None) -> int:
    """Write ``n`` examples to ``path`` (gzip when it ends in .gz); return the number written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = (json.dumps(record(e, render), ensure_ascii=False) + "\n" for e in examples(n, seed))
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as out:
        out.writelines(lines)
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.generate", description=__doc__)
    parser.add_argument("--n", type=int, default=5000, help="number of examples")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same file)")
    parser.add_argument("--out", type=Path, default=Path("training/data/train.jsonl"))
    parser.add_argument(
        "--render-prompt", metavar="PROMPT", default=None,
        help="write the rendered prompt (e.g. deal-adapter) instead of the article, for a machine "
        "without the toolkit's dependencies",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    written = write_jsonl(args.out, args.n, args.seed, render=args.render_prompt)
    print(f"wrote {written} examples to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
