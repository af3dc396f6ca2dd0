from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from omotenashi.config import Settings
from omotenashi.security.keys import (
    MissingSecretError,
    _new_signing_pem,
    keys_dir,
    load_keys,
    new_vapid_pem,
)


def test_embedded_keys_are_generated_once_and_private(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = load_keys(settings)
    second = load_keys(settings)
    assert first.master.material == second.master.material
    assert first.master.key_id == second.master.key_id
    for path in keys_dir(settings).iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(keys_dir(settings).stat().st_mode) == 0o700


def test_production_without_master_key_refuses_to_start(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=SecretStr("postgresql://x@db/omotenashi"))
    with pytest.raises(MissingSecretError, match="OMOTENASHI_MASTER_KEY is not set"):
        load_keys(settings)
    assert not keys_dir(settings).exists()


def test_production_rejects_a_malformed_master_key(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        database_url=SecretStr("postgresql://x@db/omotenashi"),
        master_key=SecretStr("too-short"),
        token_signing_key=SecretStr("irrelevant"),
    )
    with pytest.raises(MissingSecretError, match="base64-encoded 32-byte key"):
        load_keys(settings)


def test_key_material_never_shows_in_repr(tmp_path: Path) -> None:
    keys = load_keys(Settings(data_dir=tmp_path))
    assert keys.master.material.hex() not in repr(keys)
    assert keys.database_password
    assert keys.database_password not in repr(keys)


def test_production_without_vapid_key_refuses_to_start(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        database_url=SecretStr("postgresql://x@db/omotenashi"),
        master_key=SecretStr(base64.b64encode(bytes(32)).decode()),
        token_signing_key=SecretStr(_new_signing_pem()),
    )
    with pytest.raises(MissingSecretError, match="OMOTENASHI_VAPID_PRIVATE_KEY is not set"):
        load_keys(settings)
    keys = load_keys(settings.model_copy(update={"vapid_private_key": SecretStr(new_vapid_pem())}))
    assert keys.vapid_key is not None


def test_embedded_vapid_key_is_generated_once(tmp_path: Path) -> None:
    first = load_keys(Settings(data_dir=tmp_path))
    second = load_keys(Settings(data_dir=tmp_path))
    assert first.vapid_key is not None
    assert second.vapid_key is not None
    assert first.vapid_key.private_numbers() == second.vapid_key.private_numbers()
