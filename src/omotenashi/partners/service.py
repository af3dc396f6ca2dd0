"""Partner rules: an agency's bulk pre-registration, its invitations, and the traveller's answer.

An import is checked row by row; good rows are kept, each bad row is named with its reason, and
a party whose lead traveller is refused is refused whole (its minors have nobody to confirm for
them). Rows go into a staging table by COPY and into the invitations by set-based statements, so
100,000 rows take seconds, all in the caller's transaction: nothing is half-stored.

What the agency supplied is sealed in the invitation with a key of its own. Nobody reads it but
the traveller holding the link (the agency sees states and counts only). When the traveller
confirms, what they kept becomes their profile and the sealed copy is deleted; an invitation
that expires or is withdrawn is emptied the same way.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
import structlog
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n, jobs
from omotenashi.errors import FieldError
from omotenashi.japan import JST
from omotenashi.partners.errors import (
    InvalidAnswerError,
    InvitationClosedError,
    InvitationNotFoundError,
    NotAnAgencyError,
)
from omotenashi.partners.formats import ImportFormat, RawTraveller, read
from omotenashi.partners.models import OPEN_STATES, Invitation, InvitationState, PartnerImport
from omotenashi.resolve import queries as resolve_queries
from omotenashi.security import audit
from omotenashi.security.encryption import DataKey, Keyring, WrappedKey
from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import Servicer, ServicerCategory, ServicerState
from omotenashi.servicers.purposes import INVITATION_ACCEPTED, INVITATION_OPENED, INVITATION_SENT
from omotenashi.visitors import catalogue
from omotenashi.visitors import service as visitors

log = structlog.get_logger(__name__)

INVITE_JOB = "partners.invite"
REMIND_JOB = "partners.remind"
ADULT_AGE = 18
# An invitation may be answered until this long after the arrival day ends (JST).
VALID_AFTER_ARRIVAL = timedelta(days=3)
# A traveller who has not answered is reminded this long before arrival.
REMIND_BEFORE_ARRIVAL = timedelta(days=3)
# Invitations per mail job: a job opens each and queues its e-mail, so a 100,000-row import
# queues a few hundred jobs in its transaction, not one per traveller.
INVITE_BATCH = 500
# Refused rows kept on the import's record (each names its row; no values).
MAX_REFUSALS_KEPT = 10_000


# --- Who may invite ---------------------------------------------------------------------------


async def agency(session: AsyncSession, servicer_id: uuid.UUID) -> Servicer:
    """The servicer, if it is an approved travel agency."""
    servicer = await servicers.get(session, servicer_id)
    if (
        servicer.category is not ServicerCategory.travel_agency
        or servicer.state is not ServicerState.approved
    ):
        raise NotAnAgencyError()
    return servicer


# --- Links --------------------------------------------------------------------------------------


def _token_key(root: MasterKey) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"omotenashi invitation link v1"
    ).derive(root.material)


class LinkMaker:
    """An invitation's token, derived from its id (so the agency's console can print the link
    again) and stored only as its digest."""

    def __init__(self, root: MasterKey) -> None:
        self._key = _token_key(root)

    def token(self, invitation_id: uuid.UUID) -> str:
        mac = hmac.new(self._key, invitation_id.bytes, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac[:24]).decode()


def digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def invitation_path(token: str) -> str:
    return f"/invite/{token}"


# --- Checking rows ------------------------------------------------------------------------------

# Where the catalogue's error paths point, in the agency's own field names.
_FIELD_NAMES = (
    ("stay.lodging_municipality", "lodging_municipality"),
    ("stay.arrival", "arrival"),
    ("stay.departure", "departure"),
    ("stay", "arrival"),
    ("home_address", "address"),
    ("date_of_birth", "birth_date"),
    ("preferred_languages", "language"),
)


def _agency_field(path: str) -> str:
    for prefix, name in _FIELD_NAMES:
        if path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "["):
            return name + path[len(prefix) :] if prefix == "home_address" else name
    return path


@dataclass(frozen=True)
class Refusal:
    row: int
    field: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "reason": self.reason}


@dataclass
class Checked:
    row: int
    reference: str
    party: str
    lead: bool
    minor: bool
    language: str
    arrival: date
    departure: date
    values: dict[str, Any]  # catalogue attributes, normalised


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _short_text(value: object, name: str, problems: list[FieldError]) -> str:
    text = value.strip() if isinstance(value, str) else str(value) if isinstance(value, int) else ""
    if not text:
        problems.append(FieldError(name, "Required.", "required"))
    elif len(text) > 64 or "\x00" in text:
        problems.append(FieldError(name, "At most 64 characters.", "too_long"))
    return text


def check_row(raw: RawTraveller, today: date) -> Checked | list[FieldError]:
    """One traveller as the agency wrote them: the invitation's facts and the profile values,
    or every problem found (an agency fixes a row once, not once per problem)."""
    fields = raw.fields
    if "_shape" in fields:
        return [FieldError("row", f"The row {fields['_shape']}.", "invalid_row")]
    problems: list[FieldError] = []
    reference = _short_text(fields.get("reference"), "reference", problems)
    party = fields.get("party") or reference
    party = _short_text(party, "party", problems)
    tag = fields.get("language") or "en"
    values: dict[str, object] = {
        "name": fields.get("name"),
        "preferred_languages": [tag] if isinstance(tag, str) else tag,
        "stay": {
            k: fields[k]
            for k in ("arrival", "departure", "lodging_municipality")
            if fields.get(k) is not None
        },
    }
    for source, key in (
        ("email", "email"),
        ("phone", "phone"),
        ("birth_date", "date_of_birth"),
        ("nationality", "nationality"),
        ("address", "home_address"),
    ):
        if fields.get(source) not in (None, "", {}):
            values[key] = fields[source]
    if isinstance(fields.get("passport"), dict) and fields["passport"]:
        values["passport"] = {"document_type": "P", **fields["passport"]}
    elif fields.get("passport") not in (None, {}):
        problems.append(FieldError("passport", "Must be an object.", "invalid_type"))
    if values["name"] is None:
        problems.append(FieldError("name", "Required: at least the surname.", "required"))
        del values["name"]
    normalised, errors = catalogue.validate_profile(values, today=today)
    problems += [FieldError(_agency_field(e.field), e.message, e.code) for e in errors]
    stay = normalised.get("stay")
    if isinstance(stay, dict) and "arrival" in stay and "departure" in stay:
        arrival, departure = (
            date.fromisoformat(stay["arrival"]),
            date.fromisoformat(stay["departure"]),
        )
        if departure < today:
            problems.append(FieldError("departure", "The trip is over.", "past_trip"))
    else:
        arrival = departure = today
        if not any(p.field in ("arrival", "departure", "lodging_municipality") for p in problems):
            problems.append(
                FieldError("arrival", "Arrival and departure are required.", "required")
            )
    born = normalised.get("date_of_birth")
    minor = (
        _age_on(date.fromisoformat(born), arrival) < ADULT_AGE
        if isinstance(born, str)
        else fields.get("age_group") == "child"
    )
    lead = fields.get("lead") is True
    if minor and lead:
        problems.append(FieldError("lead", "A minor cannot lead a party.", "minor_lead"))
    if not minor and "email" not in normalised and not any(p.field == "email" for p in problems):
        problems.append(
            FieldError(
                "email", "An adult needs an e-mail address for their invitation.", "required"
            )
        )
    if problems:
        return problems
    language = i18n.negotiate(*normalised["preferred_languages"]).code
    return Checked(
        row=raw.row,
        reference=reference,
        party=party,
        lead=lead,
        minor=minor,
        language=language,
        arrival=arrival,
        departure=departure,
        values=normalised,
    )


def check_parties(
    checked: list[Checked], refused_parties: Mapping[str, bool] | None = None
) -> tuple[list[Checked], list[Refusal]]:
    """Bind companions to their lead: a party of one leads itself; a party needs one adult
    lead; the same reference twice in a file refuses the later rows. ``refused_parties`` names
    the parties that lost rows already, and whether a lost row was their lead."""
    refused_parties = refused_parties or {}
    refusals: list[Refusal] = []
    seen: set[str] = set()
    unique: list[Checked] = []
    for row in checked:
        if row.reference in seen:
            refusals.append(Refusal(row.row, "reference", "The same reference appears earlier."))
            continue
        seen.add(row.reference)
        unique.append(row)
    parties: dict[str, list[Checked]] = {}
    for row in unique:
        parties.setdefault(row.party, []).append(row)
    kept: list[Checked] = []
    for party, members in parties.items():
        if refused_parties.get(party):
            refusals += [
                Refusal(m.row, "party", "The party's lead traveller was refused.") for m in members
            ]
            continue
        if len(members) == 1 and not members[0].minor and party not in refused_parties:
            members[0].lead = True
        leads = [m for m in members if m.lead]
        if len(leads) != 1:
            why = "The party has no lead traveller." if not leads else "The party has two leads."
            refusals += [Refusal(m.row, "lead", why) for m in members]
            continue
        kept += members
    return kept, refusals


# --- Importing ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    record: PartnerImport
    invitations: int
    mailed: int
    refused: list[Refusal] = field(default_factory=list)


Progress = Callable[[str, int], None]  # (phase, rows done in it)

_STAGING_COLUMNS = (
    "row_no",
    "id",
    "reference",
    "party",
    "is_lead",
    "minor",
    "language",
    "arrival",
    "departure",
    "expires_at",
    "token_digest",
    "data_key",
    "master_key_id",
    "sealed",
    "supplied_keys",
)
_STAGING = """
CREATE TEMPORARY TABLE IF NOT EXISTS partner_import_staging (
    row_no integer NOT NULL,
    id uuid NOT NULL,
    reference text NOT NULL,
    party text NOT NULL,
    is_lead boolean NOT NULL,
    minor boolean NOT NULL,
    language text NOT NULL,
    arrival date NOT NULL,
    departure date NOT NULL,
    expires_at timestamptz NOT NULL,
    token_digest bytea,
    data_key bytea NOT NULL,
    master_key_id text NOT NULL,
    sealed bytea NOT NULL,
    supplied_keys text[] NOT NULL
) ON COMMIT DROP
"""
# References the agency already has an open invitation for: refused, not invited twice.
_ALREADY_OPEN = """
DELETE FROM partner_import_staging s
USING partner_invitations i
WHERE i.servicer_id = $1 AND i.reference = s.reference AND i.state IN ('sent', 'opened')
RETURNING s.row_no
"""
# Then the companions whose lead is gone.
_LEADERLESS = """
DELETE FROM partner_import_staging s
WHERE NOT s.is_lead
  AND s.party NOT IN (SELECT l.party FROM partner_import_staging l WHERE l.is_lead)
