"""Carrier rules: linking cards, tags and phones to a visitor, recognising them at a touchpoint,
and revoking them (a lost card stops working at once).

Keys
    Two keys are derived from the platform's derivation key with HKDF-SHA256 (no salt: the key
    is already uniformly random), one per use, so that neither can stand in for the other:
    ``b"omotenashi carrier lookup v1"`` for card hashes and ``b"omotenashi carrier device secret
    v1"`` for sealing device secrets. Build them once per process with
    :meth:`CarrierKeys.from_platform`.

Cards and tags
    An IC card's IDm or a tag's UID is stored only as ``HMAC-SHA256(lookup key, kind || 0x00 ||
    id bytes)``. The platform can find the visitor for a card it is shown, but a copy of the table
    gives back no card number, and without the key even the small IDm space cannot be searched
    offline.

Phones (rotating QR)
    The server must hold the device secret itself to check a MAC; a hash of it would be useless.
    It is sealed with AES-256-GCM under the derived sealing key and bound to the carrier id:

    - not raw, because a leaked dump or backup would then let anyone mint codes for every phone;
    - not under the visitor's own data key, because that would add a row read and a key unwrap to
      every scan and buy nothing: erasing a visitor already deletes their carrier rows.

Master key rotation
    Card hashes cannot be recomputed without the cards, so these keys come from the derivation
    key (:attr:`PlatformKeys.derivation`), which a master key rotation leaves as it is: cards,
    tags and phones keep working. ``master_key_id`` records the id of the derivation key each
    row used.

QR payload (version 1), what the phone computes offline, like TOTP::

    step   = floor(unix_time_seconds / 30)                        # unsigned, 4 bytes big-endian
    id     = the carrier id as 16 bytes (RFC 4122 byte order, as written in the UUID text)
    mac    = HMAC-SHA256(secret, "OM1" || id || step)[0:10]       # "OM1" is the 3 ASCII bytes
    text   = "OM1." || base32(id || step || mac)                  # RFC 4648, A-Z 2-7, no padding

The 30-byte body is exactly 48 base32 characters, so the whole code is 52 characters, all in
the QR alphanumeric set (a version 3 symbol at level M). In JavaScript::

    const key = await crypto.subtle.importKey("raw", secret, {name: "HMAC", hash: "SHA-256"},
                                              false, ["sign"]);
    const step = Math.floor(Date.now() / 30000);
    const stepBytes = new Uint8Array(4); new DataView(stepBytes.buffer).setUint32(0, step);
    const msg = concat(new TextEncoder().encode("OM1"), id, stepBytes);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, msg)).slice(0, 10);
    const text = "OM1." + base32(concat(id, stepBytes, mac));

The server accepts a code during its own step and the next one (at most 60 seconds), once: the
first use is recorded in ``qr_uses`` in the caller's transaction, and the primary key makes every
server agree on which use was first.

QR payload (version 2): version 1 shows the carrier id in clear, so two servicers who both scan
one phone could link the visitor. Version 2 hides it from everyone but the platform, still
offline: the phone seals the id to the platform's QR key (an ECDH P-256 key derived from the
derivation key, given to the phone when it is set up) with a fresh ephemeral key per code::

    eph    = a fresh P-256 key pair; E = its public point, compressed (33 bytes)
    shared = ECDH(eph, platform QR key)                              # the x coordinate
    k      = HKDF-SHA256(shared, salt="", info="OM2" || E || step, 16 bytes)
    sealed = id XOR k
    mac    = HMAC-SHA256(secret, "OM2" || E || step || id)[0:12]
    text   = "OM2." || base32(E || step || sealed || mac)           # 65 bytes: 104 characters

Every code looks random to anyone without the platform's key; the platform opens ``sealed``,
checks the MAC with the phone's secret, and applies the same window and single use. Phones set
up before version 2 keep showing version 1 codes, which stay accepted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import struct
import uuid
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import sqlalchemy as sa
import structlog
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n, jobs
from omotenashi.carriers import queries
from omotenashi.carriers.errors import (
    CarrierNotFoundError,
    InvalidCarrierError,
    QrReplayedError,
)
from omotenashi.carriers.models import Carrier, CarrierKind, QrUse
from omotenashi.db import Executor, HotExecutor
from omotenashi.errors import FieldError
from omotenashi.i18n.markers import N_
from omotenashi.mail import service as mail
from omotenashi.security import ratelimit
from omotenashi.security.encryption import DataKey, DecryptionError
from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.text import unstorable_fields
from omotenashi.visitors import queries as visitors_queries
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor

log = structlog.get_logger(__name__)

LOOKUP_INFO = b"omotenashi carrier lookup v1"
SEALING_INFO = b"omotenashi carrier device secret v1"

QR_VERSION = "OM1"
QR_PREFIX = QR_VERSION + "."
QR2_VERSION = "OM2"
QR2_PREFIX = QR2_VERSION + "."
QR_PREFIXES = (QR_PREFIX, QR2_PREFIX)  # how a scanned text is told from a card number
QR2_MAC_BYTES = 12
QR_KEY_INFO = b"omotenashi qr ecdh v1"
_QR2_BODY = struct.Struct(">33sI16s12s")
_QR2_TEXT_CHARS = _QR2_BODY.size * 8 // 5
QR_STEP_SECONDS = 30
QR_MAC_BYTES = 10
QR_SECRET_BYTES = 32
_QR_BODY = struct.Struct(">16sI10s")
_QR_TEXT_CHARS = _QR_BODY.size * 8 // 5

# How long an accepted code is remembered: comfortably past its 60 seconds of validity.
QR_USE_RETENTION = timedelta(minutes=5)

_CARD_FIELDS = {CarrierKind.ic_card: "idm", CarrierKind.nfc_tag: "uid"}
_CARD_BYTES = {CarrierKind.ic_card: (8,), CarrierKind.nfc_tag: (4, 7, 10)}
_CARD_FORMATS = {
    CarrierKind.ic_card: "An IC card IDm is 16 hexadecimal digits.",
    CarrierKind.nfc_tag: "An NFC tag UID is 4, 7 or 10 bytes: 8, 14 or 20 hexadecimal digits.",
}
_SEPARATORS = re.compile(r"[\s:\-]")
# Test IC cards: IDms whose manufacturer code (the first two bytes) is FF FF. The platform
# links them only to sandbox visitors, and a sandbox visitor only them, so a test card can never
# stand for a real one, nor a real card reach a sandbox.
TEST_IDM_PREFIX = bytes.fromhex("FFFF")


def is_test_card(kind: CarrierKind, card_id: bytes) -> bool:
    """Whether ``card_id`` is in the reserved test range (IC cards only)."""
    return kind is CarrierKind.ic_card and card_id.startswith(TEST_IDM_PREFIX)


def new_test_idm() -> str:
    """A fresh test IC card IDm (16 hexadecimal digits, ``FFFF`` then 48 random bits)."""
    return (TEST_IDM_PREFIX + secrets.token_bytes(6)).hex().upper()


_HEX = re.compile(r"[0-9A-F]*")
LABEL_MAX = 100

TELL_HOLDER_JOB = "carriers.tell_holder"
HOLDER_SUBJECT = N_("Someone tried to link your card")
HOLDER_BODY = N_(
    "Someone tried to link a card or tag that is linked to your Omotenashi Cloud pass "
    "(“{label}”) to another account. It was not linked to them: your card works as before.\n\n"
    "If you gave the card away or have lost it, turn it off under My pass: {link}\n"
    "Otherwise you need do nothing."
)
# Card links a visitor may ask for: enough to link a family's cards in one go; too few to
# test card numbers one after another.
LINKS_PER_VISITOR = ratelimit.Limit(per_minute=1, burst=5)


def links_by(visitor_id: uuid.UUID) -> str:
    """The rate-limit key of a visitor's card links."""
    return f"card-links:{visitor_id}"


