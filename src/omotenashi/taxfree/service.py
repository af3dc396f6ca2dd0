"""Tax-free sales under the refund scheme: the purchase record built from a ``tax_free_sale``
resolve and the items, its transmission to the tax office, customs' confirmation, and the
refund paid once — or the whole record forfeited.

States: built → transmitted → accepted | rejected (corrected → built again) → confirmed |
not_confirmed → refunded | forfeited. Every change is a row of ``tax_free_state_changes``, a
webhook event for the shop, and, where the visitor must know, a message in their language.
Moves are written in bulk (one statement for many records), so a day's confirmations for a
large shop apply in seconds.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any, Protocol

import sqlalchemy as sa
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import jobs
from omotenashi.carriers import service as carriers
from omotenashi.carriers.errors import CarrierNotFoundError
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.config import Settings
from omotenashi.consent import requests as consent_requests
from omotenashi.db import Base
from omotenashi.errors import FieldError
from omotenashi.japan import JST
from omotenashi.payments import ledger
from omotenashi.payments.ledger import Operation, Transfer
from omotenashi.payments.models import AccountKind, OperationKind
from omotenashi.resolve import service as resolve
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.resolve.touchpoint import PurposeNotForTerminalError
from omotenashi.security.encryption import DataKey, WrappedKey
from omotenashi.security.keys import PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.taxfree import nta
from omotenashi.taxfree.errors import (
    InvalidItemsError,
    NtaNotConfiguredError,
    NtaUnavailableError,
    PassportMissingError,
    RecordNotFoundError,
    TaxFreeNotConfiguredError,
    WrongStateError,
)
from omotenashi.taxfree.models import (
    TRANSMISSION_SEQUENCE,
    NtaEnvironment,
    RecordState,
    RefundMethod,
    TaxFreeItem,
    TaxFreeRecord,
    TaxFreeShop,
    TaxFreeStateChange,
)
from omotenashi.webhooks import queries as webhook_queries
from omotenashi.webhooks import service as webhooks
from omotenashi.webhooks.models import WebhookEndpoint

log = structlog.get_logger(__name__)

DEADLINE_DAYS = 90  # from the day after the purchase
RETENTION_YEARS = 7
SERIAL_FROM = 1_000_000  # yen: an item this dear also needs an identifying detail
REMINDER_DAYS = (14, 3)
MAX_ITEMS = 100
TAX_RATES = (10, 8)

TELL_JOB = "taxfree.tell_visitor"
REFUND_JOB = "taxfree.refund"

# Which state may follow which.
MOVES: Mapping[RecordState, frozenset[RecordState]] = {
    RecordState.built: frozenset({RecordState.transmitted, RecordState.forfeited}),
    RecordState.transmitted: frozenset(
        {RecordState.accepted, RecordState.rejected, RecordState.forfeited}
    ),
    RecordState.rejected: frozenset({RecordState.built, RecordState.forfeited}),
    RecordState.accepted: frozenset(
        {RecordState.confirmed, RecordState.not_confirmed, RecordState.forfeited}
    ),
    RecordState.confirmed: frozenset({RecordState.refunded}),
    RecordState.not_confirmed: frozenset({RecordState.forfeited}),
    RecordState.refunded: frozenset(),
    RecordState.forfeited: frozenset(),
}
OPEN_STATES = (
    RecordState.built,
    RecordState.transmitted,
    RecordState.rejected,
    RecordState.accepted,
)
EVENTS = {
    RecordState.built: "tax_free.record_built",
    RecordState.transmitted: "tax_free.record_transmitted",
    RecordState.accepted: "tax_free.record_accepted",
    RecordState.rejected: "tax_free.record_rejected",
    RecordState.confirmed: "tax_free.record_confirmed",
    RecordState.not_confirmed: "tax_free.record_not_confirmed",
    RecordState.refunded: "tax_free.record_refunded",
    RecordState.forfeited: "tax_free.record_forfeited",
}

# Why a record was forfeited, as the visitor is told (see ``taxfree.messages``).
FORFEIT_NOT_CONFIRMED = "not_confirmed"
FORFEIT_DEADLINE = "deadline"


# --- Shops ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShopSettings:
    sender_id: str
    sales_location_id: str
    seller_name: str
    tax_location: str
    store_address: str
    refund_fee_bps: int = 0
    refund_method: RefundMethod = RefundMethod.wallet
    nta_environment: NtaEnvironment | None = None
    certificate_pem: bytes | None = None
    private_key_pem: bytes | None = None


def _shop_errors(settings: ShopSettings) -> list[FieldError]:
    errors = []
    if not (
        len(settings.sender_id) == 21
        and settings.sender_id.isascii()
        and settings.sender_id.isdigit()
    ):
        errors.append(FieldError("sender_id", "送信者識別符号は21桁の数字です。"))
    if not settings.sales_location_id.strip() or len(settings.sales_location_id) > 20:
        errors.append(FieldError("sales_location_id", "販売場識別符号を入力してください。"))
    for name in ("seller_name", "tax_location", "store_address"):
        if not getattr(settings, name).strip():
            errors.append(FieldError(name, "入力してください。", "required"))
    if not 0 <= settings.refund_fee_bps <= 10_000:
        errors.append(FieldError("refund_fee_bps", "手数料は税額の0〜100%です。"))
    if settings.nta_environment is not None and not (
        settings.certificate_pem and settings.private_key_pem
    ):
        errors.append(
            FieldError("certificate", "クライアント証明書と秘密鍵を登録してください。", "required")
        )
    return errors


def _shop_key(keys: PlatformKeys, shop: TaxFreeShop) -> DataKey:
    return keys.keyring.unwrap(WrappedKey.from_bytes(shop.data_key))


def _cert_context(servicer_id: uuid.UUID, what: str) -> bytes:
    return f"tax_free_shop:{servicer_id}:{what}".encode()


async def configure_shop(
    session: AsyncSession, keys: PlatformKeys, servicer_id: uuid.UUID, settings: ShopSettings
) -> TaxFreeShop:
    """Set up (or change) the shop's tax-free settings. Its data key is made once and kept."""
    errors = _shop_errors(settings)
    if errors:
        raise InvalidItemsError("Some settings are not valid.", fields=errors)
    shop = await session.get(TaxFreeShop, servicer_id)
    if shop is None:
        _, wrapped = keys.keyring.new_data_key()
        shop = TaxFreeShop(servicer_id=servicer_id, data_key=wrapped.to_bytes())
        session.add(shop)
    shop.sender_id = settings.sender_id
    shop.sales_location_id = settings.sales_location_id.strip()
    shop.seller_name = settings.seller_name.strip()
    shop.tax_location = settings.tax_location.strip()
    shop.store_address = settings.store_address.strip()
    shop.refund_fee_bps = settings.refund_fee_bps
    shop.refund_method = settings.refund_method
    shop.nta_environment = settings.nta_environment
    key = _shop_key(keys, shop)
    if settings.certificate_pem and settings.private_key_pem:
        shop.nta_certificate_sealed = key.encrypt(
            settings.certificate_pem, context=_cert_context(servicer_id, "certificate")
        )
        shop.nta_private_key_sealed = key.encrypt(
            settings.private_key_pem, context=_cert_context(servicer_id, "private_key")
        )
    elif settings.nta_environment is None:
        shop.nta_certificate_sealed = shop.nta_private_key_sealed = None
    await session.flush()
    log.info("taxfree.shop_configured", servicer_id=str(servicer_id))
    return shop


