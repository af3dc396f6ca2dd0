"""Run every benchmark: `python -m bench`."""

from bench import startup

startup.main()
