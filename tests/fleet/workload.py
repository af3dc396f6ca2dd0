"""A mixed workload through the load balancer, its clients' record of what was acknowledged,
and a checker that compares that record with the database, in the manner of Jepsen's checkers:
every acknowledged write must be there exactly once; an operation whose answer never came
(the connection broke) may or may not have happened, but at most once.

Operations: registrations (``POST /v1/visitors``), consent grants and revocations (a
visitor's own), resolves (a hotel terminal checks a visitor in: a disclosure, logged), and
charges (a restaurant's till, each with an ``Idempotency-Key`` and retried until answered).
Grants, registrations and resolves are not idempotent: they are sent once and, when no answer
comes, recorded as indeterminate. Revocations and charges are retried until answered.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field

import httpx
import sqlalchemy as sa
from tests.actors import bearer
from tests.factories.carriers import make_card
from tests.factories.clients import make_client
from tests.factories.payments import merchant, terminal_client
from tests.factories.payments import visitor as paying_visitor
from tests.factories.servicers import approved_servicer
from tests.factories.visitors import make_visitor

from omotenashi import db
from omotenashi.auth import service as auth
from omotenashi.carriers.models import CarrierKind
from omotenashi.clients import service as clients
from omotenashi.clients.tokens import issue_access_token
from omotenashi.consent import service as consent
from omotenashi.payments import ledger
from omotenashi.payments import service as payments
from omotenashi.payments.service import Presented, Rules
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey

RESOLVING = 8  # visitors checked in at the hotel
GRANTING = 8  # visitors who grant and revoke consent
PAYING = 8  # visitors who pay at the restaurant
TOP_UP = 40_000
AMOUNT = 10
RETRY_PAUSE = 0.2


def _card(prefix: int, n: int) -> str:
    return f"{prefix + n:016X}"


@dataclass
class Cast:
    hotel_terminal: dict[str, str]
    resolving: list[tuple[uuid.UUID, str]]  # visitor, card
    other_hotel: uuid.UUID
    granting: list[tuple[uuid.UUID, dict[str, str]]]  # visitor, their session
    till: dict[str, str]
    restaurant: uuid.UUID
    paying: list[str]  # cards


async def prepare(url: str, keys: PlatformKeys) -> Cast:
    """The servicers, terminals and visitors the workload acts with, made through the
    product's services on the primary."""
    engine = db.create_engine(url, pool_size=1)
    tag = uuid.uuid4().hex[:6]
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            hotel = await approved_servicer(
                session, f"Fleet Hotel {tag}", PurposeKey.hotel_check_in
            )
            other = await approved_servicer(session, f"Other Inn {tag}", PurposeKey.hotel_check_in)
            terminal, _ = await make_client(session, hotel, location="Lobby")
            resolving = []
            for n in range(RESOLVING):
                made = await make_visitor(
                    session, keys, name={"surname": f"RESOLVE{n}", "given_names": "TEST"}
                )
                card = _card(0xF1EE700000000000, n)
                await make_card(session, keys, made.id, card)
                await consent.grant(
                    session,
                    keys,
                    made.id,
                    purpose=PurposeKey.hotel_check_in,
                    attributes=["name"],
                    servicer_id=hotel.id,
                )
                resolving.append((made.id, card))
            granting = []
            for n in range(GRANTING):
                made = await make_visitor(
                    session, keys, name={"surname": f"GRANT{n}", "given_names": "TEST"}
                )
                started = await auth.start_visitor_session(session, made.id)
                granting.append((made.id, bearer(started.token)))
            restaurant = await merchant(session, f"Fleet Diner {tag}")
            client, _ = await terminal_client(session, restaurant)
            desk = await clients.desk_terminal(session, restaurant.id, client.id)
            paying = []
            for n in range(PAYING):
                card = _card(0xF1EE800000000000, n)
                await paying_visitor(session, keys, card=card)
                await payments.top_up_cash(
                    session,
                    keys,
                    Rules(),
                    desk,
                    Presented(CarrierKind.ic_card, card),
                    TOP_UP,
                    actor="staff:fleet",
                )
                paying.append(card)
        return Cast(
            hotel_terminal=bearer(issue_access_token(keys, terminal)),
            resolving=resolving,
            other_hotel=other.id,
            granting=granting,
            till=bearer(issue_access_token(keys, client)),
            restaurant=restaurant.id,
            paying=paying,
        )
    finally:
        await engine.dispose()


