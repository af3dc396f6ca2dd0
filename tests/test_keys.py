from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import SecretStr

from omotenashi.config import Settings
from omotenashi.security import jwks
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import (
    MasterKey,
    MissingSecretError,
    _new_signing_pem,
    keys_dir,
    load_keys,
    new_vapid_pem,
    rotate_embedded_master,
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


def _key_text() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def _production(tmp_path: Path, **secrets: str) -> Settings:
    return Settings(
        data_dir=tmp_path,
        database_url=SecretStr("postgresql://x@db/omotenashi"),
        master_key=SecretStr(secrets.pop("master", _key_text())),
        token_signing_key=SecretStr(_new_signing_pem()),
        vapid_private_key=SecretStr(new_vapid_pem()),
        **{name: SecretStr(value) for name, value in secrets.items()},
    )


def test_rotation_settings_come_from_their_environment_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, old, new = _key_text(), _key_text(), _key_text()
    monkeypatch.setenv("OMOTENASHI_DATABASE_URL", "postgresql://x@db/omotenashi")
    monkeypatch.setenv("OMOTENASHI_MASTER_KEY", new)
    monkeypatch.setenv("OMOTENASHI_PREVIOUS_MASTER_KEYS", f"{old}, {first},")
    monkeypatch.setenv("OMOTENASHI_DERIVATION_KEY", first)
    monkeypatch.setenv("OMOTENASHI_TOKEN_SIGNING_KEY", _new_signing_pem())
    monkeypatch.setenv("OMOTENASHI_VAPID_PRIVATE_KEY", new_vapid_pem())

    keys = load_keys(Settings(data_dir=tmp_path))

    assert keys.master == MasterKey.from_material(base64.b64decode(new))
    assert keys.previous_masters == tuple(
        MasterKey.from_material(base64.b64decode(text)) for text in (old, first)
    )
    assert keys.derivation == MasterKey.from_material(base64.b64decode(first))
    _, wrapped = Keyring(keys.previous_masters[1]).new_data_key()
    assert keys.keyring.needs_rewrap(wrapped)
    assert keys.keyring.rewrap(wrapped).master_key_id == keys.master.key_id
    for text in (first, old, new):
        assert text not in repr(keys)


def test_without_a_derivation_key_the_master_key_is_the_root(tmp_path: Path) -> None:
    keys = load_keys(_production(tmp_path))
    assert keys.derivation == keys.master
    assert keys.previous_masters == ()


def test_a_malformed_previous_master_key_is_named_by_its_place(tmp_path: Path) -> None:
    settings = _production(
        tmp_path,
        previous_master_keys=f"{_key_text()},not-a-key",
        derivation_key=_key_text(),
    )
    with pytest.raises(
        MissingSecretError,
        match=r"OMOTENASHI_PREVIOUS_MASTER_KEYS \(key 2\) is not a base64-encoded 32-byte key",
    ):
        load_keys(settings)


def test_a_malformed_derivation_key_is_refused_clearly(tmp_path: Path) -> None:
    short = base64.b64encode(os.urandom(16)).decode()
    with pytest.raises(
        MissingSecretError, match="OMOTENASHI_DERIVATION_KEY is not a base64-encoded 32-byte key"
    ):
        load_keys(_production(tmp_path, derivation_key=short))


def test_previous_master_keys_without_a_derivation_key_are_refused(tmp_path: Path) -> None:
    settings = _production(tmp_path, previous_master_keys=_key_text())
    with pytest.raises(MissingSecretError, match="OMOTENASHI_DERIVATION_KEY is not set"):
        load_keys(settings)


def test_embedded_rotation_keeps_the_old_key_and_pins_the_derivation_key(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    original = load_keys(settings)

    first = rotate_embedded_master(settings)
    once = load_keys(settings)
    second = rotate_embedded_master(settings)
    twice = load_keys(settings)

    assert first.previous == original.master
    assert first.derivation_pinned
    assert once.master == first.current != original.master
    assert once.previous_masters == (original.master,)
    assert once.derivation == original.master
    assert not second.derivation_pinned
    assert twice.master == second.current
    assert set(twice.previous_masters) == {original.master, first.current}
    assert twice.derivation == original.master
    folder = keys_dir(settings)
    assert sorted(p.name for p in (folder / "master-previous").iterdir()) == sorted(
        f"{key.key_id}.key" for key in (original.master, first.current)
    )
    for path in folder.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def _public_pem(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def test_previous_signing_keys_come_from_their_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    retired_public, retired_private = _new_signing_pem(), _new_signing_pem()
    monkeypatch.setenv(
        "OMOTENASHI_PREVIOUS_TOKEN_SIGNING_KEYS",
        _public_pem(retired_public) + "\n" + retired_private,
    )
    keys = load_keys(_production(tmp_path))
    published = [key["kid"] for key in jwks.key_set(keys)["keys"]]
    assert published == [
        jwks.kid(keys.signing_key),
        *(jwks.kid(_signing_key(pem)) for pem in (retired_public, retired_private)),
    ]
    assert retired_private not in repr(keys)


def test_embedded_previous_signing_keys_are_read_from_their_folder(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    current = load_keys(settings)
    retired = _new_signing_pem()
    folder = keys_dir(settings) / "token-signing-previous"
    folder.mkdir(mode=0o700)
    (folder / "2026-11-01.pem").write_text(_public_pem(retired))
    keys = load_keys(settings)
    assert keys.signing_key.public_key() == current.signing_key.public_key()
    assert [jwks.kid(key) for key in keys.signing_public_keys] == [
        jwks.kid(current.signing_key),
        jwks.kid(_signing_key(retired)),
    ]


def test_a_malformed_previous_signing_key_is_named_by_its_place(tmp_path: Path) -> None:
    vapid = new_vapid_pem()
    settings = _production(
        tmp_path, previous_token_signing_keys=_public_pem(_new_signing_pem()) + vapid
    )
    with pytest.raises(
        MissingSecretError,
        match=r"OMOTENASHI_PREVIOUS_TOKEN_SIGNING_KEYS \(key 2\) must be an Ed25519 key",
    ):
        load_keys(settings)
    with pytest.raises(MissingSecretError, match="holds no PEM key"):
        load_keys(_production(tmp_path, previous_token_signing_keys="not a key"))


def _signing_key(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    return key
