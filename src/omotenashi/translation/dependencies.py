"""The configured translation chain, for the routes that translate (content's, the bank's)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from omotenashi.translation import service
from omotenashi.translation.config import TranslationSettings


def translation_chain(request: Request) -> service.Chain:
    """The chain the environment configures (``OMOTENASHI_MT_*``), read on first use and kept
    for the application's life. A chosen engine missing a credential answers 503 naming the
    variables to set, and is read again on the next request."""
    chain: service.Chain | None = getattr(request.app.state, "translation_chain", None)
    if chain is None:
        chain = service.Chain.from_settings(TranslationSettings())
        request.app.state.translation_chain = chain
    return chain


TranslationChain = Annotated[service.Chain, Depends(translation_chain)]
