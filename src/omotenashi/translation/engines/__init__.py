"""Machine translation behind one interface, with an adapter per engine."""

from omotenashi.translation.engines.base import (
    EngineNotConfigured,
    EngineRejected,
    EngineUnavailable,
    MachineTranslationError,
    MachineTranslator,
    RejectionReason,
    UnavailableReason,
)
from omotenashi.translation.engines.deepl import DeepLTranslator
from omotenashi.translation.engines.libretranslate import LibreTranslateTranslator
from omotenashi.translation.engines.textra import TexTraTranslator

__all__ = [
    "DeepLTranslator",
    "EngineNotConfigured",
    "EngineRejected",
    "EngineUnavailable",
    "LibreTranslateTranslator",
    "MachineTranslationError",
    "MachineTranslator",
    "RejectionReason",
    "TexTraTranslator",
    "UnavailableReason",
]