async def shop_of(session: AsyncSession, servicer_id: uuid.UUID) -> TaxFreeShop:
    shop = await session.get(TaxFreeShop, servicer_id)
    if shop is None:
        raise TaxFreeNotConfiguredError(
            "This shop has not set up tax-free sales: enter its tax office identifiers first."
        )
    return shop


async def find_shop(session: AsyncSession, servicer_id: uuid.UUID) -> TaxFreeShop | None:
    return await session.get(TaxFreeShop, servicer_id)


def connection_of(keys: PlatformKeys, settings: Settings, shop: TaxFreeShop) -> nta.Connection:
    if shop.nta_environment is None:
        raise NtaNotConfiguredError(
            "この販売場は免税販売管理システムへの送信が設定されていません。"
            "記録をファイルでダウンロードし、承認送信事業者から送信してください。"
        )
    key = _shop_key(keys, shop)
    base = (
        settings.nta_production_url
        if shop.nta_environment is NtaEnvironment.production
        else settings.nta_test_url
    )
    certificate = private_key = None
    if shop.nta_certificate_sealed and shop.nta_private_key_sealed:
        certificate = key.decrypt(
            shop.nta_certificate_sealed, context=_cert_context(shop.servicer_id, "certificate")
        )
        private_key = key.decrypt(
            shop.nta_private_key_sealed, context=_cert_context(shop.servicer_id, "private_key")
        )
    return nta.Connection(base, certificate, private_key)


# --- Building a record ----------------------------------------------------------------------


@dataclass(frozen=True)
class ItemIn:
    name: str
    quantity: int
    unit_price: int
    tax_rate: int = 10
    serial: str | None = None


def check_items(items: Sequence[ItemIn]) -> list[nta.Item]:
    """The items as lines of the record, or :class:`InvalidItemsError` naming each fault."""
    errors: list[FieldError] = []
    if not items:
        errors.append(FieldError("items", "Add at least one item.", "required"))
    if len(items) > MAX_ITEMS:
        errors.append(FieldError("items", f"At most {MAX_ITEMS} items per record."))
    lines = []
    for n, item in enumerate(items):
        where = f"items.{n}"
        name = item.name.strip()
        serial = (item.serial or "").strip() or None
        if not name or len(name) > 200:
            errors.append(FieldError(f"{where}.name", "Give the item's name (at most 200)."))
        if not 1 <= item.quantity <= 100_000:
            errors.append(FieldError(f"{where}.quantity", "The quantity is 1 or more."))
        if not 1 <= item.unit_price <= 100_000_000_000:
            errors.append(FieldError(f"{where}.unit_price", "The unit price is 1 yen or more."))
        if item.tax_rate not in TAX_RATES:
            errors.append(FieldError(f"{where}.tax_rate", "The tax rate is 10 or 8."))
        if item.unit_price >= SERIAL_FROM and not serial:
            errors.append(
                FieldError(
                    f"{where}.serial",
                    "An item of ¥1,000,000 or more needs an identifying detail such as its "
                    "serial number.",
                    "required",
                )
            )
        if serial is not None and len(serial) > 100:
            errors.append(FieldError(f"{where}.serial", "At most 100 characters."))
        lines.append(
            nta.Item(
                n + 1, name, item.quantity, item.unit_price, item.quantity * item.unit_price, serial
            )
        )
    if errors:
        raise InvalidItemsError("Some items cannot go on a tax-free record.", fields=errors)
    return lines


def tax_of(price: int, rate: int) -> int:
    """The consumption tax inside a tax-included price."""
    return price * rate // (100 + rate)


def deadline_of(purchased_at: datetime) -> date:
    """The last day customs can confirm: 90 days counted from the day after the purchase."""
    return purchased_at.astimezone(JST).date() + timedelta(days=DEADLINE_DAYS)


def retained_until(purchased_at: datetime) -> date:
    day = purchased_at.astimezone(JST).date()
    try:
        return day.replace(year=day.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + RETENTION_YEARS, day=28)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def passport_from(attributes: Mapping[str, Any]) -> nta.Passport:
    """The passport part from what a ``tax_free_sale`` resolve disclosed. Status of residence
    and landing date are read when the catalogue carries them (``status_of_residence``,
    ``landing_date``)."""
    name = attributes.get("name") or {}
    passport = attributes.get("passport") or {}
    missing = [
        key
        for key, present in (
            ("name", isinstance(name, Mapping) and name.get("surname")),
            ("nationality", attributes.get("nationality")),
            ("passport", isinstance(passport, Mapping) and passport.get("number")),
        )
        if not present
    ]
    if missing:
        raise PassportMissingError(
            "The visitor has not shared their passport details for tax-free sales.",
            extra={"missing": missing},
        )
    residence = attributes.get("status_of_residence")
    if isinstance(residence, Mapping):
        residence = residence.get("code") or residence.get("value")
    return nta.Passport(
        surname=str(name.get("surname", "")),
        given_names=str(name.get("given_names", "")),
        nationality=str(attributes["nationality"]),
        date_of_birth=_day(attributes.get("date_of_birth")),
        passport_type=str(passport.get("document_type") or "P"),
        passport_number=str(passport["number"]),
        status_of_residence=str(residence) if residence else None,
        landing_date=_day(attributes.get("landing_date")),
    )


