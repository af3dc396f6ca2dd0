"""The public catalogue: what a profile holds, what each purpose needs, what each scope allows."""

from __future__ import annotations

from fastapi import APIRouter, Response

from omotenashi.developers.catalogue import public_catalogue
from omotenashi.developers.schemas import CatalogueOut

router = APIRouter(prefix="/v1", tags=["catalogue"])


@router.get(
    "/catalogue",
    response_model=CatalogueOut,
    summary="The attribute, purpose and scope catalogue",
)
async def get_catalogue(response: Response) -> CatalogueOut:
    """Public. Every attribute key a profile can hold with its type, value shape, vocabulary and
    labels in all 15 languages; every purpose with the attributes a resolve for it can return and
    its legal basis; every OAuth scope with what it allows. Changes only with a new `version`."""
    response.headers["Cache-Control"] = "public, max-age=3600"
    return public_catalogue()
