#!/usr/bin/env python3
"""Generates a corpus of drafts for the whole-process benchmarks from the fixture drafts.

    python3 scripts/gen_corpus.py OUTDIR [--count 2000] [--seed 8]

Each draft takes a fixture's title block and 10 to 60 paragraphs, headings, lists and tables
drawn from all the fixture drafts (so it holds the counts, lists and names tally reads), in
folders of 100 drafts. The same seed gives the same corpus. The corpus is data for a run,
not for the repository: write it to a temporary folder.
"""

import argparse
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent


def blocks(text):
    return [b.strip("\n") for b in text.split("\n\n") if b.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    drafts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("fixtures/**/*.md"))]
    titles = [blocks(d)[:3] for d in drafts]
    pool = [b for d in drafts for b in blocks(d)[3:]]
    out = pathlib.Path(args.outdir)
    total = 0
    for i in range(args.count):
        folder = out / f"{i // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        parts = list(rng.choice(titles))
        parts += rng.sample(pool, min(len(pool), rng.randint(10, 60)))
        text = "\n\n".join(parts) + "\n"
        (folder / f"draft_{i:04d}.md").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(f"{args.count} drafts, {total} bytes in {out}")


if __name__ == "__main__":
    main()
