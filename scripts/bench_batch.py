"""Benchmark: batch-mode throughput, questions answered per second by one `python -m calculators batch` process.

Run: .venv/bin/python scripts/bench_batch.py [N]   (default 20,000)

Feeds N JSON Lines questions (a mix of penalties, day and hour deadlines, rules, notifications, obligations,
checklists and retention, with one bad line in fifty) to one batch process on stdin and times it from start to
the last output line, three times; start-up (about half a second) is included, as a pipeline would pay it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def questions(count: int) -> list[str]:
    """N question lines, reproducible, every command represented."""
    rng = random.Random(2025)
    first = dt.date(2024, 7, 1)

    def day() -> str:
        return (first + dt.timedelta(days=rng.randrange(540))).isoformat()

    makers = [
        lambda: {"command": "penalty", "units": str(rng.randrange(1, 600)), "on": day()},
        lambda: {"command": "penalty", "offence": "ssra-s47-1", "offender": "body-corporate", "on": day()},
        lambda: {"command": "deadline", "from": day(), "days": rng.randrange(1, 90)},
        lambda: {"command": "deadline", "from": f"{day()}T{rng.randrange(24):02d}:15", "hours": 24},
        lambda: {"command": "deadline", "rule": "ssr-reg-35-1", "from": day()},
        lambda: {"command": "notify", "trigger": "treatment-order-made", "at": f"{day()}T10:00"},
        lambda: {"command": "obligations", "event": "change-to-key-personnel", "on": day()},
        lambda: {"command": "check", "checklist": "ciss-sharing", "answer": {"discloser-prescribed": "yes"}},
        lambda: {"command": "retention", "completed": day(), "born": "1990-05-02"},
    ]
    lines = []
    for number in range(count):
        if number % 50 == 49:
            lines.append("not a question")
            continue
        question = rng.choice(makers)()
        lines.append(json.dumps({"id": number, **question}))
    return lines


def main(count: int) -> None:
    text = "".join(line + "\n" for line in questions(count)).encode()
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "calculators", "batch"], input=text, capture_output=True,
                              cwd=ROOT, check=True)
        elapsed = time.perf_counter() - started
        answered = done.stdout.count(b"\n")
        assert answered == count, f"{answered} lines out for {count} in"
        rates.append(count / elapsed)
        print(f"{count:,} lines in {elapsed:.2f} s: {count / elapsed:,.0f} lines per second")
    print(f"best of 3: {max(rates):,.0f} lines per second (one process, start-up included; "
          f"Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