def _passport_context(record_id: uuid.UUID) -> bytes:
    return f"tax_free_record:{record_id}:passport".encode()


@dataclass(frozen=True)
class Buyer:
    """The visitor a ``tax_free_sale`` resolve found, and what it disclosed."""

    visitor_id: uuid.UUID
    subject: str
    language: str
    attributes: Mapping[str, Any]


async def identify(
    session: AsyncSession,
    keys: PlatformKeys,
    caller: AuthenticatedClient,
    kind: CarrierKind,
    value: str,
    now: datetime,
) -> Buyer:
    """Resolve the carrier for ``tax_free_sale`` at the caller's touchpoint (the same decision
    as every resolve, logged for the visitor). Unknown carrier: 404; not approved or not
    consented: 403, the latter with a tap-to-consent request."""
    if caller.kind is ClientKind.terminal and str(PurposeKey.tax_free_sale) not in caller.purposes:
        raise PurposeNotForTerminalError()
    whom: uuid.UUID | resolve.Card
    if kind is CarrierKind.qr_device:
        _, whom = await carriers.verify_qr(session, CarrierKeys.from_platform(keys), value, now)
    else:
        card_id = carriers.parse_card_id(kind, value)
        whom = resolve.Card(kind, CarrierKeys.from_platform(keys).lookup_hash(kind, card_id))
    decision = await resolve.decide(
        session,
        servicer_id=caller.servicer_id,
        purpose=PurposeKey.tax_free_sale,
        whom=whom,
        terminal_id=caller.id if caller.kind is ClientKind.terminal else None,
        now=now,
    )
    if decision.outcome is resolve.Outcome.not_found:
        raise CarrierNotFoundError()
    if decision.outcome is resolve.Outcome.not_approved:
        raise PurposeNotApprovedError()
    if decision.outcome is resolve.Outcome.consent_required:
        assert decision.visitor_id is not None
        asked = await consent_requests.ask(
            session,
            servicer_id=caller.servicer_id,
            visitor_id=decision.visitor_id,
            purpose=PurposeKey.tax_free_sale,
            attributes=decision.missing,
            terminal_id=decision.terminal_id,
            now=now,
        )
        raise ConsentRequiredError(
            "Ask the visitor to allow tax-free sales here on their phone, then tap again.",
            extra={
                "missing": list(decision.missing),
                "consent_request": {
                    "id": str(asked.id),
                    "path": consent_requests.answer_path(asked),
                },
            },
        )
    resolution = resolve.disclosed(keys, decision)
    assert decision.visitor_id is not None
    return Buyer(
        decision.visitor_id, resolution.subject, resolution.language, resolution.attributes
    )


async def buyer_by_id(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    visitor_id: uuid.UUID,
    now: datetime | None = None,
) -> Buyer:
    """A resolve of a known visitor for ``tax_free_sale`` (tests, demo data)."""
    resolution = await resolve.resolve(
        session,
        keys,
        servicer_id=servicer_id,
        visitor_id=visitor_id,
        purpose=PurposeKey.tax_free_sale,
        now=now,
    )
    return Buyer(visitor_id, resolution.subject, resolution.language, resolution.attributes)


@dataclass(frozen=True)
class Built:
    """A record ready to insert (see :func:`insert_records`)."""

    row: dict[str, Any]
    items: list[dict[str, Any]]


def prepare(
    keys: PlatformKeys,
    shop: TaxFreeShop,
    buyer: Buyer,
    items: Sequence[ItemIn],
    *,
    transmission_number: str,
    purchased_at: datetime,
    card_payment: str | None = None,
    shop_key: DataKey | None = None,
) -> Built:
    """The record's row and items, its passport sealed under the shop's key."""
    lines = check_items(items)
    passport = passport_from(buyer.attributes)
    record_id = uuid.uuid4()
    key = shop_key or _shop_key(keys, shop)
    tax = sum(tax_of(line.price, item.tax_rate) for line, item in zip(lines, items, strict=True))
    fee = tax * shop.refund_fee_bps // 10_000
    method = RefundMethod.card if card_payment else shop.refund_method
    return Built(
        row={
            "id": record_id,
            "servicer_id": shop.servicer_id,
            "visitor_id": buyer.visitor_id,
            "subject": buyer.subject,
            "language": buyer.language,
            "procedure_id": nta.PROCEDURE_ID,
            "spec_version": nta.SPEC_VERSION,
            "transmission_number": transmission_number,
            "sender_id": shop.sender_id,
            "sales_location_id": shop.sales_location_id,
            "seller_name": shop.seller_name,
            "tax_location": shop.tax_location,
            "store_address": shop.store_address,
            "passport_sealed": key.encrypt_json(
                passport.to_json(), context=_passport_context(record_id)
            ),
            "purchased_at": purchased_at,
            "deadline": deadline_of(purchased_at),
            "retain_until": retained_until(purchased_at),
            "total": sum(line.price for line in lines),
            "tax": tax,
            "fee": fee,
            "refund_method": method,
            "card_payment": card_payment,
            "state": RecordState.built,
            "state_changed_at": purchased_at,
        },
        items=[
            {
                "record_id": record_id,
                "line": line.line,
                "name": line.name,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "price": line.price,
                "tax_rate": item.tax_rate,
                "serial": line.serial,
            }
            for line, item in zip(lines, items, strict=True)
        ],
    )


async def transmission_numbers(
    session: AsyncSession, count: int, purchased_at: datetime
) -> list[str]:
    """``count`` new 送信番号: the sale's date (JST, 8 digits) and 9 running digits."""
    day = purchased_at.astimezone(JST).strftime("%Y%m%d")
    numbers = await session.scalars(
        sa.select(sa.func.nextval(TRANSMISSION_SEQUENCE.name)).select_from(
            sa.func.generate_series(1, count)
        )
    )
    return [f"{day}{n:09d}" for n in numbers]


def _table(model: type[Base]) -> sa.Table:
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


def _copy_value(value: Any) -> Any:
    """A row's value as COPY takes it (the house's enums are stored as their text)."""
    return value.value if isinstance(value, Enum) else value