def _derive(material: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(material)


class CarrierKeys:
    """The keys of this domain, derived from the platform's derivation key. Never shows its
    material."""

    __slots__ = ("_lookup", "_qr_key", "_sealing", "master_key_id", "qr_public_key")

    def __init__(self, root: MasterKey) -> None:
        self.master_key_id = root.key_id
        self._lookup = _derive(root.material, LOOKUP_INFO)
        self._sealing = DataKey(_derive(root.material, SEALING_INFO))
        self._qr_key = qr_private_key(_derive(root.material, QR_KEY_INFO))
        # Uncompressed (65 bytes), as WebCrypto imports a raw P-256 public key.
        self.qr_public_key = self._qr_key.public_key().public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint
        )

    def open_qr_id(self, ephemeral: bytes, step: int, sealed: bytes) -> bytes | None:
        """The carrier id a version 2 code seals, or None for a point that is not one."""
        try:
            point = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), ephemeral)
        except ValueError:
            return None
        shared = self._qr_key.exchange(ec.ECDH(), point)
        return bytes(a ^ b for a, b in zip(sealed, _qr2_pad(shared, ephemeral, step), strict=True))

    @classmethod
    def from_platform(cls, keys: PlatformKeys) -> CarrierKeys:
        """The platform's carrier keys, derived once per process and derivation key."""
        return _derived_from(keys.derivation)

    def lookup_hash(self, kind: CarrierKind, card_id: bytes) -> bytes:
        message = kind.value.encode() + b"\x00" + card_id
        return hmac.new(self._lookup, message, hashlib.sha256).digest()

    def seal_secret(self, carrier_id: uuid.UUID, secret: bytes) -> bytes:
        return self._sealing.encrypt(secret, context=_secret_context(carrier_id))

    def unseal_secret(self, carrier_id: uuid.UUID, sealed: bytes) -> bytes:
        return self._sealing.decrypt(sealed, context=_secret_context(carrier_id))

    def __repr__(self) -> str:
        return f"CarrierKeys(master_key_id={self.master_key_id!r})"


