"""`omotenashi keys`: master key status, re-wrapping and rotation."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

if TYPE_CHECKING:
    from omotenashi.config import Settings
    from omotenashi.security.keys import PlatformKeys
    from omotenashi.visitors.service import MasterKeyUse

app = typer.Typer(
    help="Master key rotation: which key wraps visitors' data keys, re-wrapping, rotating.",
    no_args_is_help=True,
)

_PRODUCTION_ROTATION = """\
In production the keys come from the environment, so rotating is a deployment step:
  1. If OMOTENASHI_DERIVATION_KEY is not set, set it to the present OMOTENASHI_MASTER_KEY
     (the first master key ever used): pairwise ids, card hashes and staff codes stay valid.
  2. Set OMOTENASHI_MASTER_KEY to a new key and add the old one to
     OMOTENASHI_PREVIOUS_MASTER_KEYS (comma-separated).
  3. Restart every `omotenashi serve` and `omotenashi worker`.
  4. Run `omotenashi keys rewrap`.
  5. When `omotenashi keys status` shows no data key under the old key, remove it from
     OMOTENASHI_PREVIOUS_MASTER_KEYS.
See README, 'Rotating the master key'."""


def _echo_key_use(keys: PlatformKeys, use: MasterKeyUse, carriers: dict[str, int]) -> None:
    """What `keys status` and the end of `keys rewrap` show: key ids and counts only."""
    typer.echo(f"Master key (current)   {use.current_key_id}   {use.on_current} visitors")
    previous_ids = [key.key_id for key in keys.previous_masters]
    for key_id in previous_ids:
        count = use.counts.get(key_id, 0)
        verdict = "still needed" if count else "no longer needed to unwrap: it can be removed"
        if not count and key_id == keys.derivation.key_id:
            verdict += " from the previous keys; keep it as the derivation key"
        typer.echo(f"Previous master key    {key_id}   {count} visitors ({verdict})")
    for key_id, count in use.elsewhere.items():
        if key_id not in previous_ids:
            typer.secho(
                f"Unknown master key     {key_id}   {count} visitors (not on the keyring: "
                "their sealed data cannot be read until that key is added as a previous key)",
                fg=typer.colors.RED,
            )
    typer.echo(
        f"Derivation key         {keys.derivation.key_id}   (pairwise ids, card hashes, staff "
        "codes; never rotated)"
    )
    stray = {key_id: n for key_id, n in carriers.items() if key_id != keys.derivation.key_id}
    for key_id, count in stray.items():
        typer.secho(
            f"{count} carriers were linked under derivation key {key_id}, not "
            f"{keys.derivation.key_id}: they will not be recognised; configure that key as "
            "the derivation key (OMOTENASHI_DERIVATION_KEY or keys/derivation.key).",
            fg=typer.colors.RED,
        )


@app.command("status")
@friendly
def keys_status() -> None:
    """Show the current and previous master key ids and how many visitors each one serves."""
    from omotenashi import db
    from omotenashi.carriers import service as carriers
    from omotenashi.runtime import platform
    from omotenashi.visitors import service as visitors

    settings = load_settings()

    async def run() -> None:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_factory(engine)() as session:
                    use = await visitors.master_key_use(session, p.keys.master.key_id)
                    cards = await carriers.live_carriers_by_key_id(session)
            finally:
                await engine.dispose()
            _echo_key_use(p.keys, use, cards)

    asyncio.run(run())


async def _rewrap_all(settings: Settings, batch: int, actor: str) -> None:
    """Re-wrap every data key not under the current master key, one transaction per batch, so
    an interrupted run keeps what it finished and a second run completes it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from omotenashi import db
    from omotenashi.carriers import service as carriers
    from omotenashi.runtime import platform
    from omotenashi.visitors import service as visitors

    async with platform(settings) as p:
        keyring = p.keys.keyring
        engine = db.create_engine(p.database_url, pool_size=1)
        sessions = db.session_factory(engine)
        try:
            async with sessions() as session:
                before = await visitors.master_key_use(session, keyring.current_key_id)
            rewrapped = unknown = unreadable = 0
            progress = Progress(
                TextColumn("{task.description:<10}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
            )
            with progress:
                task = progress.add_task("Re-wrapping", total=sum(before.elsewhere.values()))
                after = None
                while True:
                    async with db.session_scope(sessions) as session:
                        done = await visitors.rewrap_data_keys(
                            session, keyring, after=after, limit=batch
                        )
                    rewrapped += done.rewrapped
                    unknown += done.unknown_key
                    unreadable += done.unreadable
                    progress.advance(task, done.rewrapped + done.unknown_key + done.unreadable)
                    if done.last_id is None:
                        break
                    after = done.last_id
            async with db.session_scope(sessions) as session:
                use = await visitors.master_key_use(session, keyring.current_key_id)
                await visitors.record_rewrap(
                    session,
                    use,
                    rewrapped=rewrapped,
                    unknown_key=unknown,
                    unreadable=unreadable,
                    actor=actor,
                )
                cards = await carriers.live_carriers_by_key_id(session)
        finally:
            await engine.dispose()
    typer.echo(f"Re-wrapped {rewrapped} data keys under master key {keyring.current_key_id}.")
    if unknown:
        typer.secho(
            f"{unknown} data keys name a master key the keyring lacks; they were left as they are.",
            fg=typer.colors.RED,
        )
    if unreadable:
        typer.secho(
            f"{unreadable} data keys do not authenticate under the key they name; they were left "
            "as they are (their visitor ids are in the log).",
            fg=typer.colors.RED,
        )
    _echo_key_use(p.keys, use, cards)
    if any(use.counts.get(key.key_id) for key in p.keys.previous_masters):
        typer.echo(
            "Some data keys are still under a previous master key (rows busy during the run "
            "are skipped): run `omotenashi keys rewrap` again."
        )
    elif p.keys.previous_masters:
        typer.echo("No data key needs a previous master key any more.")


@app.command("rewrap")
@friendly
def keys_rewrap(
    batch: Annotated[int, typer.Option(min=1, help="Visitors per transaction.")] = 1000,
) -> None:
    """Re-wrap every visitor data key under the current master key (sealed data untouched);
    safe to run while the platform serves, to interrupt and to run again."""
    settings = load_settings()
    asyncio.run(_rewrap_all(settings, batch, actor="cli:keys-rewrap"))


@app.command("rotate")
@friendly
def keys_rotate(
    batch: Annotated[int, typer.Option(min=1, help="Visitors per transaction.")] = 1000,
) -> None:
    """Make a new master key (embedded default only), keep the old one for unwrapping, and
    re-wrap every data key under the new one."""
    from omotenashi.pgcluster import EmbeddedCluster
    from omotenashi.runtime import StartupError
    from omotenashi.security.keys import keys_dir, rotate_embedded_master

    settings = load_settings()
    if not settings.embedded:
        typer.echo(_PRODUCTION_ROTATION, err=True)
        raise typer.Exit(2)
    cluster = EmbeddedCluster(
        root=settings.data_path / "postgres", password="", bin_dir=settings.pg_bin_dir
    )
    if cluster.initialised and cluster.is_running():
        # A running server keeps the key it started with and could not unwrap re-wrapped keys.
        raise StartupError(
            "The platform is running on this data directory; stop `omotenashi serve` (and "
            "any `omotenashi worker`), rotate, then start it again."
        )
    rotated = rotate_embedded_master(settings)
    folder = keys_dir(settings)
    typer.echo(
        f"New master key {rotated.current.key_id}; the previous one, {rotated.previous.key_id}, "
        f"is kept in {folder / 'master-previous'} to unwrap data keys until they are re-wrapped."
    )
    if rotated.derivation_pinned:
        typer.echo(
            f"{folder / 'derivation.key'} now holds the first master key: pairwise ids, card "
            "hashes and staff codes stay as they were."
        )
    asyncio.run(_rewrap_all(settings, batch, actor="cli:keys-rotate"))