async def insert_records(
    session: AsyncSession, built: Sequence[Built], *, actor: str
) -> list[uuid.UUID]:
    """Write built records, their items and their first state change: three COPYs in the
    session's transaction (a bulk of records costs little more than its bytes)."""
    if not built:
        return []
    await session.flush()  # the rows COPY refers to (the shop, the buyer) first
    connection = await session.connection()
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None
    columns = list(built[0].row)
    await raw.copy_records_to_table(
        _table(TaxFreeRecord).name,
        records=[tuple(_copy_value(b.row[c]) for c in columns) for b in built],
        columns=columns,
    )
    item_columns = list(built[0].items[0]) if built[0].items else []
    items = [tuple(i[c] for c in item_columns) for b in built for i in b.items]
    if items:
        await raw.copy_records_to_table(
            _table(TaxFreeItem).name, records=items, columns=item_columns
        )
    await raw.copy_records_to_table(
        _table(TaxFreeStateChange).name,
        records=[
            (b.row["id"], None, RecordState.built.value, actor, b.row["purchased_at"])
            for b in built
        ],
        columns=["record_id", "from_state", "to_state", "actor", "at"],
    )
    ids = [b.row["id"] for b in built]
    await _announce(session, built[0].row["servicer_id"], RecordState.built, ids)
    return ids


async def build_record(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    buyer: Buyer,
    items: Sequence[ItemIn],
    *,
    actor: str,
    card_payment: str | None = None,
    now: datetime | None = None,
) -> TaxFreeRecord:
    """Build one record from a resolve and the items."""
    now = now or datetime.now(UTC)
    shop = await shop_of(session, servicer_id)
    check_items(items)
    (number,) = await transmission_numbers(session, 1, now)
    built = prepare(
        keys,
        shop,
        buyer,
        items,
        transmission_number=number,
        purchased_at=now,
        card_payment=card_payment,
    )
    await insert_records(session, [built], actor=actor)
    log.info("taxfree.record_built", record_id=str(built.row["id"]), servicer_id=str(servicer_id))
    return await record(session, servicer_id, built.row["id"])


# --- Reading --------------------------------------------------------------------------------


async def record(
    session: AsyncSession, servicer_id: uuid.UUID, record_id: uuid.UUID
) -> TaxFreeRecord:
    found = await session.scalar(
        select(TaxFreeRecord).where(
            TaxFreeRecord.id == record_id, TaxFreeRecord.servicer_id == servicer_id
        )
    )
    if found is None:
        raise RecordNotFoundError()
    return found


async def items_of(session: AsyncSession, record_id: uuid.UUID) -> list[TaxFreeItem]:
    return list(
        await session.scalars(
            select(TaxFreeItem).where(TaxFreeItem.record_id == record_id).order_by(TaxFreeItem.line)
        )
    )


async def history(session: AsyncSession, record_id: uuid.UUID) -> list[TaxFreeStateChange]:
    return list(
        await session.scalars(
            select(TaxFreeStateChange)
            .where(TaxFreeStateChange.record_id == record_id)
            .order_by(TaxFreeStateChange.id)
        )
    )


def open_passport(keys: PlatformKeys, shop: TaxFreeShop, found: TaxFreeRecord) -> nta.Passport:
    """The passport part, readable by the shop (and its adapter to the tax office) only."""
    opened = _shop_key(keys, shop).decrypt_json(
        found.passport_sealed, context=_passport_context(found.id)
    )
    return nta.Passport.from_json(opened)


async def shop_records(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    state: RecordState | None = None,
    *,
    limit: int = 200,
) -> list[TaxFreeRecord]:
    query = select(TaxFreeRecord).where(TaxFreeRecord.servicer_id == servicer_id)
    if state is not None:
        query = query.where(TaxFreeRecord.state == state)
    return list(
        await session.scalars(query.order_by(TaxFreeRecord.purchased_at.desc()).limit(limit))
    )


async def state_counts(session: AsyncSession, servicer_id: uuid.UUID) -> dict[RecordState, int]:
    rows = await session.execute(
        select(TaxFreeRecord.state, sa.func.count())
        .where(TaxFreeRecord.servicer_id == servicer_id)
        .group_by(TaxFreeRecord.state)
    )
    counts = {state: 0 for state in RecordState}
    counts.update({RecordState(s): int(n) for s, n in rows.all()})
    return counts


@dataclass(frozen=True)
class VisitorRecord:
    record: TaxFreeRecord
    shop_name: str
    items: list[TaxFreeItem]
    forfeit_reason: str | None


async def visitor_records(session: AsyncSession, visitor_id: uuid.UUID) -> list[VisitorRecord]:
    """Every record of every shop for the visitor, newest first."""
    records = list(
        await session.scalars(
            select(TaxFreeRecord)
            .where(TaxFreeRecord.visitor_id == visitor_id)
            .order_by(TaxFreeRecord.purchased_at.desc())
        )
    )
    if not records:
        return []
    ids = [r.id for r in records]
    items: dict[uuid.UUID, list[TaxFreeItem]] = {i: [] for i in ids}
    for item in await session.scalars(
        select(TaxFreeItem).where(TaxFreeItem.record_id.in_(ids)).order_by(TaxFreeItem.line)
    ):
        items[item.record_id].append(item)
    reasons = dict(
        (
            await session.execute(
                select(TaxFreeStateChange.record_id, TaxFreeStateChange.reason).where(
                    TaxFreeStateChange.record_id.in_(ids),
                    TaxFreeStateChange.to_state == RecordState.forfeited,
                )
            )
        ).all()
    )
    return [VisitorRecord(r, r.seller_name, items[r.id], reasons.get(r.id)) for r in records]


@dataclass(frozen=True)
class Kept:
    shop_name: str
    transmission_number: str
    until: date


async def kept_after_erasure(session: AsyncSession, visitor_id: uuid.UUID) -> list[Kept]:
    """The records that the visitor's erasure leaves with their shops, and until when."""
    rows = await session.execute(
        select(
            TaxFreeRecord.seller_name, TaxFreeRecord.transmission_number, TaxFreeRecord.retain_until
        )
        .where(TaxFreeRecord.visitor_id == visitor_id)
        .order_by(TaxFreeRecord.purchased_at)
    )
    return [Kept(name, number, until) for name, number, until in rows.all()]