def qr_private_key(seed: bytes) -> ec.EllipticCurvePrivateKey:
    """A P-256 private key from 32 uniformly random bytes (reduced into the curve's range)."""
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    return ec.derive_private_key(int.from_bytes(seed, "big") % (order - 1) + 1, ec.SECP256R1())


def _qr2_pad(shared: bytes, ephemeral: bytes, step: int) -> bytes:
    info = QR2_VERSION.encode() + ephemeral + struct.pack(">I", step)
    return HKDF(algorithm=hashes.SHA256(), length=16, salt=b"", info=info).derive(shared)


def _qr2_mac(secret: bytes, ephemeral: bytes, step: int, carrier_id: bytes) -> bytes:
    message = QR2_VERSION.encode() + ephemeral + struct.pack(">I", step) + carrier_id
    return hmac.new(secret, message, hashlib.sha256).digest()[:QR2_MAC_BYTES]


def qr2_payload(
    carrier_id: uuid.UUID,
    secret: bytes,
    platform_key: bytes,
    at: datetime,
    ephemeral: ec.EllipticCurvePrivateKey | None = None,
) -> str:
    """The version 2 code a phone shows at ``at`` (``platform_key``: the uncompressed P-256
    point the phone was given); a fresh ephemeral key unless one is given (test vectors)."""
    step = qr_step(at)
    ephemeral = ephemeral or ec.generate_private_key(ec.SECP256R1())
    point = ephemeral.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    server = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), platform_key)
    shared = ephemeral.exchange(ec.ECDH(), server)
    pad = _qr2_pad(shared, point, step)
    sealed = bytes(a ^ b for a, b in zip(carrier_id.bytes, pad, strict=True))
    mac = _qr2_mac(secret, point, step, carrier_id.bytes)
    return QR2_PREFIX + base64.b32encode(_QR2_BODY.pack(point, step, sealed, mac)).decode("ascii")


@lru_cache(maxsize=8)
def _derived_from(root: MasterKey) -> CarrierKeys:
    # Keyed by the whole key (id and material), so a different key never gets stale keys.
    return CarrierKeys(root)