@dataclass
class History:
    """What the clients saw: acknowledged, and sent without an answer (indeterminate)."""

    resolves_acked: Counter[uuid.UUID] = field(default_factory=Counter)
    resolves_unknown: Counter[uuid.UUID] = field(default_factory=Counter)
    grants_acked: dict[str, uuid.UUID] = field(default_factory=dict)  # grant id: visitor
    grants_unknown: Counter[uuid.UUID] = field(default_factory=Counter)
    revoked_acked: set[str] = field(default_factory=set)
    charges_acked: dict[str, str] = field(default_factory=dict)  # idempotency key: charge id
    registered_acked: set[str] = field(default_factory=set)
    registrations_unknown: int = 0
    errors: list[str] = field(default_factory=list)  # answers no client should ever get
    retries: int = 0

    def total(self) -> int:
        return (
            sum(self.resolves_acked.values())
            + len(self.grants_acked)
            + len(self.revoked_acked)
            + len(self.charges_acked)
            + len(self.registered_acked)
        )


def _retryable(answer: httpx.Response) -> bool:
    return answer.status_code in {502, 503, 504}


class Driver:
    """Runs the workload through ``base`` (the load balancer) until told to stop."""

    def __init__(self, base: str, cast: Cast, history: History | None = None) -> None:
        self.base = base
        self.cast = cast
        self.history = history or History()
        self.stop = asyncio.Event()
        self._keys = itertools.count()
        self._run = uuid.uuid4().hex[:8]

    def _unexpected(self, what: str, answer: httpx.Response) -> None:
        self.history.errors.append(f"{what}: {answer.status_code} {answer.text[:200]}")

    async def _resolve(self, http: httpx.AsyncClient) -> None:
        visitor, card = random.choice(self.cast.resolving)
        body = {"carrier": {"kind": "ic_card", "id": card}, "purpose": "hotel_check_in"}
        try:
            answer = await http.post("/v1/resolve", json=body, headers=self.cast.hotel_terminal)
        except httpx.TransportError:
            self.history.resolves_unknown[visitor] += 1
            return
        if answer.status_code == 200:
            self.history.resolves_acked[visitor] += 1
        elif _retryable(answer):
            # 503 from a server that could not reach the database; 502/504 from the load
            # balancer: the request may have been under way when the server died.
            self.history.resolves_unknown[visitor] += 1
        elif answer.status_code != 429:
            self._unexpected("resolve", answer)

    async def _grant_and_revoke(self, http: httpx.AsyncClient) -> None:
        visitor, headers = random.choice(self.cast.granting)
        body = {
            "purpose": "hotel_check_in",
            "attributes": ["name"],
            "servicer_id": str(self.cast.other_hotel),
        }
        try:
            answer = await http.post("/v1/me/consents", json=body, headers=headers)
        except httpx.TransportError:
            self.history.grants_unknown[visitor] += 1
            return
        if _retryable(answer):
            self.history.grants_unknown[visitor] += 1
            return
        if answer.status_code != 201:
            self._unexpected("grant", answer)
            return
        grant = answer.json()["id"]
        self.history.grants_acked[grant] = visitor
        if random.random() < 0.5:
            return  # this one stands
        while True:  # revoking is idempotent: retried until answered
            try:
                answer = await http.delete(f"/v1/me/consents/{grant}", headers=headers)
            except httpx.TransportError:
                self.history.retries += 1
                await asyncio.sleep(RETRY_PAUSE)
                continue
            if _retryable(answer):
                self.history.retries += 1
                await asyncio.sleep(RETRY_PAUSE)
                continue
            if answer.status_code == 200:
                self.history.revoked_acked.add(grant)
            else:
                self._unexpected("revoke", answer)
            return

    async def _charge(self, http: httpx.AsyncClient) -> None:
        key = f"fleet-{self._run}-{next(self._keys)}"
        body = {"carrier": {"kind": "ic_card", "id": random.choice(self.cast.paying)}, "amount": 10}
        headers = {**self.cast.till, "idempotency-key": key}
        while True:
            try:
                answer = await http.post("/v1/payments/charges", json=body, headers=headers)
            except httpx.TransportError:
                self.history.retries += 1
                await asyncio.sleep(RETRY_PAUSE)
                continue
            if _retryable(answer) or answer.status_code == 409:  # 409: the first try runs still
                self.history.retries += 1
                await asyncio.sleep(RETRY_PAUSE)
                continue
            if answer.status_code == 201:
                self.history.charges_acked[key] = answer.json()["id"]
            else:
                self._unexpected("charge", answer)
            return

    async def _register(self, http: httpx.AsyncClient) -> None:
        try:
            answer = await http.post("/v1/visitors", json={"language": "en"})
        except httpx.TransportError:
            self.history.registrations_unknown += 1
            return
        if answer.status_code == 201:
            self.history.registered_acked.add(answer.json()["visitor_id"])
        elif _retryable(answer):
            self.history.registrations_unknown += 1
        elif answer.status_code != 429:  # a network's registrations are rate limited
            self._unexpected("register", answer)

    async def _client(self) -> None:
        operations = [self._resolve] * 4 + [self._grant_and_revoke] * 2 + [self._charge] * 3
        operations.append(self._register)
        async with httpx.AsyncClient(base_url=self.base, timeout=20) as http:
            while not self.stop.is_set():
                await random.choice(operations)(http)

    async def run(self, clients: int = 8) -> History:
        await asyncio.gather(*(self._client() for _ in range(clients)))
        return self.history


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicated or self.wrong)

    def report(self, title: str, history: History) -> str:
        lines = [
            f"checker [{title}]: {history.total()} acknowledged operations, "
            f"{history.retries} retries, "
            f"{sum(history.resolves_unknown.values()) + sum(history.grants_unknown.values())}"
            f" + {history.registrations_unknown} indeterminate",
            f"  lost: {len(self.lost)}  duplicated: {len(self.duplicated)}  "
            f"wrong: {len(self.wrong)}",
        ]
        lines += [f"  LOST {item}" for item in self.lost[:20]]
        lines += [f"  DUPLICATED {item}" for item in self.duplicated[:20]]
        lines += [f"  WRONG {item}" for item in self.wrong[:20]]
        return "\n".join(lines)