CSV_HEADER = (
    "送信番号",
    "購入日時",
    "状態",
    "合計（税込）",
    "消費税額",
    "手数料",
    "返金額",
    "返金方法",
    "期限",
    "不受理理由",
)


async def shop_csv(session: AsyncSession, servicer_id: uuid.UUID) -> str:
    """Every record of the shop, one line each, for its accountant (no passport data)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    rows = await session.scalars(
        select(TaxFreeRecord)
        .where(TaxFreeRecord.servicer_id == servicer_id)
        .order_by(TaxFreeRecord.purchased_at)
    )
    for r in rows:
        writer.writerow(
            (
                r.transmission_number,
                r.purchased_at.astimezone(JST).isoformat(timespec="seconds"),
                r.state.value,
                r.total,
                r.tax,
                r.fee,
                r.tax - r.fee,
                r.refund_method.value,
                r.deadline.isoformat(),
                r.rejection_reason or "",
            )
        )
    return out.getvalue()


# --- Moving between states ------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    record_id: uuid.UUID
    to: RecordState
    reason: str | None = None


async def move(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    moves: Sequence[Move],
    *,
    actor: str,
    now: datetime,
) -> list[uuid.UUID]:
    """Move records to new states, each only from a state that may precede its new one;
    returns those moved (a record in another state, as after a concurrent move, is left).
    One statement per new state and reason: the records found by primary key, locked, moved
    and their history written."""
    if not moves:
        return []
    groups: dict[tuple[RecordState, str | None], list[uuid.UUID]] = {}
    for m in moves:
        groups.setdefault((m.to, m.reason), []).append(m.record_id)
    moved: list[uuid.UUID] = []
    by_state: dict[RecordState, list[uuid.UUID]] = {}
    for (to, reason), ids in groups.items():
        froms = [s.value for s, nexts in MOVES.items() if to in nexts]
        rows = await session.execute(
            _MOVE_SQL,
            {
                "ids": ids,
                "froms": froms,
                "to": to.value,
                "reason": reason,
                "servicer_id": servicer_id,
                "actor": actor,
                "now": now,
            },
        )
        done = [uuid.UUID(str(r[0])) for r in rows]
        moved += done
        by_state.setdefault(to, []).extend(done)
    for state, done in by_state.items():
        if done:
            await _announce(session, servicer_id, state, done, now=now)
    return moved


# The history's ``from_state`` is the state before the update, read from the locked rows.
_MOVE_SQL = sa.text(
    """
WITH before AS MATERIALIZED (
  SELECT id, state FROM tax_free_records
   WHERE id = ANY (CAST(:ids AS uuid[]))
     AND servicer_id = CAST(:servicer_id AS uuid)
     AND state = ANY (CAST(:froms AS text[]))
     FOR UPDATE
),
moved AS (
  UPDATE tax_free_records r
     SET state = CAST(:to AS text),
         state_changed_at = CAST(:now AS timestamptz),
         rejection_reason = CASE WHEN CAST(:to AS text) = 'rejected' THEN CAST(:reason AS text)
                                 WHEN CAST(:to AS text) = 'built' THEN NULL
                                 ELSE r.rejection_reason END
    FROM before b
   WHERE r.id = b.id
  RETURNING r.id, b.state AS from_state
)
INSERT INTO tax_free_state_changes (record_id, from_state, to_state, reason, actor, at)
SELECT m.id, m.from_state, CAST(:to AS text), CAST(:reason AS text), CAST(:actor AS text),
       CAST(:now AS timestamptz)
  FROM moved m