RETURNING s.row_no
"""
_INSERT = """
INSERT INTO partner_invitations (
    id, servicer_id, import_id, reference, party, lead_id, minor, language, arrival, departure,
    expires_at, state, state_changed_at, token_digest, data_key, master_key_id, sealed,
    supplied_keys, created_at
)
SELECT s.id, $1, $2, s.reference, s.party, CASE WHEN s.is_lead THEN NULL ELSE l.id END,
       s.minor, s.language, s.arrival, s.departure, s.expires_at, 'sent', $3, s.token_digest,
       s.data_key, s.master_key_id, s.sealed, s.supplied_keys, $3
FROM partner_import_staging s
JOIN partner_import_staging l ON l.party = s.party AND l.is_lead
RETURNING id, minor
"""


def expires_on(arrival: date) -> datetime:
    """The end (JST) of the last day an invitation may be answered."""
    return datetime.combine(arrival + VALID_AFTER_ARRIVAL, time(23, 59, 59), JST)


def _context(invitation_id: uuid.UUID) -> bytes:
    return f"invitation:{invitation_id}".encode()


async def import_travellers(
    session: AsyncSession,
    keys: PlatformKeys,
    servicer_id: uuid.UUID,
    data: bytes,
    form: ImportFormat,
    *,
    actor: str,
    progress: Progress | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Check every row of the file, invite the travellers of the good ones (one mail job per
    adult), and record what became of each row. A file that cannot be read at all is refused
    whole (:class:`formats.UnreadableFileError`)."""
    await agency(session, servicer_id)
    now = now or datetime.now(UTC)
    today = today or now.astimezone(JST).date()
    tick = progress or (lambda phase, done: None)
    refusals: list[Refusal] = []
    checked: list[Checked] = []
    refused_parties: dict[str, bool] = {}
    total = 0
    for raw in read(data, form):
        total += 1
        result = check_row(raw, today)
        if isinstance(result, Checked):
            checked.append(result)
        else:
            refusals += [Refusal(raw.row, e.field, e.message) for e in result]
            party = raw.fields.get("party") or raw.fields.get("reference")
            if isinstance(party, str):
                lead = raw.fields.get("lead") is True
                refused_parties[party.strip()] = refused_parties.get(party.strip(), False) or lead
        if total % 1000 == 0:
            tick("check", total)
    tick("check", total)
    kept, party_refusals = check_parties(checked, refused_parties)
    refusals += party_refusals

    record = PartnerImport(
        servicer_id=servicer_id, format=str(form), rows=total, accepted=0, refused=[], actor=actor
    )
    session.add(record)
    await session.flush()

    links = LinkMaker(keys.derivation)
    keyring = keys.keyring
    records = []
    for done, row in enumerate(kept, start=1):
        invitation_id = uuid.uuid4()
        data_key, wrapped = keyring.new_data_key()
        records.append(
            (
                row.row,
                invitation_id,
                row.reference,
                row.party,
                row.lead,
                row.minor,
                row.language,
                row.arrival,
                row.departure,
                expires_on(row.arrival),
                None if row.minor else digest(links.token(invitation_id)),
                wrapped.to_bytes(),
                wrapped.master_key_id,
                data_key.encrypt_json(row.values, context=_context(invitation_id)),
                sorted(row.values),
            )
        )
        if done % 1000 == 0:
            tick("seal", done)
    tick("seal", len(kept))

    connection = await session.connection()
    raw_connection = (await connection.get_raw_connection()).driver_connection
    assert raw_connection is not None
    await raw_connection.execute(_STAGING)
    await raw_connection.execute("TRUNCATE partner_import_staging")
    await raw_connection.copy_records_to_table(
        "partner_import_staging", records=records, columns=_STAGING_COLUMNS
    )
    await raw_connection.execute("ANALYZE partner_import_staging")  # plan the joins as hashes
    tick("store", len(records))
    by_row = {r[0]: r for r in records}
    duplicate = {row["row_no"] for row in await raw_connection.fetch(_ALREADY_OPEN, servicer_id)}
    tick("dedupe", len(duplicate))
    leaderless = {row["row_no"] for row in await raw_connection.fetch(_LEADERLESS)}
    tick("leaderless", len(leaderless))
    refusals += [
        Refusal(n, "reference", "An open invitation already has this reference.")
        for n in sorted(duplicate)
    ]
    refusals += [
        Refusal(n, "party", "The party's lead traveller was refused.") for n in sorted(leaderless)
    ]
    inserted = await raw_connection.fetch(_INSERT, servicer_id, record.id, now)
    tick("insert", len(inserted))
    await raw_connection.execute("TRUNCATE partner_import_staging")
    del by_row
    adults = [str(row["id"]) for row in inserted if not row["minor"]]
    await queue_mail(session, INVITE_JOB, adults)
    mailed = len(adults)
    tick("invite", len(inserted))

    refusals.sort(key=lambda r: (r.row, r.field))
    record.accepted = len(inserted)
    record.refused = [r.as_json() for r in refusals[:MAX_REFUSALS_KEPT]]
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="partners.imported",
        target=f"partner_import:{record.id}",
        details={"rows": total, "invited": len(inserted), "refused_rows": _rows(refusals)},
    )
    log.info(
        "partners.imported",
        servicer_id=str(servicer_id),
        import_id=str(record.id),
        rows=total,
        invited=len(inserted),
    )
    return ImportResult(record=record, invitations=len(inserted), mailed=mailed, refused=refusals)


