"""Staff pages in Japanese show no raw key and no English state: purposes, states and who acted
are named in Japanese (servicer and staff names, codes and brand words aside)."""

from __future__ import annotations

import re

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.pages import signed_in_staff, text_of

from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import CLIENT_ID_PREFIX
from omotenashi.runtime import Platform
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role

# Words that are names or codes, not text to translate.
ALLOWED = {
    "Omotenashi",
    "Cloud",
    "Hotel",
    "Sakura",
    "Tanaka",
    "Front",
    "desk",
    "API",
    "ID",
    "QR",
    "IC",
    "CSV",
    "PDF",
    "URL",
    "TOTP",
    "TMX",
    "JSON",
    "OpenAPI",
    "OAuth",
    "client",
    "credentials",
    "ja",
    "en",
    "km",
    "th",
    # The tag an administrator types for a slide ("e.g. wheelchair"): a key they must type as is.
    "wheelchair",
}
# A word, or a raw key ("hotel_check_in", "servicer.approved"); not a part of an address.
LATIN_WORD = re.compile(r"(?<![\w@/:.-])[A-Za-z][A-Za-z_.]*[A-Za-z](?![\w@/:-])")
LANGUAGE_MENU = re.compile(r"English|Español|Português|Tiếng Việt|Bahasa Indonesia|Tagalog")


def latin_words(page: httpx.Response) -> set[str]:
    text = LANGUAGE_MENU.sub(" ", text_of(page))
    # A client id (omc_ and random letters) is a code, however its random part falls.
    return {
        word
        for word in LATIN_WORD.findall(text)
        if word not in ALLOWED and not word.startswith(CLIENT_ID_PREFIX)
    }


async def test_servicer_and_operator_pages_in_japanese_name_everything_in_japanese(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(
        session, "Hotel Sakura", PurposeKey.hotel_check_in, PurposeKey.emergency
    )
    await clients.create_client(
        session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Front desk",
        scopes=("resolve",),
        purposes=("hotel_check_in",),
        actor="test",
    )
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    found = {}
    for path in ("/console", "/console/content", "/inbox", "/counter"):
        found[path] = latin_words(await client.get(path))
    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    for path in ("/operator", "/operator/feedback", "/operator/translation-bank"):
        found[path] = latin_words(await client.get(path))
    assert {path: words for path, words in found.items() if words} == {}


async def test_the_audit_log_names_who_did_what_in_japanese(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    admin = await signed_in_staff(
        client, session, platform.keys.master, Role.servicer_admin, hotel.id
    )
    await clients.create_client(
        session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Front desk",
        scopes=("resolve",),
        purposes=("hotel_check_in",),
        actor=f"staff:{admin.user_id}",
    )
    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    log = text_of(await client.get("/operator"))
    assert "Tanaka 端末・APIクライアントを追加 端末・APIクライアント" in log
    assert "利用目的を承認 事業者" in log
    assert "staff:" not in log
    assert "servicer.purpose_approved" not in log
