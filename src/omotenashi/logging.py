"""Structured logs: console lines in development, JSON in production; ids and event names only."""

from __future__ import annotations

import logging
import sys

import structlog

from omotenashi.config import LogFormat, Settings


def configure_logging(settings: Settings) -> None:
    json_output = settings.effective_log_format is LogFormat.json
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if json_output
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        # Below the configured level an event is dropped before any processor works on it.
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info if json_output else _keep,
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    # Uvicorn's access log would print raw paths and query strings; ours logs route templates.
    logging.getLogger("uvicorn.access").disabled = True
    for noisy in ("alembic", "pgqueuer"):
        logging.getLogger(noisy).setLevel(max(root.level, logging.WARNING))


def _keep(
    logger: object, method: str, event: structlog.types.EventDict
) -> structlog.types.EventDict:
    return event