def _rows(refusals: Iterable[Refusal]) -> int:
    return len({r.row for r in refusals})


# --- The agency's view: states and counts, never the profile -------------------------------------


async def counts(session: AsyncSession, servicer_id: uuid.UUID) -> dict[str, int]:
    """How many of the agency's invitations are in each state (every state named)."""
    rows = await session.execute(
        sa.select(Invitation.state, sa.func.count())
        .where(Invitation.servicer_id == servicer_id)
        .group_by(Invitation.state)
    )
    found = Counter({str(state): count for state, count in rows})
    return {str(state): found.get(str(state), 0) for state in InvitationState}


async def listing(
    session: AsyncSession, servicer_id: uuid.UUID, *, limit: int = 200, offset: int = 0
) -> list[Invitation]:
    rows = await session.scalars(
        sa.select(Invitation)
        .where(Invitation.servicer_id == servicer_id)
        .order_by(Invitation.created_at.desc(), Invitation.party, Invitation.reference)
        .limit(limit)
        .offset(offset)
    )
    return list(rows.all())


async def imports(
    session: AsyncSession, servicer_id: uuid.UUID, limit: int = 20
) -> list[PartnerImport]:
    rows = await session.scalars(
        sa.select(PartnerImport)
        .where(PartnerImport.servicer_id == servicer_id)
        .order_by(PartnerImport.created_at.desc())
        .limit(limit)
    )
    return list(rows.all())


