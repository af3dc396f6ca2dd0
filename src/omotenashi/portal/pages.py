"""Visitor portal pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from omotenashi.web import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def landing(request: Request) -> HTMLResponse:
    """What the platform does and the safety case, before anyone types a passport number."""
    return render(request, "portal/landing.html")
