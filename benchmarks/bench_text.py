"""Seconds per MB of the text work on long articles: cleaning, segmenting, extracting, mapping to a ledger.

The article page is repeated to 1, 4 and 16 MB; each stage is timed (median
of --repeat runs) and printed with seconds per MB, so that work growing
faster than the text shows as a rising figure. The runner refuses articles
over ``source.MAX_ARTICLE_BYTES``; these stages are timed directly.

    python benchmarks/bench_text.py [--repeat 3] [--sizes 1,4,16]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from helpers.claims import extract_claims  # noqa: E402
from helpers.reconcile import map_claims  # noqa: E402
from helpers.source import MAX_ARTICLE_BYTES, clean, segment  # noqa: E402


def timed(work, repeat: int) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1,4,16")
    args = parser.parse_args()
    page = (ROOT / "data" / "raw" / "article_ocr.txt").read_text(encoding="utf-8")
    print(f"runs refuse articles over {MAX_ARTICLE_BYTES / 1e6:.1f} MB; median of {args.repeat} runs")
    print(f"{'MB':>4} {'clean':>10} {'segment':>10} {'extract':>10} {'map':>10}   seconds per MB")
    for mb in (int(s) for s in args.sizes.split(",")):
        text = page * (mb * 1_000_000 // len(page.encode("utf-8")) + 1)
        t_clean, cleaned = timed(lambda text=text: clean(text), args.repeat)
        t_segment, _ = timed(lambda cleaned=cleaned: segment(cleaned, None), args.repeat)
        t_extract, claims = timed(lambda cleaned=cleaned: extract_claims(cleaned.text, "2025-05-23"), args.repeat)
        t_map, _ = timed(lambda claims=claims, cleaned=cleaned: map_claims(claims, None, cleaned.text), args.repeat)
        total = t_clean + t_segment + t_extract + t_map
        print(f"{mb:>4} {t_clean:>9.2f}s {t_segment:>9.2f}s {t_extract:>9.2f}s {t_map:>9.2f}s   {total / mb:.2f}",
              flush=True)


if __name__ == "__main__":
    main()