async def of_agency(
    session: AsyncSession, servicer_id: uuid.UUID, invitation_id: uuid.UUID
) -> Invitation:
    """One of the agency's invitations; another agency's is not found."""
    return await _of_agency(session, servicer_id, invitation_id, lock=False)


async def _of_agency(
    session: AsyncSession, servicer_id: uuid.UUID, invitation_id: uuid.UUID, *, lock: bool = True
) -> Invitation:
    query = sa.select(Invitation).where(
        Invitation.id == invitation_id, Invitation.servicer_id == servicer_id
    )
    invitation = await session.scalar(query.with_for_update() if lock else query)
    if invitation is None:
        raise InvitationNotFoundError()
    return invitation


def _empty(invitation: Invitation, state: InvitationState, now: datetime) -> None:
    invitation.state = state
    invitation.state_changed_at = now
    invitation.sealed = None
    invitation.data_key = None
    invitation.master_key_id = None


async def withdraw(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    invitation_id: uuid.UUID,
    *,
    actor: str,
    now: datetime | None = None,
) -> Invitation:
    """The agency withdraws an unanswered invitation (and its minors'): the link stops working
    and what it supplied is deleted. An accepted one is the traveller's and stays so."""
    now = now or datetime.now(UTC)
    invitation = await _of_agency(session, servicer_id, invitation_id)
    if invitation.state not in OPEN_STATES:
        raise InvitationClosedError()
    _empty(invitation, InvitationState.withdrawn, now)
    for minor in await _minors_of(session, invitation.id):
        if minor.state in OPEN_STATES:
            _empty(minor, InvitationState.withdrawn, now)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="partners.invitation_withdrawn",
        target=f"partner_invitation:{invitation.id}",
    )
    log.info("partners.withdrawn", invitation_id=str(invitation.id))
    return invitation


