"""Structured logs: console lines in development, JSON in production; ids and event names only.

Two promises hold whatever the code that logs:

- **Nothing secret or personal leaves the process.** Every event, ours or a library's, passes
  ``redact`` last: values under sensitive keys are replaced, and credentials, e-mail addresses,
  phone numbers and passport lines are masked inside any text, tracebacks included.
- **Logging never stalls the server.** An exception is one event with a plain traceback (never
  the local variables of its frames), and records are written to the stream by a thread of their
  own, so a slow terminal or pipe delays nobody's request.
"""

from __future__ import annotations

import atexit
import logging
import logging.handlers
import queue
import re
import sys
from collections.abc import Mapping
from typing import Any

import structlog

from omotenashi.config import LogFormat, Settings

REDACTED = "[redacted]"

# Keys whose value is a credential or personal data, at any depth of an event.
_SENSITIVE_KEY = re.compile(
    r"(^|[_-])(authorization|proxy[_-]authorization|cookies?|set[_-]cookie|token|access[_-]token|"
    r"refresh[_-]token|id[_-]token|secret|client[_-]secret|password|passphrase|otp|totp|code|"
    r"e[_-]?mail|phone|telephone|passport|passport[_-]number|mrz|birth[_-]?date|"
    r"date[_-]of[_-]birth|address|full[_-]name|given[_-]name|family[_-]name|api[_-]key|"
    r"private[_-]key|x[_-]api[_-]key)$",
    re.IGNORECASE,
)

# Credentials and personal data recognisable inside free text (messages, tracebacks).
_SENSITIVE_TEXT: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}"), rf"\1 {REDACTED}"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*"), REDACTED),
    (re.compile(r"\b(om[vs]|whsec|sk|pk|rk)_[A-Za-z0-9_-]{8,}"), REDACTED),
    (
        re.compile(r"(?i)\b(cookie|set-cookie|authorization)(['\"]?\s*[:=,]\s*)[^\s,;)\]}]+"),
        rf"\1\2{REDACTED}",
    ),
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"), REDACTED),
    (re.compile(r"(?<![\w<])[A-Z0-9<]{10,44}<<[A-Z0-9<]*"), REDACTED),  # MRZ lines
    (re.compile(r"(?<![\w.+])\+\d[\d ()-]{6,}\d(?![\w.])"), REDACTED),  # phones, international
    (re.compile(r"(?<![\w.-])0\d{1,4}-\d{1,4}-\d{3,4}(?![\w.-])"), REDACTED),  # and Japanese
)

# Keys structlog itself sets; never masked, so every line keeps its shape.
_STRUCTURAL = frozenset({"event", "level", "logger", "timestamp", "request_id", "exc_info"})


def redact_text(text: str) -> str:
    for pattern, replacement in _SENSITIVE_TEXT:
        text = pattern.sub(replacement, text)
    return text


def _redact_value(value: Any, depth: int = 0) -> Any:
    if depth > 6:
        return REDACTED
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, bytes):
        return redact_text(value.decode("utf-8", "replace"))
    if isinstance(value, Mapping):
        return {
            key: REDACTED
            if isinstance(key, str) and _SENSITIVE_KEY.search(key)
            else _redact_value(item, depth + 1)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [_redact_value(item, depth + 1) for item in value]
    return value


def redact(
    logger: object, method: str, event: structlog.types.EventDict
) -> structlog.types.EventDict:
    """Mask credentials and personal data in an event, whoever logged it."""
    for key, value in list(event.items()):
        if key in _STRUCTURAL and key != "event":
            continue
        if _SENSITIVE_KEY.search(key):
            event[key] = REDACTED
        elif key.startswith("_"):
            continue
        else:
            event[key] = _redact_value(value)
    return event


def _capture_exc_info(
    logger: object, method: str, event: structlog.types.EventDict
) -> structlog.types.EventDict:
    """``log.exception`` asks for "the exception being handled": take it now, in the thread that
    handles it, since the event is rendered later in the writer thread."""
    if event.get("exc_info") is True:
        event["exc_info"] = sys.exc_info()
    return event


class _RecordQueueHandler(logging.handlers.QueueHandler):
    """Hands the record itself to the writer thread: formatting happens there, once."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        return record


_listener: logging.handlers.QueueListener | None = None


def _stop_listener() -> None:
    global _listener
    if _listener is not None:
        _listener.stop()
        _listener = None


def configure_logging(settings: Settings) -> None:
    global _listener
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
            _capture_exc_info,
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
            # The traceback as plain text, frames and lines only: a rendering with each frame's
            # local variables runs to thousands of lines and carries the request's credentials.
            structlog.processors.format_exc_info,
            redact,
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    _stop_listener()
    records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    _listener = logging.handlers.QueueListener(records, handler, respect_handler_level=False)
    _listener.start()
    atexit.register(_stop_listener)
    root = logging.getLogger()
    root.handlers[:] = [_RecordQueueHandler(records)]
    root.setLevel(settings.log_level.upper())
    # Uvicorn's access log would print raw paths and query strings; ours logs route templates.
    logging.getLogger("uvicorn.access").disabled = True
    for noisy in ("alembic", "pgqueuer"):
        logging.getLogger(noisy).setLevel(max(root.level, logging.WARNING))