def _secret_context(carrier_id: uuid.UUID) -> bytes:
    return f"carrier:{carrier_id}:device_secret".encode()


# The statements that scope carrier rows; every read goes through one of them.


def owned_by(visitor_id: uuid.UUID) -> sa.Select[Carrier]:
    """A visitor's own carriers, revoked ones included."""
    return sa.select(Carrier).where(Carrier.visitor_id == visitor_id)


def _live() -> sa.Select[Carrier]:
    """Carriers a touchpoint may recognise: not revoked, of a visitor who is not erased."""
    return (
        sa.select(Carrier)
        .join(Visitor, Visitor.id == Carrier.visitor_id)
        .where(queries.live(), visitors_queries.live())
    )


# Whose live card or tag has this hash: all a touchpoint needs, read on every resolve, so the
# statement is built once and returns a plain id rather than a Carrier.
_CARD_HOLDER = (
    queries.card_holder(sa.bindparam("kind"), sa.bindparam("lookup_hash"))
    .join(Visitor, Visitor.id == Carrier.visitor_id)
    .where(visitors_queries.live())
)


def _parse_card_id(kind: CarrierKind, raw_id: str) -> bytes | FieldError:
    if kind not in _CARD_FIELDS:
        return FieldError("kind", "Only IC cards and NFC tags have an id to read.", "invalid")
    text = _SEPARATORS.sub("", raw_id).upper()
    if not _HEX.fullmatch(text) or len(text) // 2 not in _CARD_BYTES[kind] or len(text) % 2:
        return FieldError(_CARD_FIELDS[kind], _CARD_FORMATS[kind], "invalid_format")
    return bytes.fromhex(text)


def parse_card_id(kind: CarrierKind, raw_id: str) -> bytes:
    """The card's id as bytes, from hex written with or without spaces, colons or dashes.
    A malformed one is an :class:`InvalidCarrierError` naming ``idm`` or ``uid``."""
    parsed = _parse_card_id(kind, raw_id)
    if isinstance(parsed, FieldError):
        raise InvalidCarrierError(fields=[parsed])
    return parsed


def _label_errors(label: str) -> list[FieldError]:
    if unstorable := unstorable_fields(label=label):
        return unstorable
    if not label.strip():
        return [FieldError("label", "Give the carrier a name you will recognise.", "required")]
    if len(label.strip()) > LABEL_MAX:
        return [FieldError("label", f"Use at most {LABEL_MAX} characters.", "too_long")]
    return []


async def link_card(
    session: AsyncSession,
    keys: CarrierKeys,
    visitor_id: uuid.UUID,
    kind: CarrierKind,
    raw_id: str,
    label: str,
) -> Carrier | None:
    """Link an IC card or NFC tag to a visitor; only its keyed hash is stored. The new carrier,
    or None when the card is already linked (and not revoked): to this visitor, nothing
    changes; to another, its holder is told (:func:`tell_holder`, a job) and it stays theirs.

    The caller must answer both the same way: whether a card is known to the platform is the
    holder's to know, not the business of whoever types its number."""
    parsed = _parse_card_id(kind, raw_id)
    errors = _label_errors(label)
    if isinstance(parsed, FieldError):
        errors.insert(0, parsed)
    if errors:
        raise InvalidCarrierError(fields=errors)
    assert isinstance(parsed, bytes)
    visitor = await visitors.get(session, visitor_id)
    if is_test_card(kind, parsed) == visitor.live:
        raise InvalidCarrierError(
            fields=[
                FieldError(
                    _CARD_FIELDS[kind],
                    "Test cards (IDm FFFF…) belong to sandbox visitors only."
                    if visitor.live
                    else "A sandbox visitor takes only a test IC card (IDm FFFF…).",
                    "test_card",
                )
            ]
        )
    lookup_hash = keys.lookup_hash(kind, parsed)
    statement = (
        insert(Carrier)
        .values(
            id=uuid.uuid4(),
            visitor_id=visitor_id,
            kind=kind,
            label=label.strip(),
            lookup_hash=lookup_hash,
            master_key_id=keys.master_key_id,
            live=visitor.live,
        )
        .on_conflict_do_nothing(
            index_elements=[Carrier.kind, Carrier.lookup_hash],
            index_where=Carrier.revoked_at.is_(None),
        )
        .returning(Carrier)
    )
    carrier = await session.scalar(statement)
    if carrier is not None:
        log.info(
            "carrier.linked", carrier_id=str(carrier.id), visitor_id=str(visitor_id), kind=kind
        )
        return carrier
    holder = (
        await session.execute(
            _live()
            .with_only_columns(Carrier.id, Carrier.visitor_id)
            .where(Carrier.kind == kind, Carrier.lookup_hash == lookup_hash)
        )
    ).one_or_none()
    if holder is not None and holder.visitor_id != visitor_id:
        await jobs.enqueue(session, TELL_HOLDER_JOB, {"carrier_id": str(holder.id)})
        log.warning("carrier.link_refused", carrier_id=str(holder.id), visitor_id=str(visitor_id))
    return None