async def _minors_of(session: AsyncSession, lead_id: uuid.UUID) -> list[Invitation]:
    rows = await session.scalars(
        sa.select(Invitation)
        .where(Invitation.lead_id == lead_id, Invitation.minor)
        .order_by(Invitation.reference)
        .with_for_update()
    )
    return list(rows.all())


# --- Expiry and reminders (jobs) -----------------------------------------------------------------


async def expire_due(session: AsyncSession, now: datetime | None = None) -> int:
    """Unanswered invitations past their day: expired, their supplied data deleted."""
    now = now or datetime.now(UTC)
    result = await session.execute(
        sa.update(Invitation)
        .where(Invitation.state.in_(OPEN_STATES), Invitation.expires_at < now)
        .values(
            state=InvitationState.expired,
            state_changed_at=now,
            sealed=None,
            data_key=None,
            master_key_id=None,
        )
        .returning(Invitation.id)
    )
    expired = len(result.all())
    if expired:
        log.info("partners.expired", invitations=expired)
    return expired


async def remind_due(session: AsyncSession, now: datetime | None = None) -> int:
    """Queue one reminder per adult who has not answered and arrives within the reminder span."""
    now = now or datetime.now(UTC)
    soon = (now + REMIND_BEFORE_ARRIVAL).astimezone(JST).date()
    result = await session.execute(
        sa.update(Invitation)
        .where(
            Invitation.state.in_(OPEN_STATES),
            Invitation.reminded_at.is_(None),
            Invitation.minor.is_(False),
            Invitation.arrival <= soon,
            Invitation.expires_at > now,
        )
        .values(reminded_at=now)
        .returning(Invitation.id)
    )
    ids = [str(row) for row in result.scalars()]
    await queue_mail(session, REMIND_JOB, ids)
    return len(ids)


