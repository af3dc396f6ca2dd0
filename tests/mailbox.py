"""E-mail as a test reads it: what the product queued, opened (see the `sent_mail` fixture)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
