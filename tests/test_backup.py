"""`omotenashi backup` and `omotenashi restore` as an operator runs them: a restore does not
bring back a visitor erased after the backup was taken."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.cli import cli_env, run_cli
from tests.conftest import _recreate

from omotenashi import db, erasures
from omotenashi.pgcluster import EmbeddedCluster
from omotenashi.privacy import service as privacy
from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.visitors import service as visitors

pytestmark = pytest.mark.slow(0.1)

PROFILE = {"name": {"surname": "ERASED", "given_names": "AFTER BACKUP"}, "allergens": ["egg"]}


async def test_a_restore_does_not_bring_back_a_visitor_erased_after_the_backup(
    cluster: EmbeddedCluster, migrated: str, tmp_path: Path
) -> None:
    name = f"omotenashi_backup_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    await _recreate(cluster.url(), name, template=migrated)
    url = cluster.url(name)
    master = os.urandom(32)
    signing = Ed25519PrivateKey.generate()
    keys = PlatformKeys(master=MasterKey.from_material(master), signing_key=signing)
    journal = tmp_path / "journal" / "erasures.log"
    env = cli_env(
        tmp_path / "var",
        OMOTENASHI_DATABASE_URL=url,
        OMOTENASHI_MASTER_KEY=base64.b64encode(master).decode(),
        OMOTENASHI_TOKEN_SIGNING_KEY=signing.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        OMOTENASHI_VAPID_PRIVATE_KEY=ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode(),
        OMOTENASHI_ERASURE_JOURNAL=str(journal),
    )
    engine = db.create_engine(url, pool_size=1)
    sessions = db.session_factory(engine)
    try:
        async with db.session_scope(sessions) as session:
            leaving = await visitors.create_visitor(session, keys.keyring)
            await visitors.update_profile(session, keys.keyring, leaving.id, PROFILE)
            staying = await visitors.create_visitor(session, keys.keyring)
            await visitors.update_profile(session, keys.keyring, staying.id, PROFILE)

        dump = tmp_path / "backups" / "before.dump"
        taken = run_cli(["backup", str(dump)], env)
        assert taken.returncode == 0, taken.stderr
        note = json.loads(dump.with_name("before.dump.json").read_text())
        assert note["master_key_ids"] == [keys.master.key_id]

        erasures.configure(journal)  # as the server that erases is configured
        try:
            async with db.session_scope(sessions) as session:
                assert await privacy.erase(session, [leaving.id]) == 1
        finally:
            erasures.configure(None)
        assert str(leaving.id) in journal.read_text()
        assert "ERASED" not in journal.read_text()  # ids only, nothing personal

        restored = run_cli(["restore", str(dump)], env)
        assert restored.returncode == 0, restored.stderr
        assert "1 visitor(s) erased since the backup erased again" in restored.stdout

        async with db.session_scope(sessions) as session:
            rows = await session.execute(
                sa.text("SELECT id, data_key IS NOT NULL AS keyed FROM visitors")
            )
            present = {row.id: row.keyed for row in rows}
            sealed = await session.scalar(
                sa.text("SELECT count(*) FROM visitor_attributes WHERE visitor_id = :v"),
                {"v": leaving.id},
            )
            kept = await visitors.read_profile(session, keys.keyring, staying.id)
        assert leaving.id not in present  # erased again: no row, no data key
        assert sealed == 0  # their sealed values are gone with it
        assert present[staying.id] is True  # everyone else is back as backed up
        assert kept["name"]["surname"] == "ERASED"
    finally:
        await engine.dispose()