async def queue_mail(session: AsyncSession, job: str, invitation_ids: Sequence[str]) -> int:
    """Queue the e-mails of ``invitation_ids`` as jobs of :data:`INVITE_BATCH` invitations each,
    in the caller's transaction; returns how many jobs."""
    batches = [
        {"invitations": list(invitation_ids[i : i + INVITE_BATCH])}
        for i in range(0, len(invitation_ids), INVITE_BATCH)
    ]
    return await jobs.enqueue_many(session, job, batches) if batches else 0


# --- The traveller's side ------------------------------------------------------------------------


def _data_key(keyring: Keyring, invitation: Invitation) -> DataKey:
    assert invitation.data_key is not None
    return keyring.unwrap(WrappedKey.from_bytes(invitation.data_key))


def supplied(keyring: Keyring, invitation: Invitation) -> dict[str, Any]:
    """What the agency supplied, unsealed (for the traveller's eyes, and their mail)."""
    if invitation.sealed is None:
        raise InvitationClosedError()
    opened: dict[str, Any] = _data_key(keyring, invitation).decrypt_json(
        invitation.sealed, context=_context(invitation.id)
    )
    return opened


async def by_token(session: AsyncSession, token: str, *, now: datetime | None = None) -> Invitation:
    """The open invitation behind a link, locked; expired or withdrawn ones are not found."""
    now = now or datetime.now(UTC)
    invitation = await session.scalar(
        sa.select(Invitation).where(Invitation.token_digest == digest(token)).with_for_update()
    )
    if invitation is None or invitation.state not in OPEN_STATES or invitation.expires_at < now:
        raise InvitationNotFoundError()
    return invitation


async def for_mail(session: AsyncSession, invitation_id: uuid.UUID) -> Invitation | None:
    """An invitation still waiting for its traveller (mail jobs skip the others)."""
    invitation = await session.get(Invitation, invitation_id)
    if invitation is None or invitation.state not in OPEN_STATES:
        return None
    return invitation


@dataclass(frozen=True)
class Opened:
    invitation: Invitation
    agency: Servicer
    values: dict[str, Any]
    minors: list[tuple[Invitation, dict[str, Any]]]