RETURNING record_id
"""
)


async def _announce(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    state: RecordState,
    record_ids: Sequence[uuid.UUID],
    *,
    now: datetime | None = None,
) -> None:
    """A webhook event per record for the shop's endpoints that asked for this change (one
    read when none did, so bulk moves stay cheap)."""
    event_type = EVENTS[state]
    wanted = await session.scalar(
        sa.select(
            sa.exists(
                webhook_queries.subscribed(event_type).where(
                    WebhookEndpoint.servicer_id == servicer_id
                )
            )
        )
    )
    if not wanted:
        return
    for record_id in record_ids:
        await webhooks.emit(
            session,
            servicer_id,
            event_type,
            {"record_id": str(record_id), "state": state.value},
            now=now,
        )


# --- Transmission ---------------------------------------------------------------------------


def _submitted(
    keys: PlatformKeys,
    shop: TaxFreeShop,
    key: DataKey,
    r: TaxFreeRecord | sa.Row[Any],
    items: Sequence[TaxFreeItem | sa.Row[Any]],
) -> nta.Submitted:
    passport = nta.Passport.from_json(
        key.decrypt_json(r.passport_sealed, context=_passport_context(r.id))
    )
    return nta.Submitted(
        transmission_number=r.transmission_number,
        purchased_at=r.purchased_at.astimezone(JST),
        shop=nta.Shop(
            r.sender_id, r.sales_location_id, r.seller_name, r.tax_location, r.store_address
        ),
        passport=passport,
        items=[
            nta.Item(i.line, i.name, i.quantity, i.unit_price, i.price, i.serial) for i in items
        ],
    )


async def submissions(
    session: AsyncSession,
    keys: PlatformKeys,
    shop: TaxFreeShop,
    records: Sequence[TaxFreeRecord | sa.Row[Any]],
) -> list[nta.Submitted]:
    """The records in the system's shapes (their passports opened with the shop's key)."""
    key = _shop_key(keys, shop)
    ids = [r.id for r in records]
    items: dict[uuid.UUID, list[Any]] = {i: [] for i in ids}
    table = _table(TaxFreeItem)
    # Plain rows (no ORM identity map): a submission reads thousands of items at once.
    for item in await session.execute(
        sa.select(table)
        .where(table.c.record_id == sa.func.any(sa.cast(ids, sa.ARRAY(sa.Uuid))))
        .order_by(table.c.record_id, table.c.line)
    ):
        items[item.record_id].append(item)
    return [_submitted(keys, shop, key, r, items[r.id]) for r in records]


async def record_file(
    session: AsyncSession, keys: PlatformKeys, servicer_id: uuid.UUID, record_id: uuid.UUID
) -> tuple[str, bytes]:
    """One record as a file for an approved sender: its name and content."""
    found = await record(session, servicer_id, record_id)
    shop = await shop_of(session, servicer_id)
    (submitted,) = await submissions(session, keys, shop, [found])
    return f"tax-free-{found.transmission_number}.json", nta.record_file(
        shop.sender_id, [submitted]
    )


@dataclass(frozen=True)
class Transmitted:
    accepted: int
    rejected: int


async def transmit(
    session: AsyncSession,
    keys: PlatformKeys,
    settings: Settings,
    gateway: nta.NtaGateway,
    servicer_id: uuid.UUID,
    *,
    record_ids: Sequence[uuid.UUID] | None = None,
    actor: str = "system:taxfree",
    now: datetime | None = None,
    limit: int = 100_000,
) -> Transmitted:
    """Send the shop's built records (or those given) and record the tax office's answers."""
    now = now or datetime.now(UTC)
    shop = await shop_of(session, servicer_id)
    connection = connection_of(keys, settings, shop)
    table = _table(TaxFreeRecord)
    query = sa.select(table).where(
        table.c.servicer_id == servicer_id, table.c.state == RecordState.built
    )
    if record_ids is not None:
        query = query.where(table.c.id.in_(list(record_ids)))
    # Plain rows, not ORM objects: only read to build the submission and then moved by id.
    records = list(await session.execute(query.order_by(table.c.purchased_at).limit(limit)))
    if not records:
        return Transmitted(0, 0)
    submitted = await submissions(session, keys, shop, records)
    try:
        results = await gateway.submit(connection, shop.sender_id, submitted)
    except nta.NtaError as exc:
        log.warning("taxfree.transmission_failed", servicer_id=str(servicer_id))
        raise NtaUnavailableError(str(exc)) from exc
    by_number = {r.transmission_number: r.id for r in records}
    answers = [
        Move(
            by_number[result.transmission_number],
            RecordState.accepted if result.accepted else RecordState.rejected,
            result.reason,
        )
        for result in results
        if result.transmission_number in by_number
    ]
    await _record_transmission(session, servicer_id, [r.id for r in records], answers, actor, now)
    accepted = sum(1 for a in answers if a.to is RecordState.accepted)
    log.info(
        "taxfree.transmitted",
        servicer_id=str(servicer_id),
        accepted=accepted,
        rejected=len(answers) - accepted,
    )
    return Transmitted(accepted, len(answers) - accepted)


async def _record_transmission(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    sent: Sequence[uuid.UUID],
    answers: Sequence[Move],
    actor: str,
    now: datetime,
) -> None:
    """Built → transmitted → the tax office's answer, for every record sent, in one statement:
    each row updated once, both changes in its history (in that order) and their events."""
    answered = {a.record_id: a for a in answers}
    to = [answered[i].to.value if i in answered else RecordState.transmitted.value for i in sent]
    reasons = [answered[i].reason if i in answered else None for i in sent]
    rows = await session.execute(
        _TRANSMIT_SQL,
        {
            "ids": list(sent),
            "tos": to,
            "reasons": reasons,
            "servicer_id": servicer_id,
            "actor": actor,
            "now": now,
        },
    )
    by_state: dict[RecordState, list[uuid.UUID]] = {}
    for record_id, state in rows:
        by_state.setdefault(RecordState(state), []).append(uuid.UUID(str(record_id)))
    for state in (RecordState.transmitted, RecordState.accepted, RecordState.rejected):
        if by_state.get(state):
            await _announce(session, servicer_id, state, by_state[state], now=now)


# Only records still built are moved (as in :func:`move`); the history's transmitted rows are
# written before the answers' (one Append, in order), so its ids keep the order of the states.
_TRANSMIT_SQL = sa.text(
    """
WITH answer AS (
  SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:tos AS text[]), CAST(:reasons AS text[]))
    AS a(id, to_state, reason)
),
before AS MATERIALIZED (
  SELECT r.id, a.to_state, a.reason
    FROM tax_free_records r JOIN answer a ON a.id = r.id
   WHERE r.servicer_id = CAST(:servicer_id AS uuid) AND r.state = 'built'
     FOR UPDATE OF r
),
moved AS (
  UPDATE tax_free_records r
     SET state = b.to_state,
         state_changed_at = CAST(:now AS timestamptz),
         rejection_reason = CASE WHEN b.to_state = 'rejected' THEN b.reason
                                 ELSE r.rejection_reason END
    FROM before b
   WHERE r.id = b.id
  RETURNING r.id, b.to_state, b.reason
)
INSERT INTO tax_free_state_changes (record_id, from_state, to_state, reason, actor, at)
SELECT id, 'built', 'transmitted', NULL, CAST(:actor AS text), CAST(:now AS timestamptz)
  FROM moved
UNION ALL
SELECT id, 'transmitted', to_state, reason, CAST(:actor AS text), CAST(:now AS timestamptz)
  FROM moved WHERE to_state <> 'transmitted'
RETURNING record_id, to_state
"""
)


async def correct(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    record_id: uuid.UUID,
    items: Sequence[ItemIn] | None,
    *,
    passport: Mapping[str, Any] | None = None,
    actor: str,
    now: datetime | None = None,
) -> TaxFreeRecord:
    """Correct a rejected record (its items, or passport fields the clerk read from the
    passport) and put it back to be sent again."""
    now = now or datetime.now(UTC)
    found = await record(session, servicer_id, record_id)
    if found.state is not RecordState.rejected:
        raise WrongStateError("Only a rejected record can be corrected and sent again.")
    shop = await shop_of(session, servicer_id)
    if items is not None:
        lines = check_items(items)
        await session.execute(sa.delete(TaxFreeItem).where(TaxFreeItem.record_id == record_id))
        await session.execute(
            sa.insert(TaxFreeItem),
            [
                {
                    "record_id": record_id,
                    "line": line.line,
                    "name": line.name,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "price": line.price,
                    "tax_rate": item.tax_rate,
                    "serial": line.serial,
                }
                for line, item in zip(lines, items, strict=True)
            ],
        )
        found.total = sum(line.price for line in lines)
        found.tax = sum(
            tax_of(line.price, i.tax_rate) for line, i in zip(lines, items, strict=True)
        )
        found.fee = found.tax * shop.refund_fee_bps // 10_000
    if passport:
        current = open_passport(keys, shop, found).to_json()
        allowed = {
            "status_of_residence",
            "landing_date",
            "passport_type",
            "passport_number",
            "surname",
            "given_names",
            "nationality",
            "date_of_birth",
        }
        current.update({k: v for k, v in passport.items() if k in allowed and v})
        try:
            fixed = nta.Passport.from_json(current)
        except (KeyError, ValueError) as exc:
            raise InvalidItemsError(
                "The passport details are not valid.",
                fields=[FieldError("passport", "日付はYYYY-MM-DDで入力してください。")],
            ) from exc
        found.passport_sealed = _shop_key(keys, shop).encrypt_json(
            fixed.to_json(), context=_passport_context(found.id)
        )
    await session.flush()
    await move(
        session, servicer_id, [Move(record_id, RecordState.built, "訂正")], actor=actor, now=now
    )
    await session.refresh(found)
    return found


# --- Customs confirmation -------------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    confirmed: int
    forfeited: int
    unknown: int  # numbers of no accepted record (another shop's, or already decided)


_ITEMS_SQL = sa.text(
    """
