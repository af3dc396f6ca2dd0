"""`omotenashi ledger`: the payments ledger."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

app = typer.Typer(help="The payments ledger.", no_args_is_help=True)


@app.command("verify")
@friendly
def ledger_verify() -> None:
    """Check that debits equal credits and that every account's balance equals its transfers;
    exit 2 on a mismatch."""
    from omotenashi import db
    from omotenashi.payments import ledger
    from omotenashi.runtime import platform

    settings = load_settings()

    async def run() -> ledger.Verification:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session:
                    return await ledger.verify(session)
            finally:
                await engine.dispose()

    result = asyncio.run(run())
    for line in ledger.describe(result):
        typer.echo(line)
    if result.clean:
        typer.echo("Ledger verified: every account matches its transfers.")
        return
    typer.secho("Ledger mismatch: see the accounts above.", err=True, fg=typer.colors.RED)
    raise typer.Exit(2)


@app.command("report")
@friendly
def ledger_report(
    base_date: Annotated[
        str, typer.Option("--base-date", help="31 March or 30 September, as YYYY-MM-DD")
    ],
) -> None:
    """What a registered issuer files for a base date: the unused balance and the security
    deposit due (Payment Services Act)."""
    from datetime import date

    from omotenashi import db
    from omotenashi.config import WalletRegime
    from omotenashi.payments import report
    from omotenashi.runtime import platform

    try:
        base = date.fromisoformat(base_date)
        report.previous_base_date(base)
    except ValueError as exc:
        raise typer.BadParameter(
            "give a base date, 31 March or 30 September, as YYYY-MM-DD", param_hint="--base-date"
        ) from exc
    settings = load_settings()

    async def run() -> report.BaseDateReport:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session:
                    return await report.base_date_report(session, base)
            finally:
                await engine.dispose()

    made = asyncio.run(run())
    if settings.wallet_regime is not WalletRegime.registered_issuer:
        typer.echo(
            "Note: this deployment runs the wallet with short validity (outside the Act); "
            "the figures are shown for information."
        )
    for line in made.lines(settings.wallet_issuer):
        typer.echo(line)


@app.command("settle")
@friendly
def ledger_settle(
    day: Annotated[
        str | None, typer.Option("--day", help="A day that is over in Japan, as YYYY-MM-DD")
    ] = None,
) -> None:
    """Settle a day (by default yesterday in Japan) for every servicer, as the nightly job
    does: each one's payout, or what it owes for the cash it took. A day settles once."""
    from datetime import date, datetime, timedelta

    from omotenashi import db
    from omotenashi.japan import JST
    from omotenashi.payments import settlement
    from omotenashi.runtime import platform

    try:
        chosen = date.fromisoformat(day) if day else datetime.now(JST).date() - timedelta(days=1)
    except ValueError as exc:
        raise typer.BadParameter("give the day as YYYY-MM-DD", param_hint="--day") from exc
    if chosen >= datetime.now(JST).date():
        raise typer.BadParameter("that day is not over yet in Japan", param_hint="--day")
    settings = load_settings()

    async def run() -> list[str]:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_scope(db.session_factory(engine)) as session:
                    payouts = await settlement.settle_day(session, chosen)
                    return await settlement.describe(session, payouts)
            finally:
                await engine.dispose()

    lines = asyncio.run(run())
    for line in lines:
        typer.echo(line)
    typer.echo(f"{chosen.isoformat()}: {len(lines)} servicers settled.")
