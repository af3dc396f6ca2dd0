"""Run every benchmark: `python -m bench`. Each prints its figures; exits 1 if any missed."""

import sys

from bench import alerts, counter, resolve, startup, statistics

failed = False
for benchmark in (
    startup.main,
    lambda: resolve.main([]),
    lambda: alerts.main([]),
    lambda: statistics.main([]),
    lambda: counter.main([]),
):
    try:
        benchmark()
    except SystemExit as finished:  # each benchmark exits with its own verdict
        if isinstance(finished.code, str):
            print(finished.code, file=sys.stderr)
        failed |= bool(finished.code)
sys.exit(1 if failed else 0)