UPDATE tax_free_items i SET confirmed = c.ok
  FROM unnest(CAST(:ids AS uuid[]), CAST(:lines AS smallint[]), CAST(:oks AS boolean[]))
       AS c(record_id, line, ok)
 WHERE i.record_id = c.record_id AND i.line = c.line
"""
)

_VERDICT_SQL = sa.text(
    """
SELECT r.id, r.servicer_id, r.deadline,
       bool_and(coalesce(i.confirmed, false)) AS all_confirmed
  FROM tax_free_records r JOIN tax_free_items i ON i.record_id = r.id
 WHERE r.id = ANY (CAST(:ids AS uuid[]))
 GROUP BY r.id
"""
)


async def apply_confirmations(
    session: AsyncSession,
    confirmations: Iterable[nta.Confirmation],
    *,
    servicer_id: uuid.UUID | None = None,
    actor: str,
    now: datetime | None = None,
) -> Applied:
    """Apply customs' answers to accepted records: every item confirmed (on or before the
    deadline) → confirmed, refund due; any item not → the whole record forfeited. Pending
    answers and records not awaiting one are left. ``servicer_id``: only that shop's."""
    now = now or datetime.now(UTC)
    answers = {c.transmission_number: c for c in confirmations if c.items is not None}
    if not answers:
        return Applied(0, 0, 0)
    query = select(
        TaxFreeRecord.id,
        TaxFreeRecord.transmission_number,
        TaxFreeRecord.servicer_id,
        TaxFreeRecord.deadline,
    ).where(
        TaxFreeRecord.transmission_number.in_(list(answers)),
        TaxFreeRecord.state == RecordState.accepted,
    )
    if servicer_id is not None:
        query = query.where(TaxFreeRecord.servicer_id == servicer_id)
    found = (await session.execute(query)).all()
    ids, lines, oks = [], [], []
    late: set[uuid.UUID] = set()
    for record_id, number, _, deadline in found:
        answer = answers[number]
        if (
            answer.confirmed_at is not None
            and answer.confirmed_at.astimezone(JST).date() > deadline
        ):
            late.add(record_id)
        for line, ok in answer.items.items():  # type: ignore[union-attr]
            ids.append(record_id)
            lines.append(line)
            oks.append(ok)
    if ids:
        await session.execute(_ITEMS_SQL, {"ids": ids, "lines": lines, "oks": oks})
    verdicts = (await session.execute(_VERDICT_SQL, {"ids": [f[0] for f in found]})).all()
    moves: dict[uuid.UUID, list[Move]] = {}
    forfeits: dict[uuid.UUID, list[Move]] = {}
    confirmed_ids: list[uuid.UUID] = []
    for record_id, shop_id, _, all_confirmed in verdicts:
        if all_confirmed and record_id not in late:
            moves.setdefault(shop_id, []).append(Move(record_id, RecordState.confirmed))
            confirmed_ids.append(record_id)
        else:
            moves.setdefault(shop_id, []).append(Move(record_id, RecordState.not_confirmed))
            forfeits.setdefault(shop_id, []).append(
                Move(
                    record_id,
                    RecordState.forfeited,
                    FORFEIT_DEADLINE if record_id in late else FORFEIT_NOT_CONFIRMED,
                )
            )
    for shop_id, shop_moves in moves.items():
        await move(session, shop_id, shop_moves, actor=actor, now=now)
    forfeited = 0
    for shop_id, shop_forfeits in forfeits.items():
        done = await move(session, shop_id, shop_forfeits, actor=actor, now=now)
        forfeited += len(done)
        await _tell_many(session, done, "forfeited")
    if confirmed_ids:
        await jobs.enqueue_many(session, REFUND_JOB, [{"record_id": str(i)} for i in confirmed_ids])
    log.info("taxfree.confirmations_applied", confirmed=len(confirmed_ids), forfeited=forfeited)
    return Applied(len(confirmed_ids), forfeited, len(answers) - len(found))


async def pull_confirmations(
    session: AsyncSession,
    keys: PlatformKeys,
    settings: Settings,
    gateway: nta.NtaGateway,
    servicer_id: uuid.UUID,
    *,
    now: datetime | None = None,
) -> Applied:
    """Ask the 税関確認情報API about the shop's accepted records and apply the answers."""
    shop = await shop_of(session, servicer_id)
    connection = connection_of(keys, settings, shop)
    numbers = list(
        await session.scalars(
            select(TaxFreeRecord.transmission_number).where(
                TaxFreeRecord.servicer_id == servicer_id,
                TaxFreeRecord.state == RecordState.accepted,
            )
        )
    )
    if not numbers:
        return Applied(0, 0, 0)
    try:
        answers = await gateway.confirmations(connection, shop.sender_id, numbers)
    except nta.NtaError as exc:
        raise NtaUnavailableError(str(exc)) from exc
    return await apply_confirmations(
        session, answers, servicer_id=servicer_id, actor="system:taxfree", now=now
    )


