"""What every command shares: failures a person must fix in one sentence, and the settings."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer

from omotenashi.config import Settings
from omotenashi.errors import AppError
from omotenashi.logging import configure_logging
from omotenashi.pgcluster import ClusterError
from omotenashi.runtime import StartupError
from omotenashi.security.keys import MissingSecretError

P = ParamSpec("P")
R = TypeVar("R")


def friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the failures a person must fix into one sentence and exit code 1, no traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (StartupError, ClusterError, MissingSecretError) as exc:
            typer.secho(f"omotenashi: {exc}", err=True, fg=typer.colors.RED)
            raise typer.Exit(1) from None
        except AppError as exc:
            problems = "".join(f"\n  {f.field}: {f.message}" for f in exc.fields)
            typer.secho(f"omotenashi: {exc.message}{problems}", err=True, fg=typer.colors.RED)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None

    return wrapper


def load_settings(**overrides: object) -> Settings:
    given: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    settings = Settings(**given)
    configure_logging(settings)
    return settings