async def check(url: str, cast: Cast, history: History) -> Verdict:
    """Compares the clients' history with the primary's tables."""
    verdict = Verdict()
    engine = db.create_engine(url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            # Resolves: each acknowledged one has its access-log line; an indeterminate one
            # may have one; none has two.
            for visitor, _ in cast.resolving:
                lines = await session.scalar(
                    sa.text("SELECT count(*) FROM access_log WHERE visitor_id = :v"), {"v": visitor}
                )
                acked = history.resolves_acked[visitor]
                unknown = history.resolves_unknown[visitor]
                if lines < acked:
                    verdict.lost.append(f"resolve of {visitor}: {acked} acked, {lines} logged")
                if lines > acked + unknown:
                    verdict.duplicated.append(
                        f"resolve of {visitor}: {acked}+{unknown} sent, {lines} logged"
                    )
            # Grants: each acknowledged one stands (revoked only if its revocation was
            # acknowledged); no visitor holds more grants than were sent.
            rows = (
                await session.execute(
                    sa.text(
                        "SELECT id::text, visitor_id, revoked_at IS NOT NULL AS revoked "
                        "FROM consent_grants WHERE servicer_id = :s"
                    ),
                    {"s": cast.other_hotel},
                )
            ).all()
            stored = {row.id: row for row in rows}
            for grant, visitor in history.grants_acked.items():
                row = stored.get(grant)
                if row is None:
                    verdict.lost.append(f"grant {grant} of {visitor}")
                elif row.revoked != (grant in history.revoked_acked):
                    state = "revoked" if row.revoked else "not revoked"
                    verdict.wrong.append(f"grant {grant} is {state}, as acknowledged otherwise")
            per_visitor = Counter(row.visitor_id for row in rows)
            for visitor, count in per_visitor.items():
                sent = sum(1 for v in history.grants_acked.values() if v == visitor)
                sent += history.grants_unknown[visitor]
                if count > sent:
                    verdict.duplicated.append(f"grants of {visitor}: {sent} sent, {count} stored")
            # Charges: each acknowledged key's charge exists exactly once.
            charges = Counter(
                str(c)
                for c in (
                    await session.execute(
                        sa.text(
                            "SELECT id FROM payment_operations "
                            "WHERE kind = 'charge' AND servicer_id = :s"
                        ),
                        {"s": cast.restaurant},
                    )
                ).scalars()
            )
            for key, charge in history.charges_acked.items():
                if charges[charge] == 0:
                    verdict.lost.append(f"charge {key} ({charge})")
            if len(charges) > len(history.charges_acked):
                verdict.duplicated.append(
                    f"charges: {len(history.charges_acked)} keys acknowledged, "
                    f"{len(charges)} charges stored"
                )
            if len(set(history.charges_acked.values())) != len(history.charges_acked):
                verdict.duplicated.append("two idempotency keys answered with one charge")
            result = await ledger.verify(session)
            if not result.clean:
                verdict.wrong.append(f"ledger: {ledger.describe(result)}")
            # Registrations: each acknowledged visitor exists.
            if history.registered_acked:
                found = set(
                    (
                        await session.execute(
                            sa.text("SELECT id::text FROM visitors WHERE id = ANY(:ids)"),
                            {"ids": [uuid.UUID(v) for v in history.registered_acked]},
                        )
                    ).scalars()
                )
                for visitor_id in history.registered_acked - found:
                    verdict.lost.append(f"registration {visitor_id}")
    finally:
        await engine.dispose()
    verdict.wrong.extend(history.errors)
    return verdict
