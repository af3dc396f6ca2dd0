"""Small helpers for content and translation-bank tests: a fake machine translator and a chain
around it (the makers of restaurants and items are in tests/factories/content.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from omotenashi.translation import service as bank
from omotenashi.translation.engines import MachineTranslationError


@dataclass
class FakeTranslator:
    """A machine translator that answers ``[<target>] <text>`` and remembers each request, or
    raises ``failure``; it refuses the pairs in ``unsupported``."""

    name: str = "fake-mt"
    failure: MachineTranslationError | None = None
    unsupported: frozenset[tuple[str, str]] = frozenset()
    calls: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)

    def supports(self, source: str, target: str) -> bool:
        return (source, target) not in self.unsupported

    async def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append((tuple(texts), source, target))
        if self.failure is not None:
            raise self.failure
        return [f"[{target}] {text}" for text in texts]


def chain(translator: FakeTranslator | None = None, threshold: float = 0.75) -> bank.Chain:
    return bank.Chain(translator=translator, fuzzy_threshold=threshold)
