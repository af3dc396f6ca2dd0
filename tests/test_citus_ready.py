"""The schema stays ready to be distributed by visitor on Citus (issue 24, docs/scale.md).

Read from the live, migrated database (pg_catalog), so that a table added later is held to the
rule without anyone remembering to list it:

- a *visitor-keyed* table is one with a ``visitor_id`` column, or one with a foreign key to a
  visitor-keyed table (its rows belong to that table's visitor); ``visitors`` itself is the root,
  keyed by its own ``id``;
- a visitor-keyed table carries ``visitor_id`` in its primary key;
- a foreign key from a visitor-keyed table to another visitor-keyed table carries ``visitor_id``
  on both sides (to ``visitors`` that is ``visitor_id -> visitors.id``), so the two rows live
  on the same shard.

Every exception is listed below with its reason; an exception that no longer applies fails too,
so the list cannot rot.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine

ROOT = "visitors"

# Tables that are visitor-keyed by the rule above but will not be distributed by visitor id.
NOT_DISTRIBUTED_BY_VISITOR = {
    "auth_sessions": "holds staff sessions too (visitor_id is NULL for them); found by the "
    "cookie's session id before anyone is known: distributed by its own id",
    "auth_challenges": "a WebAuthn challenge lives minutes and has no visitor at sign-in: "
    "distributed by its own id",
    "oidc_authorizations": "a sign-in under way lives minutes and has no visitor yet: "
    "distributed by its own id",
    "login_emails": "a lookup table: found by the e-mail's keyed hash before the visitor is "
    "known, so distributed by that hash (erasure deletes the row by visitor_id)",
    "oidc_identities": "a lookup table: found by the provider subject's keyed hash before the "
    "visitor is known, so distributed by that hash",
    "qr_uses": "the replay guard of QR codes, kept minutes, written inside the resolve "
    "statement from the carrier id the code names: distributed by carrier_id",
    "ledger_accounts": "the ledger is keyed by account: one transfer debits a visitor's wallet "
    "and credits a servicer's account atomically, and rows outlive erasure (visitor_id SET "
    "NULL, accounting retention): the ledger stays on one node (docs/scale.md)",
    "ledger_balances": "the ledger (see ledger_accounts)",
    "ledger_transfers": "the ledger (see ledger_accounts)",
    "payment_operations": "the ledger (see ledger_accounts)",
    "card_top_ups": "the ledger (see ledger_accounts): outlives erasure, visitor_id SET NULL",
    "payouts": "the ledger (see ledger_accounts): a servicer's, through its operations",
    "webhook_events": "a servicer's outbox, read by servicer; visitor_id is SET NULL on "
    "erasure: distributed by servicer_id",
    "webhook_deliveries": "a servicer's outbox (see webhook_events)",
    "tax_free_records": "the shop's legal record for seven years, sealed under the shop's key: "
    "it outlives the visitor's erasure (visitor_id SET NULL) and is read by shop, so "
    "distributed by servicer_id",
    "tax_free_items": "a tax-free record's lines (see tax_free_records)",
    "tax_free_state_changes": "a tax-free record's history (see tax_free_records)",
}

# Foreign keys (table, its columns) between visitor-keyed tables that cannot carry visitor_id.
CROSS_VISITOR_KEYS = {
    ("visitors", ("registered_by_id",)): "a family member points at the visitor who registered "
    "them: another visitor's row (on Citus the check moves to the service, or households are "
    "co-located by the registering visitor)",
    ("alert_targets", ("reach_visitor_id",)): "whom an alert reaches for a family member: "
    "another visitor (the same household; see visitors.registered_by_id)",
    ("payment_confirmations", ("charge_id",)): "points into the ledger, which is not "
    "distributed by visitor (see ledger_accounts)",
}


@dataclass(frozen=True)
class ForeignKey:
    table: str
    columns: tuple[str, ...]
    referred: str
    referred_columns: tuple[str, ...]


@dataclass(frozen=True)
class Schema:
    columns: dict[str, set[str]]
    primary_keys: dict[str, tuple[str, ...]]
    foreign_keys: list[ForeignKey]


def _read(connection: Connection) -> Schema:
    columns: dict[str, set[str]] = {}
    for table, column in connection.execute(
        text(
            "SELECT c.relname, a.attname FROM pg_attribute a"
            " JOIN pg_class c ON c.oid = a.attrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
            " AND a.attnum > 0 AND NOT a.attisdropped"
        )
    ):
        columns.setdefault(table, set()).add(column)
    constraints = connection.execute(
        text(
            "SELECT con.contype::text, c.relname,"
            " ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)"
            "  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),"
            " r.relname,"
            " ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)"
            "  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)"
            " FROM pg_constraint con"
            " JOIN pg_class c ON c.oid = con.conrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " LEFT JOIN pg_class r ON r.oid = con.confrelid"
            " WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f')"
        )
    ).all()
    primary_keys = {table: tuple(cols) for kind, table, cols, _, _ in constraints if kind == "p"}
    foreign_keys = [
        ForeignKey(table, tuple(cols), referred, tuple(referred_cols))
        for kind, table, cols, referred, referred_cols in constraints
        if kind == "f"
    ]
    return Schema(columns, primary_keys, foreign_keys)


def _visitor_keyed(schema: Schema) -> set[str]:
    keyed = {ROOT} | {t for t, cols in schema.columns.items() if "visitor_id" in cols}
    while True:
        more = {fk.table for fk in schema.foreign_keys if fk.referred in keyed} - keyed
        if not more:
            return keyed
        keyed |= more


def _same_visitor(fk: ForeignKey) -> bool:
    pairs = set(zip(fk.columns, fk.referred_columns, strict=True))
    wanted = ("visitor_id", "id") if fk.referred == ROOT else ("visitor_id", "visitor_id")
    return wanted in pairs


def lacking_key(schema: Schema) -> list[str]:
    """Visitor-keyed tables whose primary key lacks visitor_id."""
    keyed = _visitor_keyed(schema)
    return sorted(
        f"{table} PRIMARY KEY {schema.primary_keys.get(table)}"
        for table in keyed - {ROOT} - NOT_DISTRIBUTED_BY_VISITOR.keys()
        if "visitor_id" not in schema.primary_keys.get(table, ())
    )


def crossing_keys(schema: Schema) -> list[str]:
    """Foreign keys between visitor-keyed tables that do not carry visitor_id."""
    keyed = _visitor_keyed(schema)
    return sorted(
        f"{fk.table}{fk.columns} -> {fk.referred}{fk.referred_columns}"
        for fk in schema.foreign_keys
        if fk.table in keyed - NOT_DISTRIBUTED_BY_VISITOR.keys()
        and fk.referred in keyed
        and not _same_visitor(fk)
        and (fk.table, fk.columns) not in CROSS_VISITOR_KEYS
    )


async def _schema(engine: AsyncEngine) -> Schema:
    async with engine.connect() as conn:
        return await conn.run_sync(_read)


async def test_every_visitor_keyed_table_carries_the_visitor_in_its_primary_key(
    engine: AsyncEngine,
) -> None:
    schema = await _schema(engine)
    assert lacking_key(schema) == [], "add visitor_id to the key: PRIMARY KEY (visitor_id, id)"
    assert schema.primary_keys[ROOT] == ("id",)


async def test_foreign_keys_between_visitor_keyed_tables_carry_the_visitor(
    engine: AsyncEngine,
) -> None:
    schema = await _schema(engine)
    assert crossing_keys(schema) == [], "FOREIGN KEY (visitor_id, x) REFERENCES t (visitor_id, id)"


async def test_a_table_added_later_is_held_to_the_rule(engine: AsyncEngine) -> None:
    """Tables made the old way, in a transaction that is rolled back: a visitor's table keyed by
    id alone, and a child of a visitor-keyed table that has no visitor_id at all."""
    async with engine.connect() as conn, conn.begin() as transaction:
        await conn.execute(
            text(
                "CREATE TABLE tax_free_forms (id uuid PRIMARY KEY,"
                " visitor_id uuid NOT NULL REFERENCES visitors (id))"
            )
        )
        await conn.execute(
            text(
                "CREATE TABLE tax_free_lines (id uuid PRIMARY KEY,"
                " form_id uuid NOT NULL REFERENCES tax_free_forms (id))"
            )
        )
        schema = await conn.run_sync(_read)
        await transaction.rollback()
    assert lacking_key(schema) == [
        "tax_free_forms PRIMARY KEY ('id',)",
        "tax_free_lines PRIMARY KEY ('id',)",
    ]
    assert crossing_keys(schema) == ["tax_free_lines('form_id',) -> tax_free_forms('id',)"]


async def test_every_listed_exception_still_exists(engine: AsyncEngine) -> None:
    """An exception whose table or key has gone (or now follows the rule) is taken off the list."""
    schema = await _schema(engine)
    keyed = _visitor_keyed(schema)
    assert sorted(NOT_DISTRIBUTED_BY_VISITOR.keys() - keyed) == []
    live = {(fk.table, fk.columns): fk for fk in schema.foreign_keys}
    stale = [key for key in CROSS_VISITOR_KEYS if key not in live or _same_visitor(live[key])]
    assert stale == []
