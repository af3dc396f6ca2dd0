"""When an alert stops being current, and when a real one is too old to push."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import FIXTURES, as_received_now, fixture
from tests.factories.alerts import lodging_visitor

from omotenashi import jobs
from omotenashi.alerts import fanout, lifecycle, reading
from omotenashi.alerts.models import AlertState
from omotenashi.config import Settings
from omotenashi.runtime import Platform

SHIMODA = "22219"


async def test_an_earthquake_report_without_an_end_expires_after_its_types_validity(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, "17202")
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="test")
    assert done.alert is not None
    assert done.alert.expires_at == done.alert.issued_at + timedelta(hours=1)
    assert "Valid until" in "\n".join(done.alert.renderings["en"]["lines"])
    assert [found.id for found in await reading.current_for_visitor(session, visitor)] == [
        done.alert.id
    ]
    later = datetime.now(UTC) + timedelta(hours=2)
    assert reading.current_state(done.alert, later) == "expired"
    assert await reading.current_for_visitor(session, visitor, now=later) == []


async def test_the_validity_is_a_setting(session: AsyncSession, platform: Platform) -> None:
    settings = Settings(alert_validity_minutes={"earthquake_early_warning": 5})
    policy = lifecycle.IngestPolicy.from_settings(settings)
    assert policy.validity["earthquake_early_warning"] == timedelta(minutes=5)
    done = await lifecycle.ingest(
        session, platform.keys, fixture("eew_vxse43.xml"), actor="test", policy=policy
    )
    assert done.alert is not None
    assert done.alert.expires_at == done.alert.issued_at + timedelta(minutes=5)


async def test_a_report_older_than_the_bound_is_stored_for_operators_but_never_pushed(
    session: AsyncSession, platform: Platform
) -> None:
    await lodging_visitor(session, platform.keys, "17202")
    old = fixture("tsunami_vtse41.xml", received_now=False)  # issued on 1 January 2024
    done = await lifecycle.ingest(session, platform.keys, old, actor="test")
    assert done.alert is not None
    assert done.alert.state is AlertState.issued
    assert done.alert.withheld is not None
    assert done.alert.withheld.startswith("received ")
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 0
    assert done.alert.id in {found.id for found in await reading.recent_for_operator(session)}


async def test_a_report_within_the_bound_is_pushed(
    session: AsyncSession, platform: Platform
) -> None:
    done = await lifecycle.ingest(
        session, platform.keys, fixture("tsunami_vtse41.xml"), actor="test"
    )
    assert done.alert is not None
    assert done.alert.withheld is None
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 1


async def test_an_exercise_never_reaches_a_visitor(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, SHIMODA)
    done = await lifecycle.ingest(
        session, platform.keys, fixture("vtse41_exercise.xml"), actor="test"
    )
    assert done.alert is not None
    assert done.alert.status == "exercise"
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 0
    assert await reading.current_for_visitor(session, visitor) == []
    assert await reading.current_in_area(session, municipality=SHIMODA) == []


async def test_after_a_lifting_nothing_of_the_event_stays_current(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, SHIMODA)
    warning = await lifecycle.ingest(
        session, platform.keys, fixture("vtse41_shizuoka_warning.xml"), actor="test"
    )
    lifting = await lifecycle.ingest(
        session, platform.keys, fixture("vtse41_shizuoka_lifted.xml"), actor="test"
    )
    assert warning.alert is not None
    assert lifting.alert is not None
    current = await reading.current_for_visitor(session, visitor)
    assert [found.id for found in current] == [lifting.alert.id]
    # The lifting ends at JMA's ValidDateTime (6 hours after it was issued).
    assert lifting.alert.expires_at == lifting.alert.issued_at + timedelta(hours=6)
    later = lifting.alert.issued_at + timedelta(hours=7)
    assert await reading.current_for_visitor(session, visitor, now=later) == []


async def test_a_cancellation_of_nothing_warns_and_a_resent_one_is_a_duplicate(
    session: AsyncSession, platform: Platform
) -> None:
    document = fixture("tsunami_vtse41.xml").replace(
        "<InfoType>発表</InfoType>".encode(), "<InfoType>取消</InfoType>".encode()
    )
    first = await lifecycle.ingest(session, platform.keys, document, actor="test")
    assert first.cancelled == []
    assert first.warnings == [
        "The cancellation (取消) of 20240101161010 found no alert of that event to cancel."
    ]
    again = await lifecycle.ingest(session, platform.keys, document, actor="test")
    assert again.duplicate


async def test_a_lifting_of_a_warning_that_was_withheld_is_not_pushed(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, SHIMODA)
    late = as_received_now(
        (FIXTURES / "vtse41_shizuoka_warning.xml").read_bytes(), age=timedelta(minutes=30)
    )
    warning = await lifecycle.ingest(session, platform.keys, late, actor="test")
    assert warning.alert is not None
    assert warning.alert.withheld is not None
    lifting = await lifecycle.ingest(
        session, platform.keys, fixture("vtse41_shizuoka_lifted.xml"), actor="test"
    )
    assert lifting.alert is not None
    # Nobody's phone had the warning: "the warning is lifted" is not pushed as if it had; the
    # lifting is what the visitor's alert page shows.
    assert lifting.alert.withheld is not None
    assert "withheld" in lifting.alert.withheld
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 0
    current = await reading.current_for_visitor(session, visitor)
    assert [found.id for found in current] == [lifting.alert.id]


async def test_a_lifting_of_a_warning_that_was_pushed_is_pushed(
    session: AsyncSession, platform: Platform
) -> None:
    await lodging_visitor(session, platform.keys, SHIMODA)
    await lifecycle.ingest(
        session, platform.keys, fixture("vtse41_shizuoka_warning.xml"), actor="test"
    )
    lifting = await lifecycle.ingest(
        session, platform.keys, fixture("vtse41_shizuoka_lifted.xml"), actor="test"
    )
    assert lifting.alert is not None
    assert lifting.alert.withheld is None
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 2
