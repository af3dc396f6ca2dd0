"""Polling JMA's PULL-type Atom feeds (高頻度フィード: eqvol.xml, extra.xml).

Each poll is a conditional GET (ETag / Last-Modified kept in ``alert_feeds``; a 304 costs
nothing). The entries not seen before are taken oldest first: an entry whose title names a
report we do not read is recorded as skipped without fetching it; otherwise its document is
fetched (only over http(s), only from the allowed hosts, at most ``MAX_DOCUMENT_BYTES``, no
redirects) and handed to ``lifecycle.ingest``. The entry is recorded in ``alert_feed_entries`` in
the transaction that ingests it, committed before the next one, so a restart never ingests a
document twice and a document that is refused does not hold up the others. A document that
could not be fetched for a passing reason (a timeout, a 5xx) is not recorded, and the feed's
validators are not advanced, so the next poll tries it again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import defusedxml.ElementTree
import httpx
import structlog
from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import tls
from omotenashi.alerts import jma, lifecycle
from omotenashi.alerts.models import FeedEntry, FeedOutcome, FeedState
from omotenashi.config import Settings
from omotenashi.errors import AppError
from omotenashi.security.keys import PlatformKeys

log = structlog.get_logger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_FEED_BYTES = 8 * 1024 * 1024
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
USER_AGENT = "omotenashi-cloud/1 (JMA feed poller)"


class FeedError(Exception):
    """The feed itself could not be read; the poll of that feed is abandoned until next time."""


class _Refused(Exception):
    """A document we will not ingest, for good: recorded with this reason."""


class _Transient(Exception):
    """A document that could not be fetched this time; tried again at the next poll."""


@dataclass(frozen=True)
class _Fetched:
    status_code: int
    headers: httpx.Headers
    content: bytes


@dataclass(frozen=True)
class Entry:
    entry_id: str
    updated: datetime
    title: str
    document_url: str


@dataclass
class FeedPoll:
    """What one poll of one feed did."""

    feed_url: str
    not_modified: bool = False
    ingested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    deferred: list[str] = field(default_factory=list)
    alert_ids: list[uuid.UUID] = field(default_factory=list)
    error: str | None = None


def _text(element: object, name: str) -> str:
    child = element.find(ATOM + name)  # type: ignore[attr-defined]
    return (child.text or "").strip() if child is not None else ""


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """The entries of an Atom feed, oldest first (a feed lists the newest first)."""
    try:
        root = defusedxml.ElementTree.fromstring(body)
    except Exception as exc:  # defusedxml raises several kinds
        raise FeedError(f"the feed is not well-formed XML ({type(exc).__name__})") from exc
    if root.tag != ATOM + "feed":
        raise FeedError(f"the document is not an Atom feed (root {root.tag!r})")
    entries = []
    for position, element in enumerate(root.findall(ATOM + "entry")):
        href = ""
        for link in element.findall(ATOM + "link"):
            if link.get("type") == "application/xml" or not href:
                href = link.get("href", "")
        entry_id = _text(element, "id") or href
        updated_text = _text(element, "updated")
        if not entry_id or not href:
            log.warning("alert_feed.entry_unreadable", feed_url=base_url, position=position)
            continue
        try:
            updated = datetime.fromisoformat(updated_text.replace("Z", "+00:00"))
        except ValueError:
            updated = datetime.now(UTC)
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=UTC)
        entries.append(
            (
                updated,
                -position,
                Entry(entry_id, updated, _text(element, "title"), urljoin(base_url, href)),
            )
        )
    entries.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in entries]


class Poller:
    """Polls the configured feeds and ingests what is new. Holds no state of its own between
    polls: everything it must remember is in the database."""

    def __init__(
        self,
        keys: PlatformKeys,
        *,
        feeds: Iterable[str],
        allowed_hosts: Iterable[str],
        policy: lifecycle.IngestPolicy | None = None,
        http: httpx.AsyncClient | None = None,
        actor: str = "jma-feed",
    ) -> None:
        self.keys = keys
        self.feeds = list(feeds)
        self.allowed_hosts = frozenset(host.lower() for host in allowed_hosts)
        self.policy = policy or lifecycle.IngestPolicy()
        self.http = http
        self.actor = actor

    @classmethod
    def from_settings(
        cls, settings: Settings, keys: PlatformKeys, http: httpx.AsyncClient | None = None
    ) -> Poller:
        return cls(
            keys,
            feeds=settings.jma_feed_urls,
            allowed_hosts=settings.jma_allowed_hosts,
            policy=lifecycle.IngestPolicy.from_settings(settings),
            http=http,
        )

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "") in self.allowed_hosts

    async def poll(self, session: AsyncSession) -> list[FeedPoll]:
        """Poll every feed once. Commits after each document (this is an entry point)."""
        client = self.http or httpx.AsyncClient(
            timeout=TIMEOUT,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            verify=tls.trusted(),
        )
        try:
            return [await self._poll_feed(session, client, url) for url in self.feeds]
        finally:
            if self.http is None:
                await client.aclose()

    async def _get(
        self, client: httpx.AsyncClient, url: str, limit: int, headers: dict[str, str]
    ) -> _Fetched:
        """A GET of at most ``limit`` bytes."""
        async with client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > limit:
                raise _Refused(f"larger than {limit} bytes ({declared})")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > limit:
                    raise _Refused(f"larger than {limit} bytes")
            return _Fetched(response.status_code, response.headers, bytes(body))

    async def _poll_feed(
        self, session: AsyncSession, client: httpx.AsyncClient, feed_url: str
    ) -> FeedPoll:
        result = FeedPoll(feed_url)
        if not self.allowed(feed_url):
            result.error = "the feed's host is not in the allowed hosts"
            log.warning("alert_feed.host_not_allowed", feed_url=feed_url)
            return result
        state = await session.get(FeedState, feed_url)
        headers = {}
        if state is not None and state.etag:
            headers["If-None-Match"] = state.etag
        if state is not None and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            response = await self._get(client, feed_url, MAX_FEED_BYTES, headers)
        except (httpx.HTTPError, _Refused) as exc:
            result.error = f"the feed could not be fetched ({type(exc).__name__})"
            log.warning("alert_feed.unreachable", feed_url=feed_url, error=type(exc).__name__)
            return result
        now = datetime.now(UTC)
        if response.status_code == 304:
            result.not_modified = True
            await self._remember(session, feed_url, state, None, now)
            await session.commit()
            return result
        if response.status_code != 200:
            result.error = f"the feed answered {response.status_code}"
            log.warning("alert_feed.failed", feed_url=feed_url, status=response.status_code)
            return result
        try:
            entries = parse_feed(response.content, feed_url)
        except FeedError as exc:
            result.error = str(exc)
            log.warning("alert_feed.unreadable", feed_url=feed_url, reason=str(exc))
            return result
        seen = await self._seen(session, entries)
        for entry in entries:
            if entry.entry_id in seen or entry.document_url in seen:
                continue
            await self._take(session, client, feed_url, entry, result)
        if not result.deferred:
            await self._remember(session, feed_url, state, response, now)
        await session.commit()
        log.info(
            "alert_feed.polled",
            feed_url=feed_url,
            ingested=len(result.ingested),
            skipped=len(result.skipped),
            refused=len(result.refused),
            deferred=len(result.deferred),
        )
        return result

    async def _remember(
        self,
        session: AsyncSession,
        feed_url: str,
        state: FeedState | None,
        response: _Fetched | None,
        now: datetime,
    ) -> None:
        if state is None:
            state = FeedState(url=feed_url, polled_at=now)
            session.add(state)
        state.polled_at = now
        if response is not None:
            state.etag = (response.headers.get("etag") or "")[:200] or None
            state.last_modified = (response.headers.get("last-modified") or "")[:100] or None

    async def _seen(self, session: AsyncSession, entries: list[Entry]) -> set[str]:
        if not entries:
            return set()
        ids = [entry.entry_id for entry in entries]
        urls = [entry.document_url for entry in entries]
        rows = await session.execute(
            select(FeedEntry.entry_id, FeedEntry.document_url).where(
                or_(FeedEntry.entry_id.in_(ids), FeedEntry.document_url.in_(urls))
            )
        )
        return {value for row in rows for value in row}

    async def _claim(self, session: AsyncSession, feed_url: str, entry: Entry) -> uuid.UUID | None:
        """Record the entry as ours; None when another poller has it (waits for its commit)."""
        row_id = uuid.uuid4()
        claimed = await session.scalar(
            insert(FeedEntry)
            .values(
                id=row_id,
                entry_id=entry.entry_id[:1000],
                document_url=entry.document_url[:1000],
                feed_url=feed_url[:1000],
                title=entry.title[:200],
                updated=entry.updated,
                outcome=str(FeedOutcome.refused),
                received_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["entry_id"])
            .returning(FeedEntry.id)
        )
        return claimed

    async def _take(
        self,
        session: AsyncSession,
        client: httpx.AsyncClient,
        feed_url: str,
        entry: Entry,
        result: FeedPoll,
    ) -> None:
        if entry.title not in jma.SUPPORTED_TITLES:
            if await self._claim(session, feed_url, entry) is not None:
                await self._record(session, entry, FeedOutcome.skipped, None, None)
                result.skipped.append(entry.entry_id)
            await session.commit()
            return
        try:
            document = await self._fetch(client, entry.document_url)
        except _Transient as exc:
            log.warning("alert_feed.document_deferred", entry_id=entry.entry_id, reason=str(exc))
            result.deferred.append(entry.entry_id)
            return
        except _Refused as exc:
            if await self._claim(session, feed_url, entry) is not None:
                await self._record(session, entry, FeedOutcome.refused, str(exc), None)
                result.refused[entry.entry_id] = str(exc)
                log.warning("alert_feed.document_refused", entry_id=entry.entry_id, reason=str(exc))
            await session.commit()
            return
        if await self._claim(session, feed_url, entry) is None:
            await session.commit()
            return
        try:
            async with session.begin_nested():
                done = await lifecycle.ingest(
                    session, self.keys, document, actor=self.actor, policy=self.policy
                )
        except AppError as exc:
            await self._record(session, entry, FeedOutcome.refused, exc.message, None)
            result.refused[entry.entry_id] = exc.message
            log.warning("alert_feed.document_refused", entry_id=entry.entry_id, code=exc.code)
        except Exception as exc:
            # A bug met by one document must not keep the next ones (perhaps a tsunami
            # warning) from being issued; it is logged with its traceback and kept refused.
            reason = f"ingesting it failed ({type(exc).__name__})"
            await self._record(session, entry, FeedOutcome.refused, reason, None)
            result.refused[entry.entry_id] = reason
            log.exception("alert_feed.document_failed", entry_id=entry.entry_id)
        else:
            alert_id = done.alert.id if done.alert is not None else None
            await self._record(session, entry, FeedOutcome.ingested, None, alert_id)
            result.ingested.append(entry.entry_id)
            if alert_id is not None:
                result.alert_ids.append(alert_id)
            log.info("alert_feed.ingested", entry_id=entry.entry_id, alert_id=str(alert_id))
        await session.commit()

    async def _record(
        self,
        session: AsyncSession,
        entry: Entry,
        outcome: FeedOutcome,
        reason: str | None,
        alert_id: uuid.UUID | None,
    ) -> None:
        await session.execute(
            update(FeedEntry)
            .where(FeedEntry.entry_id == entry.entry_id)
            .values(outcome=str(outcome), reason=reason, alert_id=alert_id)
        )

    async def _fetch(self, client: httpx.AsyncClient, url: str) -> bytes:
        if not self.allowed(url):
            host = urlsplit(url).hostname or "no host"
            raise _Refused(f"the document's host {host!r} is not an allowed host")
        try:
            response = await self._get(client, url, MAX_DOCUMENT_BYTES, {})
        except httpx.HTTPError as exc:
            raise _Transient(type(exc).__name__) from exc
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"the host answered {response.status_code}")
        if response.status_code != 200:
            raise _Refused(f"the host answered {response.status_code}")
        return response.content