async def forfeit_overdue(session: AsyncSession, now: datetime | None = None) -> int:
    """Forfeit every open record whose deadline has passed without customs' confirmation."""
    now = now or datetime.now(UTC)
    today = now.astimezone(JST).date()
    rows = (
        await session.execute(
            select(TaxFreeRecord.id, TaxFreeRecord.servicer_id)
            .where(TaxFreeRecord.deadline < today, TaxFreeRecord.state.in_(OPEN_STATES))
            .limit(50_000)
        )
    ).all()
    by_shop: dict[uuid.UUID, list[Move]] = {}
    for record_id, shop_id in rows:
        by_shop.setdefault(shop_id, []).append(
            Move(record_id, RecordState.forfeited, FORFEIT_DEADLINE)
        )
    count = 0
    for shop_id, moves in by_shop.items():
        done = await move(session, shop_id, moves, actor="system:taxfree-deadline", now=now)
        count += len(done)
        await _tell_many(session, done, "forfeited")
    if count:
        log.info("taxfree.forfeited_overdue", records=count)
    return count


# --- Refund ---------------------------------------------------------------------------------


def refund_operation_id(record_id: uuid.UUID) -> uuid.UUID:
    """The ledger operation of a record's refund: one id per record, so a retry cannot post a
    second one (the operation's primary key refuses it)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"omotenashi:tax-free-refund:{record_id}")


class CardRefunder(Protocol):
    """What the refund needs of the payment provider (``payments.provider``)."""

    async def refund(self, *, payment_intent: str, amount: int, top_up_id: str) -> Any: ...


async def refund(
    session: AsyncSession,
    record_id: uuid.UUID,
    *,
    card: CardRefunder | None = None,
    now: datetime | None = None,
) -> TaxFreeRecord | None:
    """Pay a confirmed record's refund, net of the shop's fee, exactly once: the record is
    locked, the wallet transfer's operation id is the record's own, and the card refund's
    idempotency key is the record's, so a retry after a crash finds it done. None when the
    record is not due (refunded already, forfeited, unknown)."""
    now = now or datetime.now(UTC)
    found = await session.scalar(
        select(TaxFreeRecord)
        .where(TaxFreeRecord.id == record_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if found is None or found.state is not RecordState.confirmed:
        return None
    amount = found.tax - found.fee
    reference: str
    if amount <= 0:
        reference = "no-refund-after-fee"
    elif found.refund_method is RefundMethod.card and found.card_payment:
        if card is None:
            raise NtaUnavailableError("The payment provider is not configured.")
        answer = await card.refund(
            payment_intent=found.card_payment, amount=amount, top_up_id=f"tax-free-{found.id}"
        )
        reference = str(getattr(answer, "refund_id", "card"))
    else:
        if found.visitor_id is None:
            log.info("taxfree.refund_without_wallet", record_id=str(record_id))
            return None
        operation_id = refund_operation_id(found.id)
        exists = await session.scalar(
            sa.text("SELECT 1 FROM payment_operations WHERE id = :id"), {"id": operation_id}
        )
        if not exists:
            wallet = await ledger.account(session, AccountKind.wallet, visitor_id=found.visitor_id)
            merchant = await ledger.account(
                session, AccountKind.merchant, servicer_id=found.servicer_id
            )
            posted = await ledger.post(
                session,
                Operation(
                    kind=OperationKind.tax_free_refund,
                    amount=amount,
                    id=operation_id,
                    servicer_id=found.servicer_id,
                    wallet_id=wallet,
                    subject=found.subject,
                    actor="system:taxfree",
                    description=f"免税 {found.transmission_number}",
                ),
                [Transfer(debit=merchant, credit=wallet, amount=amount)],
            )
            assert posted is not None, "a merchant account has no floor"
        reference = str(operation_id)
    found.refund_reference = reference
    await session.flush()
    await move(
        session,
        found.servicer_id,
        [Move(found.id, RecordState.refunded)],
        actor="system:taxfree",
        now=now,
    )
    await _tell_many(session, [found.id], "refunded")
    await session.refresh(found)
    log.info("taxfree.refunded", record_id=str(record_id))
    return found


async def refund_queue(session: AsyncSession, servicer_id: uuid.UUID) -> list[TaxFreeRecord]:
    return await shop_records(session, servicer_id, RecordState.confirmed)


# --- Telling the visitor --------------------------------------------------------------------


async def _tell_many(session: AsyncSession, record_ids: Sequence[uuid.UUID], what: str) -> None:
    if record_ids:
        await jobs.enqueue_many(
            session, TELL_JOB, [{"record_id": str(i), "what": what} for i in record_ids]
        )


async def due_reminders(session: AsyncSession, now: datetime | None = None) -> int:
    """Queue the 14- and 3-day reminders of open records not yet reminded at that step."""
    now = now or datetime.now(UTC)
    today = now.astimezone(JST).date()
    count = 0
    for step, days in enumerate(REMINDER_DAYS, start=1):
        ids = list(
            await session.scalars(
                sa.update(TaxFreeRecord)
                .where(
                    TaxFreeRecord.state.in_(OPEN_STATES),
                    TaxFreeRecord.visitor_id.is_not(None),
                    TaxFreeRecord.deadline <= today + timedelta(days=days),
                    TaxFreeRecord.deadline >= today,
                    TaxFreeRecord.reminders_sent < step,
                )
                .values(reminders_sent=step)
                .returning(TaxFreeRecord.id)
            )
        )
        await _tell_many(session, ids, f"reminder_{days}")
        count += len(ids)
    return count


async def purge_expired(session: AsyncSession, now: datetime | None = None) -> int:
    """Delete records past their seven years (with their items and history)."""
    today = (now or datetime.now(UTC)).astimezone(JST).date()
    result = await session.execute(
        sa.delete(TaxFreeRecord).where(TaxFreeRecord.retain_until < today)
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        log.info("taxfree.records_purged", records=count)
    return count


async def record_for_visitor(
    session: AsyncSession, visitor_id: uuid.UUID, record_id: uuid.UUID
) -> TaxFreeRecord | None:
    return await session.scalar(
        select(TaxFreeRecord).where(
            TaxFreeRecord.id == record_id, TaxFreeRecord.visitor_id == visitor_id
        )
    )


def pairwise_subject(keys: PlatformKeys, servicer_id: uuid.UUID, visitor_id: uuid.UUID) -> str:
    return subject_id(pairwise_key(keys.derivation), servicer_id, visitor_id)
