"""What every command shares: failures a person must fix in one sentence, and the settings.

Command modules import only typer and what their options' types need at the top; the rest
(settings, database, services) inside the command, so that ``omotenashi --help`` or one
command does not load every other command's dependencies.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

if TYPE_CHECKING:
    from omotenashi.config import Settings

P = ParamSpec("P")
R = TypeVar("R")


def _sentence(exc: Exception) -> str | None:
    """The one-sentence message for a failure a person must fix; None for any other."""
    from omotenashi.errors import AppError
    from omotenashi.pgcluster import ClusterError
    from omotenashi.runtime import StartupError
    from omotenashi.security.keys import MissingSecretError

    if isinstance(exc, StartupError | ClusterError | MissingSecretError):
        return str(exc)
    if isinstance(exc, AppError):
        problems = "".join(f"\n  {f.field}: {f.message}" for f in exc.fields)
        return f"{exc.message}{problems}"
    return None


def friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the failures a person must fix into one sentence and exit code 1, no traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as exc:  # typer's own exits have no sentence: they pass on as they are
            message = _sentence(exc)
            if message is None:
                raise
            typer.secho(f"omotenashi: {message}", err=True, fg=typer.colors.RED)
            raise typer.Exit(1) from None

    return wrapper


def load_settings(**overrides: object) -> Settings:
    from omotenashi.config import Settings
    from omotenashi.logging import configure_logging

    given: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    settings = Settings(**given)
    configure_logging(settings)
    started()
    return settings


def started() -> None:
    """The command's imports are done: the cyclic collector goes back on (``main`` turned it
    off), leaving what was imported out of its passes for good."""
    gc.freeze()
    gc.enable()


@contextmanager
def importing() -> Iterator[None]:
    """Around a large import made after the settings (``serve`` imports the app once the
    database answers): the collector waits for it as for the command's first imports."""
    gc.disable()
    try:
        yield
    finally:
        started()
