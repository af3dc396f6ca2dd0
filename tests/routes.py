"""Every HTTP route of the app as (method, path template), whatever way it was included.

FastAPI keeps an included router as one entry of ``app.routes`` (with its own routes inside), so
a test that filtered ``app.routes`` for ``APIRoute`` would see none of them and check nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute


def _walk(routes: Iterable[Any]) -> Iterator[tuple[str, str]]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield from ((method, route.path) for method in route.methods)
        elif hasattr(route, "effective_candidates"):  # an included router
            for candidate in route.effective_candidates():
                original = getattr(candidate, "original_route", None)
                if isinstance(original, APIRoute):
                    yield from ((method, candidate.path) for method in original.methods)
                else:
                    yield from _walk([candidate])


def http_routes(app: FastAPI) -> set[tuple[str, str]]:
    found = set(_walk(app.routes))
    assert len(found) > 50, "the route walk found almost nothing: FastAPI changed its routes"
    return found
