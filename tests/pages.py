"""Helpers for tests of the HTML pages: a signed-in browser, the CSRF token of a form."""

from __future__ import annotations

import html
import re
import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.staff import make_staff
from tests.factories.visitors import make_visitor

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import MasterKey
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


async def csrf_token(client: httpx.AsyncClient, path: str = "/") -> str:
    """The token every form of ``path`` carries (and the cookie it must match, in the jar)."""
    page = await client.get(path)
    found = _CSRF.search(page.text)
    assert found is not None, f"no form with a CSRF token on {path}"
    return found.group(1)


async def post_form(
    client: httpx.AsyncClient, path: str, data: dict[str, object], *, form_page: str = "/me"
) -> httpx.Response:
    """Submit a form as a browser would: with the CSRF token of the page it sits on."""
    token = await csrf_token(client, form_page)
    return await client.post(path, data={"csrf_token": token, **data})


async def signed_in_visitor(
    client: httpx.AsyncClient,
    session: AsyncSession,
    keyring: Keyring,
    *,
    language: str = "en",
    profile: dict[str, object] | None = None,
) -> uuid.UUID:
    """A registered visitor whose session cookie is in ``client``'s jar."""
    visitor = await make_visitor(session, keyring, language=language, **(profile or {}))
    started = await auth.start_visitor_session(session, visitor.id)
    client.cookies.set(web.SESSION_COOKIE, started.token)
    client.cookies.set(web.LANGUAGE_COOKIE, language)
    return visitor.id


def text_of(page: httpx.Response) -> str:
    """The page's text with tags removed and spaces collapsed, as a person reads it."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.text)).split())


async def signed_in_staff(
    client: httpx.AsyncClient,
    session: AsyncSession,
    master: MasterKey,
    role: Role,
    servicer_id: uuid.UUID | None,
) -> SignedIn:
    """A staff member or operator whose session cookie is in ``client``'s jar."""
    enrolment = await make_staff(session, master, role, servicer_id)
    who = SignedIn(enrolment.user.id, servicer_id, role)
    started = await auth.start_staff_session(session, who)
    client.cookies.set(web.STAFF_COOKIE, started.token)
    return who