async def tell_holder(
    session: AsyncSession, keys: PlatformKeys, carrier_id: uuid.UUID, *, site: str
) -> bool:
    """E-mail the holder of a live card or tag that someone else tried to link, in their
    language, at the address in their profile. False when there is none to write to (the
    carrier revoked or erased since, or no address in the profile)."""
    carrier = await session.scalar(_live().where(Carrier.id == carrier_id))
    if carrier is None:
        return False
    visitor = await visitors.get(session, carrier.visitor_id)
    profile = await visitors.read_profile(session, keys.keyring, visitor.id, keys=["email"])
    if not profile.get("email"):
        log.info("carrier.holder_unreachable", carrier_id=str(carrier_id))
        return False
    gettext = i18n.translations(visitor.language).gettext
    await mail.enqueue(
        session,
        keys.derivation,
        to=str(profile["email"]),
        subject=gettext(HOLDER_SUBJECT),
        body=gettext(HOLDER_BODY).format(label=carrier.label, link=f"{site}/pass#cards"),
    )
    log.info("carrier.holder_told", carrier_id=str(carrier_id))
    return True


async def find_visitor_by_card(
    session: AsyncSession, keys: CarrierKeys, kind: CarrierKind, raw_id: str
) -> tuple[Carrier, uuid.UUID]:
    """The live carrier and its visitor for a card or tag presented at a touchpoint. Unknown,
    revoked and erased all raise the same :class:`CarrierNotFoundError`."""
    card_id = parse_card_id(kind, raw_id)
    carrier = await session.scalar(
        _live().where(Carrier.kind == kind, Carrier.lookup_hash == keys.lookup_hash(kind, card_id))
    )
    if carrier is None:
        raise CarrierNotFoundError()
    return carrier, carrier.visitor_id


async def visitor_by_card(
    session: AsyncSession, keys: CarrierKeys, kind: CarrierKind, raw_id: str
) -> uuid.UUID:
    """The visitor of the live card or tag presented at a touchpoint, as
    :func:`find_visitor_by_card` finds it, without loading the carrier itself."""
    card_id = parse_card_id(kind, raw_id)
    visitor_id: uuid.UUID | None = await session.scalar(
        _CARD_HOLDER, {"kind": kind, "lookup_hash": keys.lookup_hash(kind, card_id)}
    )
    if visitor_id is None:
        raise CarrierNotFoundError()
    return visitor_id


async def register_device(
    session: AsyncSession, keys: CarrierKeys, visitor_id: uuid.UUID, label: str
) -> tuple[Carrier, bytes]:
    """Register a phone for rotating QR codes. The 32-byte secret is returned this once, for
    the phone to keep; the platform stores it only sealed."""
    errors = _label_errors(label)
    if errors:
        raise InvalidCarrierError(fields=errors)
    visitor = await visitors.get(session, visitor_id)
    secret = secrets.token_bytes(QR_SECRET_BYTES)
    carrier_id = uuid.uuid4()
    carrier = Carrier(
        id=carrier_id,
        visitor_id=visitor_id,
        kind=CarrierKind.qr_device,
        label=label.strip(),
        sealed_secret=keys.seal_secret(carrier_id, secret),
        master_key_id=keys.master_key_id,
        live=visitor.live,
    )
    session.add(carrier)
    await session.flush()
    log.info("carrier.device_registered", carrier_id=str(carrier_id), visitor_id=str(visitor_id))
    return carrier, secret