async def open_invitation(
    session: AsyncSession, keyring: Keyring, token: str, *, now: datetime | None = None
) -> Opened:
    """The traveller opens their link: the first time marks it opened."""
    now = now or datetime.now(UTC)
    invitation = await by_token(session, token, now=now)
    if invitation.state is InvitationState.sent:
        invitation.state = InvitationState.opened
        invitation.state_changed_at = now
        invitation.opened_at = now
        await session.flush()
        log.info("partners.opened", invitation_id=str(invitation.id))
    minors = [
        (minor, supplied(keyring, minor))
        for minor in await _minors_of(session, invitation.id)
        if minor.state in OPEN_STATES
    ]
    return Opened(
        invitation=invitation,
        agency=await servicers.get(session, invitation.servicer_id),
        values=supplied(keyring, invitation),
        minors=minors,
    )


@dataclass(frozen=True)
class Accepted:
    visitor_id: uuid.UUID
    minors: list[uuid.UUID]


async def accept(
    session: AsyncSession,
    keyring: Keyring,
    token: str,
    answer: Mapping[str, object | None],
    *,
    minors: Sequence[uuid.UUID] = (),
    now: datetime | None = None,
) -> Accepted:
    """The traveller confirms: ``answer`` holds, for each supplied attribute, the value they
    kept or corrected, or None to remove it (an attribute not named is removed too; nothing the
    agency supplied is kept unconfirmed). The lead confirms for the minors named in
    ``minors``, as supplied. The traveller becomes a visitor; their log records the invitation's
    history; the sealed copies are deleted."""
    now = now or datetime.now(UTC)
    opened = await open_invitation(session, keyring, token, now=now)
    invitation = opened.invitation
    kept = {k: v for k, v in answer.items() if v is not None and k in invitation.supplied_keys}
    unknown = [k for k in answer if k not in invitation.supplied_keys]
    if unknown:
        raise InvalidAnswerError(
            fields=[
                FieldError(k, "The agency did not supply this.", "not_supplied") for k in unknown
            ]
        )
    normalised, errors = catalogue.validate_profile(kept)
    if errors:
        raise InvalidAnswerError(fields=errors)
    visitor = await visitors.create_visitor(session, keyring, language=invitation.language)
    if normalised:
        await visitors.update_profile(session, keyring, visitor.id, normalised)
    await _log(session, invitation, visitor.id, sorted(normalised), now)
    chosen = set(minors)
    offered = {m.id: (m, values) for m, values in opened.minors}
    if chosen - set(offered):
        raise InvalidAnswerError(
            fields=[FieldError("minors", "Not a minor of this invitation.", "not_a_minor")]
        )
    members: list[uuid.UUID] = []
    for minor_id in sorted(chosen, key=str):
        minor, values = offered[minor_id]
        member = await visitors.create_visitor(
            session, keyring, language=minor.language, registered_by=visitor.id
        )
        await visitors.update_profile(session, keyring, member.id, values)
        await _log(session, minor, member.id, sorted(values), now)
        _empty(minor, InvitationState.accepted, now)
        members.append(member.id)
    _empty(invitation, InvitationState.accepted, now)
    await session.flush()
    log.info("partners.accepted", invitation_id=str(invitation.id), minors=len(members))
    return Accepted(visitor_id=visitor.id, minors=members)


async def _log(
    session: AsyncSession,
    invitation: Invitation,
    visitor_id: uuid.UUID,
    kept: list[str],
    now: datetime,
) -> None:
    marks: list[tuple[datetime, str, Sequence[str]]] = [
        (invitation.created_at, INVITATION_SENT, sorted(invitation.supplied_keys))
    ]
    if invitation.opened_at is not None:
        marks.append((invitation.opened_at, INVITATION_OPENED, ()))
    marks.append((now, INVITATION_ACCEPTED, kept))
    await resolve_queries.write_marks(session, visitor_id, invitation.servicer_id, marks)
