"""`omotenashi operator`: operator accounts."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from omotenashi.cli.base import friendly, load_settings

app = typer.Typer(help="Operator accounts.", no_args_is_help=True)


@app.command("add")
@friendly
def operator_add(
    email: Annotated[str, typer.Argument(help="The operator's e-mail, used to sign in")],
    name: Annotated[str, typer.Option("--name", help="How colleagues know them")],
) -> None:
    """Create an operator account; prints the authenticator (TOTP) link once."""
    from omotenashi import db
    from omotenashi.runtime import platform
    from omotenashi.staff import service as staff
    from omotenashi.staff.models import Role

    password = typer.prompt(
        "Password (12 characters or more)", hide_input=True, confirmation_prompt=True
    )
    settings = load_settings()

    async def run() -> str:
        async with platform(settings) as p:
            engine = db.create_engine(p.database_url, pool_size=1)
            try:
                async with db.session_scope(db.session_factory(engine)) as session:
                    enrolment = await staff.create_user(
                        session,
                        p.keys.derivation,
                        email=email,
                        display_name=name,
                        password=password,
                        role=Role.operator,
                        servicer_id=None,
                        actor="cli:operator-add",
                    )
                    return enrolment.totp_uri
            finally:
                await engine.dispose()

    uri = asyncio.run(run())
    typer.echo(
        "Operator created. Add this link to an authenticator app now; it is not shown again:"
    )
    typer.echo(uri)
