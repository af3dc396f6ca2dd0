from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import CHIYODA, ISHINOMAKI, NANAO, WAJIMA, fixture
from tests.factories.alerts import lodging_visitor

from omotenashi import jobs
from omotenashi.alerts import (
    ALERT_LANGUAGES,
    fanout,
    forwarded,
    jma,
    lifecycle,
    location,
    reading,
    safety,
    signatures,
    subscriptions,
    verification,
)
from omotenashi.alerts.errors import (
    AlertNotDraftError,
    AlertNotFoundError,
    EmergencyConsentRequiredError,
    InvalidAlertError,
    NoKnownAreaError,
    SecondOperatorRequiredError,
)
from omotenashi.alerts.forwarded import TextChange, VerificationVerdict
from omotenashi.alerts.models import AlertState, AlertTarget, SafetyAnswer, StoredAlert
from omotenashi.consent import service as consent
from omotenashi.runtime import Platform
from omotenashi.security.audit import AuditEntry

UNCHANGED, CHANGED, NO_SUCH_ALERT = (
    VerificationVerdict.OFFICIAL_UNCHANGED,
    VerificationVerdict.OFFICIAL_CHANGED,
    VerificationVerdict.NO_SUCH_ALERT,
)
ALERT_FIXTURES = [
    ("eew_vxse43.xml", "earthquake_early_warning"),
    ("earthquake_vxse53.xml", "earthquake_information"),
    ("tsunami_vtse41.xml", "major_tsunami_warning"),
    ("weather_vpww53.xml", "weather_emergency_warning"),
    ("volcano_vfvo50.xml", "volcanic_warning"),
]