def qr_step(at: datetime) -> int:
    """The 30-second time step ``at`` falls in (Unix time based, like TOTP)."""
    if at.tzinfo is None:
        raise ValueError("a timezone-aware time is required")
    return int(at.timestamp()) // QR_STEP_SECONDS


def _qr_mac(secret: bytes, carrier_id: bytes, step: int) -> bytes:
    message = QR_VERSION.encode() + carrier_id + struct.pack(">I", step)
    return hmac.new(secret, message, hashlib.sha256).digest()[:QR_MAC_BYTES]


def qr_payload(carrier_id: uuid.UUID, secret: bytes, at: datetime) -> str:
    """The code a phone shows at ``at``; see the module docstring for the format."""
    step = qr_step(at)
    body = _QR_BODY.pack(carrier_id.bytes, step, _qr_mac(secret, carrier_id.bytes, step))
    return QR_PREFIX + base64.b32encode(body).decode("ascii")


def _parse_qr(payload: str) -> tuple[uuid.UUID, int, bytes] | None:
    text = payload.strip().upper()
    if not text.startswith(QR_PREFIX) or len(text) != len(QR_PREFIX) + _QR_TEXT_CHARS:
        return None
    try:
        body = base64.b32decode(text[len(QR_PREFIX) :])
    except (binascii.Error, ValueError):
        return None
    carrier_id, step, mac = _QR_BODY.unpack(body)
    return uuid.UUID(bytes=carrier_id), step, mac


# The live phone a code names, as plain columns: read on every QR resolve.
_QR_DEVICE = (
    _live()
    .with_only_columns(Carrier.id, Carrier.visitor_id, Carrier.sealed_secret)
    .where(Carrier.id == sa.bindparam("carrier_id"), Carrier.kind == CarrierKind.qr_device)
)


async def verify_qr(
    session: Executor, keys: CarrierKeys, payload: str, now: datetime
) -> tuple[uuid.UUID, uuid.UUID]:
    """The live phone carrier's id and its visitor's for a scanned code, recording its use.

    Garbled, expired, forged, unknown, revoked or erased: :class:`CarrierNotFoundError`, the same
    as an unknown card. A code already used (by this server or any other): :class:`QrReplayedError`.
    """
    carrier_id, step, visitor_id = await check_qr(session, keys, payload, now)
    first_use = await session.scalar(
        queries.first_uses(
            sa.select(sa.literal(carrier_id, sa.Uuid), sa.literal(step, sa.BigInteger))
        )
    )
    if first_use is None:
        log.warning("carrier.qr_replayed", carrier_id=str(carrier_id), step=step)
        raise QrReplayedError()
    return carrier_id, visitor_id


async def check_qr(
    session: HotExecutor, keys: CarrierKeys, payload: str, now: datetime
) -> tuple[uuid.UUID, int, uuid.UUID]:
    """The live phone carrier's id, the code's time step and the visitor's id, if the code is
    genuine and current; :class:`CarrierNotFoundError` as :func:`verify_qr` says. Its use is
    not recorded: the caller must record it (``qr_uses``, whose key refuses a second one)."""
    current = qr_step(now)
    parsed2 = _parse_qr2(payload)
    if parsed2 is not None:
        return await _check_qr2(session, keys, parsed2, current)
    parsed = _parse_qr(payload)
    if parsed is None or parsed[1] not in (current, current - 1):
        raise CarrierNotFoundError()
    carrier_id, step, mac = parsed
    carrier = (await session.execute(_QR_DEVICE, {"carrier_id": carrier_id})).one_or_none()
    if carrier is None or carrier.sealed_secret is None:
        raise CarrierNotFoundError()
    try:
        secret = keys.unseal_secret(carrier.id, carrier.sealed_secret)
    except DecryptionError:
        log.warning("carrier.secret_unreadable", carrier_id=str(carrier.id))
        raise CarrierNotFoundError() from None
    if not hmac.compare_digest(mac, _qr_mac(secret, carrier_id.bytes, step)):
        raise CarrierNotFoundError()
    return carrier.id, step, carrier.visitor_id


