"""The `omotenashi` command: serve, worker, db, demo, doctor, keys, ...

One module per command group; this module only assembles them (``main`` is the entry point).
"""

from __future__ import annotations

import gc

import typer

from omotenashi.cli import (
    alerts,
    audit_log,
    backup,
    database,
    demo,
    doctor,
    keys,
    ledger,
    operators,
    partners,
    serve,
    stats,
    taxfree,
    tm,
)

cli = typer.Typer(
    help="Omotenashi Cloud: register once, be served in your language across Japan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
cli.command()(serve.serve)
cli.command("worker")(serve.worker_command)
cli.command("demo")(demo.demo_command)
cli.command()(backup.backup)
cli.command()(backup.restore)
cli.command()(doctor.doctor)
cli.add_typer(database.app, name="db")
cli.add_typer(audit_log.app, name="audit")
cli.add_typer(ledger.app, name="ledger")
cli.add_typer(operators.app, name="operator")
cli.add_typer(tm.app, name="tm")
cli.add_typer(stats.app, name="stats")
cli.add_typer(keys.app, name="keys")
cli.add_typer(alerts.app, name="alerts")
cli.add_typer(partners.app, name="partners")
cli.add_typer(taxfree.app, name="taxfree")


def main() -> None:
    # A command's start imports the modules it needs: some hundred thousand objects that live as
    # long as the process, which the cyclic collector would pass over again and again while they
    # pile up (some 12% of a start's CPU). It is off until the command has its settings, by when
    # its imports are done (cli.base.started).
    gc.disable()
    cli()