async def _count(session: AsyncSession, model: type[object]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def edited(name: str, old: str, new: str) -> bytes:
    text = fixture(name).decode()
    assert old in text
    return text.replace(old, new, 1).encode()


@pytest.mark.parametrize(("name", "alert_type"), ALERT_FIXTURES)
async def test_each_jma_report_is_stored_rendered_and_signed(
    name: str, alert_type: str, session: AsyncSession, platform: Platform
) -> None:
    done = await lifecycle.ingest(session, platform.keys, fixture(name), actor="operator:test")
    assert done.alert is not None
    stored = await reading.get(session, done.alert.id)
    assert stored.type == alert_type
    assert stored.state is AlertState.issued
    assert set(stored.renderings) == set(ALERT_LANGUAGES)
    assert reading.alert_of(stored).type == alert_type
    assert stored.signature is not None
    claims = signatures.verify(platform.keys.signing_key, stored.signature)
    assert claims["jti"] == str(stored.id)
    assert stored.target_prefectures or stored.target_municipalities
    assert done.unknown_elements == []


async def test_malformed_document_stores_nothing(session: AsyncSession, platform: Platform) -> None:
    before = (await _count(session, StoredAlert), await _count(session, AuditEntry))
    # Well-formed up to a value deep in the body: the intensity is off JMA's scale.
    document = edited("earthquake_vxse53.xml", "<MaxInt>7</MaxInt>", "<MaxInt>8</MaxInt>")
    with pytest.raises(jma.MalformedAlert, match="seismic intensity scale"):
        await lifecycle.ingest(session, platform.keys, document, actor="operator:test")
    with pytest.raises(jma.MalformedAlert, match="not well-formed"):
        await lifecycle.ingest(
            session, platform.keys, fixture("eew_vxse43.xml")[:900], actor="operator:test"
        )
    assert (await _count(session, StoredAlert), await _count(session, AuditEntry)) == before
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 0


async def test_unknown_elements_are_kept_and_reported(
    session: AsyncSession, platform: Platform
) -> None:
    document = edited("volcano_vfvo50.xml", "</Body>", "<Novelty>new</Novelty></Body>")
    done = await lifecycle.ingest(session, platform.keys, document, actor="operator:test")
    assert done.alert is not None
    assert done.unknown_elements == ["Body/Novelty"]
    assert done.alert.unknown_elements == ["Body/Novelty"]


async def test_the_same_document_twice_is_one_alert(
    session: AsyncSession, platform: Platform
) -> None:
    # One document, sent twice: `fixture` dates each copy it makes to the second it is made.
    document = fixture("eew_vxse43.xml")
    first = await lifecycle.ingest(session, platform.keys, document, actor="t")
    again = await lifecycle.ingest(session, platform.keys, document, actor="t")
    assert again.duplicate
    assert again.alert is not None
    assert first.alert is not None
    assert again.alert.id == first.alert.id


async def test_a_later_report_of_the_event_supersedes_the_earlier(
    session: AsyncSession, platform: Platform
) -> None:
    first = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    later = edited("eew_vxse43.xml", "<Serial>3</Serial>", "<Serial>4</Serial>")
    second = await lifecycle.ingest(session, platform.keys, later, actor="t")
    assert first.alert is not None
    assert second.alert is not None
    assert first.alert.state is AlertState.superseded
    assert first.alert.superseded_by_id == second.alert.id
    assert second.alert.state is AlertState.issued


async def test_cancellation_cancels_the_event(session: AsyncSession, platform: Platform) -> None:
    issued = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    done = await lifecycle.ingest(
        session, platform.keys, fixture("eew_cancel_vxse43.xml"), actor="t"
    )
    assert issued.alert is not None
    assert done.cancelled == [issued.alert.id]
    assert issued.alert.state is AlertState.cancelled


async def test_exercise_is_stored_but_told_to_nobody(
    session: AsyncSession, platform: Platform
) -> None:
    document = edited("eew_vxse43.xml", "<Status>通常</Status>", "<Status>訓練</Status>")
    done = await lifecycle.ingest(session, platform.keys, document, actor="t")
    assert done.alert is not None
    assert done.alert.status == "exercise"
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 0


# Targeting.


async def _eew(session: AsyncSession, platform: Platform) -> StoredAlert:
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    assert done.alert is not None
    return done.alert


async def test_visitor_lodging_in_the_area_is_targeted(
    session: AsyncSession, platform: Platform
) -> None:
    inside = await lodging_visitor(session, platform.keys, NANAO)
    outside = await lodging_visitor(session, platform.keys, CHIYODA)
    alert = await _eew(session, platform)
    reached = await fanout.targeted_visitors(session, alert)
    assert inside in reached
    assert outside not in reached


async def test_visitor_without_emergency_consent_is_not_targeted(
    session: AsyncSession, platform: Platform
) -> None:
    silent = await lodging_visitor(session, platform.keys, WAJIMA, emergency=False)
    alert = await _eew(session, platform)
    assert silent not in await fanout.targeted_visitors(session, alert)
    assert await session.get(AlertTarget, silent) is None


async def test_revoking_emergency_consent_stops_targeting(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, WAJIMA)
    [grant] = await consent.grants_of(session, visitor)
    await consent.revoke(session, visitor, grant.id)
    alert = await _eew(session, platform)
    assert visitor not in await fanout.targeted_visitors(session, alert)


async def test_family_member_in_the_area_is_reached_through_who_registered_them(
    session: AsyncSession, platform: Platform
) -> None:
    parent = await lodging_visitor(session, platform.keys, CHIYODA, language="tl")
    child = await lodging_visitor(
        session, platform.keys, NANAO, emergency=False, registered_by=parent, surname="CHILD"
    )
    alert = await _eew(session, platform)
    reached = await fanout.targeted_visitors(session, alert)
    assert reached == [parent]
    target = await session.get(AlertTarget, child)
    assert target is not None
    assert (target.reach_visitor_id, target.language, target.municipality) == (parent, "tl", NANAO)


async def test_family_member_without_a_lodging_is_where_the_parent_lodges(
    session: AsyncSession, platform: Platform
) -> None:
    parent = await lodging_visitor(session, platform.keys, NANAO)
    await lodging_visitor(session, platform.keys, None, emergency=False, registered_by=parent)
    alert = await _eew(session, platform)
    assert await fanout.targeted_visitors(session, alert) == [parent]


async def test_weather_warning_targets_by_municipality(
    session: AsyncSession, platform: Platform
) -> None:
    inside = await lodging_visitor(session, platform.keys, ISHINOMAKI)
    elsewhere = await lodging_visitor(session, platform.keys, NANAO)
    done = await lifecycle.ingest(session, platform.keys, fixture("weather_vpww53.xml"), actor="t")
    assert done.alert is not None
    reached = await fanout.targeted_visitors(session, done.alert)
    assert inside in reached
    assert elsewhere not in reached


def _circle_alert(latitude: float, longitude: float, radius_m: float) -> dict[str, object]:
    return {
        "details": {"kind": "evacuation", "level": 4, "shelters": [{"name_ja": "七尾小学校"}]},
        "areas": [
            {
                "kind": "circle",
                "code": "nanao-port",
                "name_ja": "七尾港周辺",
                "name_romanised": "Around Nanao port",
                "geometry": {
                    "centre": {"latitude": latitude, "longitude": longitude},
                    "radius_m": radius_m,
                },
            }
        ],
        "source": "七尾市 / Nanao City",
    }


async def test_shared_location_is_matched_by_drawn_circle(
    session: AsyncSession, platform: Platform
) -> None:
    near = await lodging_visitor(session, platform.keys, CHIYODA)
    far = await lodging_visitor(session, platform.keys, CHIYODA)
    await location.share_location(session, near, 37.0437, 136.9669)  # Nanao port
    await location.share_location(session, far, 35.6812, 139.7671)  # Tokyo station
    drafted = await lifecycle.draft(session, _circle_alert(37.0437, 136.9669, 3000), operator="a")
    approved = await lifecycle.approve(session, platform.keys, drafted.id, operator="b")
    assert await fanout.targeted_visitors(session, approved) == [near]
    target = await session.get(AlertTarget, near)
    assert target is not None
    assert target.cell is not None


async def test_sharing_a_location_needs_emergency_consent(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, CHIYODA, emergency=False)
    with pytest.raises(EmergencyConsentRequiredError):
        await location.share_location(session, visitor, 35.0, 139.0)


async def test_fan_out_enqueues_batches_for_the_targeted_subscriptions(
    session: AsyncSession, platform: Platform
) -> None:
    for n in range(3):
        visitor = await lodging_visitor(session, platform.keys, NANAO)
        await subscriptions.subscribe(
            session,
            visitor,
            endpoint=f"https://push.example.net/sub/{n}",
            p256dh="BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
            auth="BTBZMqHH6r4Tts7J_aSIgg",
        )
    alert = await _eew(session, platform)
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 1
    done = await fanout.fan_out(session, alert.id)
    assert (done.recipients, done.subscriptions, done.jobs) == (3, 3, 1)
    assert await jobs.pending(session, fanout.DELIVER_JOB) == 1


async def _subscribed(session: AsyncSession, platform: Platform, where: str) -> uuid.UUID:
    visitor = await lodging_visitor(session, platform.keys, where)
    found = await subscriptions.subscribe(
        session,
        visitor,
        endpoint=f"https://push.example.net/sub/{uuid.uuid4()}",
        p256dh="BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
        auth="BTBZMqHH6r4Tts7J_aSIgg",
    )
    return found.id


async def _pushed_to(session: AsyncSession) -> list[str]:
    """Every subscription a delivery job was enqueued for, as often as it was."""
    rows = await session.execute(
        text("SELECT payload FROM pgqueuer WHERE entrypoint = :name ORDER BY id"),
        {"name": fanout.DELIVER_JOB},
    )
    return [found for (payload,) in rows for found in json.loads(bytes(payload))["subscriptions"]]


async def test_a_large_fan_out_commits_its_first_slice_before_the_rest(
    session: AsyncSession, platform: Platform
) -> None:
    inside = {str(await _subscribed(session, platform, NANAO)) for _ in range(5)}
    outside = {str(await _subscribed(session, platform, CHIYODA)) for _ in range(2)}
    alert = await _eew(session, platform)
    fan_outs = await jobs.pending(session, fanout.FAN_OUT_JOB)
    first = await fanout.fan_out(session, alert.id, slice_size=3)
    # The first three subscriptions (in id order) are queued for delivery, and the rest waits
    # for a job of its own: the first pushes need not wait for the whole country.
    assert not first.finished
    assert sorted(await _pushed_to(session)) == sorted(inside & set(sorted(inside | outside)[:3]))
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == fan_outs + 1
    while not (done := await fanout.fan_out(session, alert.id, slice_size=3)).finished:
        pass
    assert sorted(await _pushed_to(session)) == sorted(inside)
    assert (done.recipients, done.subscriptions) == (5, 5)


class WorkerDied(Exception):
    pass


async def _dies_mid_slice(session: AsyncSession, alert_id: uuid.UUID) -> None:
    async with session.begin_nested():
        await fanout.fan_out(session, alert_id, slice_size=3)
        raise WorkerDied  # before its transaction committed


async def test_a_fan_out_resumed_after_a_crash_pushes_each_subscription_once(
    session: AsyncSession, platform: Platform
) -> None:
    inside = {str(await _subscribed(session, platform, NANAO)) for _ in range(7)}
    alert = await _eew(session, platform)
    await fanout.fan_out(session, alert.id, slice_size=3)
    with pytest.raises(WorkerDied):
        await _dies_mid_slice(session, alert.id)
    # The job runs again (and a duplicate of it, as when its acknowledgement was lost).
    while not (await fanout.fan_out(session, alert.id, slice_size=3)).finished:
        pass
    again = await fanout.fan_out(session, alert.id, slice_size=3)
    pushed = await _pushed_to(session)
    assert sorted(pushed) == sorted(inside)
    assert (again.finished, again.subscriptions, again.recipients) == (True, 7, 7)


async def test_a_stalled_fan_out_is_enqueued_again_until_it_finishes(
    session: AsyncSession, platform: Platform
) -> None:
    await _subscribed(session, platform, NANAO)
    alert = await _eew(session, platform)
    later = datetime.now(UTC) + fanout.STALLED_AFTER + timedelta(seconds=1)
    fan_outs = await jobs.pending(session, fanout.FAN_OUT_JOB)
    assert await fanout.resume_stalled(session) == 0
    assert await fanout.resume_stalled(session, now=later) == 1
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == fan_outs + 1
    await fanout.fan_out(session, alert.id)
    assert await fanout.resume_stalled(session, now=later) == 0


async def test_an_alert_cancelled_mid_fan_out_stops_it_and_is_withdrawn(
    session: AsyncSession, platform: Platform
) -> None:
    for _ in range(4):
        await _subscribed(session, platform, NANAO)
    alert = await _eew(session, platform)
    await fanout.fan_out(session, alert.id, slice_size=2)
    pushed = await _pushed_to(session)
    fan_outs = await jobs.pending(session, fanout.FAN_OUT_JOB)
    await lifecycle.ingest(session, platform.keys, fixture("eew_cancel_vxse43.xml"), actor="t")
    # Those already queued are told of the withdrawal; the rest is never sent the alert.
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == fan_outs + 1
    stopped = await fanout.fan_out(session, alert.id, slice_size=2)
    assert stopped.finished
    assert await _pushed_to(session) == pushed
    withdrawn = await fanout.fan_out(session, alert.id, notice=fanout.CANCELLED_NOTICE)
    assert withdrawn.subscriptions == 4


# Four eyes.


def _composed() -> dict[str, object]:
    return {
        "details": {"kind": "evacuation", "level": 4, "shelters": [{"name_ja": "輪島中学校"}]},
        "areas": [{"kind": "municipality", "code": WAJIMA, "name_ja": "輪島市"}],
        "source": "輪島市 / Wajima City",
        "expires_at": (datetime.now(UTC) + timedelta(hours=6)).isoformat(),
    }


async def test_composer_cannot_approve_their_own_alert(
    session: AsyncSession, platform: Platform
) -> None:
    drafted = await lifecycle.draft(session, _composed(), operator="staff:one")
    assert drafted.state is AlertState.draft
    assert drafted.signature is None
    with pytest.raises(SecondOperatorRequiredError):
        await lifecycle.approve(session, platform.keys, drafted.id, operator="staff:one")
    with pytest.raises(AlertNotFoundError):
        await reading.get(session, drafted.id)


async def test_second_operator_approval_issues_signs_and_audits(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, WAJIMA)
    drafted = await lifecycle.draft(session, _composed(), operator="staff:one")
    approved = await lifecycle.approve(session, platform.keys, drafted.id, operator="staff:two")
    assert approved.state is AlertState.issued
    assert approved.approved_by == "staff:two"
    assert approved.signature is not None
    assert await fanout.targeted_visitors(session, approved) == [visitor]
    actions = (
        await session.scalars(
            select(AuditEntry.action).where(AuditEntry.target == f"alert:{approved.id}")
        )
    ).all()
    assert set(actions) >= {"alert.drafted", "alert.approved", "alert.issued"}
    with pytest.raises(AlertNotDraftError):
        await lifecycle.approve(session, platform.keys, drafted.id, operator="staff:three")


async def test_composed_alert_with_a_wrong_field_is_refused_by_name(
    session: AsyncSession,
) -> None:
    body = _composed()
    body["details"] = {"kind": "evacuation", "level": 9}
    with pytest.raises(InvalidAlertError) as raised:
        await lifecycle.draft(session, body, operator="staff:one")
    assert raised.value.fields[0].field == "details.level"


async def test_composed_alert_for_a_municipality_of_no_prefecture_is_refused_unsent(
    session: AsyncSession,
) -> None:
    body = _composed()
    body["areas"] = [{"kind": "municipality", "code": "99123", "name_ja": "架空町"}]
    with pytest.raises(NoKnownAreaError) as previewed:
        lifecycle.preview(lifecycle.parse_composed(body))
    assert previewed.value.extra["unresolved_areas"] == ["municipality:99123 架空町"]
    with pytest.raises(NoKnownAreaError):
        await lifecycle.draft(session, body, operator="staff:one")
    assert await _count(session, StoredAlert) == 0


# Verification.


async def test_genuine_signature_verifies_as_current(
    session: AsyncSession, platform: Platform
) -> None:
    alert = await _eew(session, platform)
    assert alert.signature is not None
    found = await verification.verify_forwarded(session, platform.keys, alert.signature)
    assert (found.verdict, found.state, found.matched_by) == (UNCHANGED, "current", "signature")
    assert found.genuine


async def test_tampered_signature_is_not_genuine(session: AsyncSession, platform: Platform) -> None:
    alert = await _eew(session, platform)
    assert alert.signature is not None
    header, _, signature = alert.signature.split(".")
    claims = signatures.verify(platform.keys.signing_key, alert.signature)
    import base64
    import json

    claims["severity"] = 1
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    found = await verification.verify_forwarded(
        session, platform.keys, f"{header}.{forged}.{signature}"
    )
    assert (found.genuine, found.state) == (False, "unknown")


async def test_signature_from_another_key_is_not_genuine(
    session: AsyncSession, platform: Platform
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    alert = await _eew(session, platform)
    fake = signatures.sign(
        Ed25519PrivateKey.generate(),
        alert_id=str(alert.id),
        canonical=b"{}",
        alert_type=alert.type,
        severity=alert.severity,
        status=alert.status,
        source=alert.source,
        issued_at=alert.issued_at,
        expires_at=None,
    )
    found = await verification.verify_forwarded(session, platform.keys, fake)
    assert not found.genuine


async def test_cancelled_alert_verifies_as_cancelled(
    session: AsyncSession, platform: Platform
) -> None:
    alert = await _eew(session, platform)
    await lifecycle.ingest(session, platform.keys, fixture("eew_cancel_vxse43.xml"), actor="t")
    assert alert.signature is not None
    found = await verification.verify_forwarded(session, platform.keys, alert.signature)
    assert (found.genuine, found.state) == (True, "cancelled")


async def test_a_link_alone_verifies_and_a_rumour_or_a_link_to_nothing_does_not(
    session: AsyncSession, platform: Platform
) -> None:
    alert = await _eew(session, platform)
    by_link = await verification.verify_forwarded(
        session, platform.keys, f"https://omotenashi.example/alerts/{alert.id}"
    )
    assert (by_link.verdict, by_link.matched_by, by_link.alert) == (UNCHANGED, "link", alert)
    rumour = await verification.verify_forwarded(
        session, platform.keys, "A huge earthquake will hit Tokyo tomorrow at 3 pm"
    )
    assert (rumour.verdict, rumour.state, rumour.alert) == (NO_SUCH_ALERT, "unknown", None)
    unknown_link = await verification.verify_forwarded(
        session, platform.keys, f"https://omotenashi.example/alerts/{uuid.uuid4()}"
    )
    assert unknown_link.verdict is NO_SUCH_ALERT


ADDED = {
    "en": "Do NOT evacuate: the warning was a mistake.",
    "th": "ไม่ต้องอพยพ คำเตือนนี้ผิดพลาด",
    "ja": "避難しないでください。この警報は誤りです。",
    "km": "កុំជម្លៀសចេញ។ ការព្រមាននេះខុស។",
}
FORMS = ("text", "link", "signature")


def _forwarded(alert: StoredAlert, text: str, form: str) -> str:
    """``text`` as someone forwards it: alone, with the alert's link, or with its signature."""
    if form == "link":
        return f"{text}\nhttps://omotenashi.example/alerts/{alert.id}"
    if form == "signature":
        assert alert.signature is not None
        return f"{text}\n{alert.signature}"
    return text


def _issued(alert: StoredAlert, language: str) -> str:
    return forwarded.issued_text(alert.renderings[language])


def _marked(found: verification.Verification, change: TextChange) -> list[str]:
    return [span.text.strip() for span in found.differences if span.change is change]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", list(ADDED))
async def test_a_forwarded_alert_as_issued_is_official_and_unchanged(
    language: str, form: str, session: AsyncSession, platform: Platform
) -> None:
    alert = await _eew(session, platform)
    # Copied with its lines run together, other spaces between them (an ideographic one
    # too) and without zero-width spaces, as messaging apps do.
    copied = " \u3000".join(_issued(alert, language).split("\n")).replace("\u200b", "")
    found = await verification.verify_forwarded(
        session, platform.keys, _forwarded(alert, copied, form)
    )
    assert (found.verdict, found.state, found.alert) == (UNCHANGED, "current", alert)
    assert found.matched_by == ("wording" if form == "text" else form)
    assert (found.language, found.differences) == (language, ())


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", list(ADDED))
async def test_one_changed_character_makes_it_official_but_changed(
    language: str, form: str, session: AsyncSession, platform: Platform
) -> None:
    alert = await _eew(session, platform)
    issued = _issued(alert, language)
    assert "6" not in alert.renderings[language]["headline"]
    changed = issued.replace("6", "7", 1)  # the expected intensity, 6 upper, becomes 7 upper
    found = await verification.verify_forwarded(
        session, platform.keys, _forwarded(alert, changed, form)
    )
    assert (found.verdict, found.state, found.alert) == (CHANGED, "current", alert)
    assert not found.genuine
    assert (found.language, found.official_text) == (language, issued)
    assert _marked(found, TextChange.DELETED) == ["6"]
    assert _marked(found, TextChange.INSERTED) == ["7"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", list(ADDED))
async def test_an_added_sentence_makes_it_official_but_changed(
    language: str, form: str, session: AsyncSession, platform: Platform
) -> None:
    alert = await _eew(session, platform)
    issued = _issued(alert, language)
    found = await verification.verify_forwarded(
        session, platform.keys, _forwarded(alert, f"{issued}\n{ADDED[language]}", form)
    )
    assert (found.verdict, found.language, found.official_text) == (CHANGED, language, issued)
    assert _marked(found, TextChange.INSERTED) == [ADDED[language]]
    assert _marked(found, TextChange.DELETED) == []


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", list(ADDED))
async def test_a_removed_sentence_makes_it_official_but_changed(
    language: str, form: str, session: AsyncSession, platform: Platform
) -> None:
    alert = await _eew(session, platform)
    rendering = alert.renderings[language]
    without_action = "\n".join([rendering["headline"], *rendering["lines"]])
    found = await verification.verify_forwarded(
        session, platform.keys, _forwarded(alert, without_action, form)
    )
    assert (found.verdict, found.language) == (CHANGED, language)
    assert _marked(found, TextChange.DELETED) == [rendering["action"].replace("\u200b", "")]
    assert _marked(found, TextChange.INSERTED) == []


@pytest.mark.parametrize("language", list(ADDED))
async def test_a_real_headline_with_added_sentences_is_not_called_official(
    language: str, session: AsyncSession, platform: Platform
) -> None:
    alert = await _eew(session, platform)
    headline = alert.renderings[language]["headline"]
    found = await verification.verify_forwarded(
        session, platform.keys, f"{headline} {ADDED[language]}"
    )
    assert (found.verdict, found.alert, found.language) == (CHANGED, alert, language)
    assert _marked(found, TextChange.INSERTED) == [ADDED[language]]


async def test_a_rumour_sharing_words_with_an_alert_is_no_alert_of_ours(
    session: AsyncSession, platform: Platform
) -> None:
    await _eew(session, platform)
    for rumour in (
        "Earthquake Early Warning: a magnitude 9 earthquake will hit Tokyo tomorrow.",
        "แจ้งเตือนแผ่นดินไหว: พรุ่งนี้จะเกิดแผ่นดินไหวใหญ่ที่โตเกียว",
        "緊急地震速報：明日、東京で巨大地震が起きます。",
    ):
        found = await verification.verify_forwarded(session, platform.keys, rumour)
        assert found.verdict is NO_SUCH_ALERT, rumour


# Safety check.


async def test_safety_answers_are_counted_per_area_and_need_help_is_listed(
    session: AsyncSession, platform: Platform
) -> None:
    safe = await lodging_visitor(session, platform.keys, NANAO)
    helpless = await lodging_visitor(session, platform.keys, WAJIMA, surname="NEEDSHELP")
    also_safe = await lodging_visitor(session, platform.keys, WAJIMA)
    alert = await _eew(session, platform)
    await safety.answer_safety(session, safe, alert.id, SafetyAnswer.safe)
    await safety.answer_safety(session, also_safe, alert.id, SafetyAnswer.safe)
    await safety.answer_safety(
        session, helpless, alert.id, SafetyAnswer.need_help, latitude=37.39, longitude=136.9
    )
    report = await safety.safety_report(session, platform.keys, alert.id, operator="staff:ops")
    counts = {(c.prefecture, c.municipality): (c.safe, c.need_help) for c in report.counts}
    assert counts == {("17", NANAO): (1, 0), ("17", WAJIMA): (1, 1)}
    [person] = report.need_help
    assert person.visitor_id == helpless
    assert person.name["surname"] == "NEEDSHELP"
    assert person.location is not None
    assert abs(person.location.latitude - 37.39) < 0.05
    read = await session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.action == "alert.safety_report_read")
    )
    assert read == 1


async def test_answering_again_replaces_the_answer(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    alert = await _eew(session, platform)
    await safety.answer_safety(session, visitor, alert.id, SafetyAnswer.need_help)
    await safety.answer_safety(session, visitor, alert.id, SafetyAnswer.safe)
    report = await safety.safety_report(session, platform.keys, alert.id, operator="staff:ops")
    assert [(c.safe, c.need_help) for c in report.counts] == [(1, 0)]
    assert report.need_help == []


async def test_visitor_sees_current_alerts_for_their_area(
    session: AsyncSession, platform: Platform
) -> None:
    inside = await lodging_visitor(session, platform.keys, NANAO)
    outside = await lodging_visitor(session, platform.keys, CHIYODA)
    alert = await _eew(session, platform)
    assert [a.id for a in await reading.current_for_visitor(session, inside)] == [alert.id]
    assert await reading.current_for_visitor(session, outside) == []


async def test_export_holds_area_cell_subscriptions_and_answers(
    session: AsyncSession, platform: Platform
) -> None:
    from omotenashi.privacy import service as privacy

    visitor = await lodging_visitor(session, platform.keys, NANAO)
    await location.share_location(session, visitor, 37.0437, 136.9669)
    await subscriptions.subscribe(
        session,
        visitor,
        endpoint="https://push.example.net/sub/export",
        p256dh="BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
        auth="BTBZMqHH6r4Tts7J_aSIgg",
    )
    alert = await _eew(session, platform)
    await safety.answer_safety(session, visitor, alert.id, SafetyAnswer.safe)
    exported = (await privacy.export(session, platform.keys, visitor))["alerts"]
    assert exported["targeting"]["municipality"] == NANAO
    assert exported["targeting"]["location_cell"].startswith("87")
    assert [s["endpoint"] for s in exported["push_subscriptions"]] == [
        "https://push.example.net/sub/export"
    ]
    assert [a["answer"] for a in exported["safety_answers"]] == ["safe"]
