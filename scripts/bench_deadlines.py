"""Benchmark: statutory day-period deadlines per second through the public API, explanations included.

Run: .venv/bin/python scripts/bench_deadlines.py [N]   (default 100,000)

The N deadlines are timed three times; each round and the best are printed, since a shared machine's speed
varies from one second to the next.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from calculators import day_period


def main(count: int) -> None:
    rng = random.Random(2025)
    first = dt.date(2019, 1, 1)
    questions = [(first + dt.timedelta(days=rng.randrange(5800)), rng.randrange(1, 90)) for _ in range(count)]
    day_period(*questions[0])  # load the holiday data before timing
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        for start, days in questions:
            day_period(start, days)
        elapsed = time.perf_counter() - started
        rates.append(count / elapsed)
        print(f"{count:,} statutory day-period deadlines in {elapsed:.2f} s: {count / elapsed:,.0f} per second")
    print(f"best of 3: {max(rates):,.0f} deadlines per second (Python {sys.version.split()[0]}, one core)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