def _parse_qr2(payload: str) -> tuple[bytes, int, bytes, bytes] | None:
    text = payload.strip().upper()
    if not text.startswith(QR2_PREFIX) or len(text) != len(QR2_PREFIX) + _QR2_TEXT_CHARS:
        return None
    try:
        body = base64.b32decode(text[len(QR2_PREFIX) :])
    except (binascii.Error, ValueError):
        return None
    ephemeral, step, sealed, mac = _QR2_BODY.unpack(body)
    return ephemeral, step, sealed, mac


async def _check_qr2(
    session: HotExecutor,
    keys: CarrierKeys,
    parsed: tuple[bytes, int, bytes, bytes],
    current: int,
) -> tuple[uuid.UUID, int, uuid.UUID]:
    ephemeral, step, sealed, mac = parsed
    if step not in (current, current - 1):
        raise CarrierNotFoundError()
    opened = keys.open_qr_id(ephemeral, step, sealed)
    if opened is None:
        raise CarrierNotFoundError()
    carrier_id = uuid.UUID(bytes=opened)
    carrier = (await session.execute(_QR_DEVICE, {"carrier_id": carrier_id})).one_or_none()
    if carrier is None or carrier.sealed_secret is None:
        raise CarrierNotFoundError()
    try:
        secret = keys.unseal_secret(carrier.id, carrier.sealed_secret)
    except DecryptionError:
        log.warning("carrier.secret_unreadable", carrier_id=str(carrier.id))
        raise CarrierNotFoundError() from None
    if not hmac.compare_digest(mac, _qr2_mac(secret, ephemeral, step, opened)):
        raise CarrierNotFoundError()
    return carrier.id, step, carrier.visitor_id


async def list_carriers(session: AsyncSession, visitor_id: uuid.UUID) -> list[Carrier]:
    """A visitor's carriers, oldest first, revoked ones included (with ``revoked_at``)."""
    await visitors.get(session, visitor_id)
    rows = await session.scalars(owned_by(visitor_id).order_by(Carrier.created_at, Carrier.id))
    return list(rows.all())


async def revoke(session: AsyncSession, visitor_id: uuid.UUID, carrier_id: uuid.UUID) -> Carrier:
    """Stop a carrier from working, from this transaction's commit on. Revoking again changes
    nothing; another visitor's carrier is not found."""
    carrier = await session.scalar(
        owned_by(visitor_id).where(Carrier.id == carrier_id).with_for_update()
    )
    if carrier is None:
        raise CarrierNotFoundError()
    if carrier.revoked_at is None:
        carrier.revoked_at = datetime.now(UTC)
        await session.flush()
        log.info("carrier.revoked", carrier_id=str(carrier_id), visitor_id=str(visitor_id))
    return carrier


async def purge_qr_uses(session: AsyncSession, older_than: timedelta = QR_USE_RETENTION) -> int:
    """Forget accepted codes used more than ``older_than`` ago; they have long expired."""
    result = await session.execute(
        sa.delete(QrUse).where(QrUse.used_at < sa.func.now() - older_than)
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    log.info("carrier.qr_uses_purged", rows=count)
    return count


async def live_carriers_by_key_id(session: AsyncSession) -> dict[str, int]:
    """How many live carriers each derivation key made (by key id). A carrier made under a key
    other than the platform's present derivation key would never be recognised again."""
    rows = await session.execute(
        _live()
        .with_only_columns(Carrier.master_key_id, sa.func.count())
        .group_by(Carrier.master_key_id)
    )
    return {str(key_id): int(n) for key_id, n in rows.all()}
