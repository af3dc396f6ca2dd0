from __future__ import annotations

import os

import pytest

from omotenashi.security.encryption import (
    DataKey,
    DecryptionError,
    EncryptionError,
    Keyring,
    UnknownMasterKeyError,
    WrappedKey,
)
from omotenashi.security.keys import MasterKey

PASSPORT = b"visitor:2f0c7a4e-0000-4000-8000-000000000001:passport"
OTHER_VISITOR_PASSPORT = b"visitor:2f0c7a4e-0000-4000-8000-000000000002:passport"


def make_master_key() -> MasterKey:
    return MasterKey.from_material(os.urandom(32))


def flip_last_bit(data: bytes) -> bytes:
    return data[:-1] + bytes((data[-1] ^ 1,))


def test_encrypted_attribute_decrypts_to_the_same_bytes() -> None:
    data_key, _ = Keyring(make_master_key()).new_data_key()
    ciphertext = data_key.encrypt(b"TR1234567", context=PASSPORT)
    assert data_key.decrypt(ciphertext, context=PASSPORT) == b"TR1234567"


def test_json_attribute_round_trips_including_non_ascii_text() -> None:
    data_key, _ = Keyring(make_master_key()).new_data_key()
    value = {"surname": "ยิ่งเจริญ", "given_names": "สมชาย", "number": "AA1234567"}
    ciphertext = data_key.encrypt_json(value, context=PASSPORT)
    assert data_key.decrypt_json(ciphertext, context=PASSPORT) == value


def test_same_plaintext_encrypts_differently_each_time() -> None:
    data_key, _ = Keyring(make_master_key()).new_data_key()
    first = data_key.encrypt(b"halal", context=PASSPORT)
    second = data_key.encrypt(b"halal", context=PASSPORT)
    assert first != second
    assert b"halal" not in first


def test_ciphertext_moved_to_another_visitor_fails_to_decrypt() -> None:
    data_key, _ = Keyring(make_master_key()).new_data_key()
    ciphertext = data_key.encrypt(b"TR1234567", context=PASSPORT)
    with pytest.raises(DecryptionError):
        data_key.decrypt(ciphertext, context=OTHER_VISITOR_PASSPORT)


def test_tampered_ciphertext_fails_to_decrypt() -> None:
    data_key, _ = Keyring(make_master_key()).new_data_key()
    ciphertext = data_key.encrypt(b"TR1234567", context=PASSPORT)
    with pytest.raises(DecryptionError):
        data_key.decrypt(flip_last_bit(ciphertext), context=PASSPORT)


def test_truncated_ciphertext_fails_to_decrypt() -> None:
    data_key, _ = Keyring(make_master_key()).new_data_key()
    ciphertext = data_key.encrypt(b"TR1234567", context=PASSPORT)
    with pytest.raises(DecryptionError):
        data_key.decrypt(ciphertext[:10], context=PASSPORT)


def test_decryption_error_is_an_encryption_error() -> None:
    assert issubclass(DecryptionError, EncryptionError)
    assert issubclass(UnknownMasterKeyError, EncryptionError)


def test_wrapped_key_survives_storage_as_bytes() -> None:
    keyring = Keyring(make_master_key())
    data_key, wrapped = keyring.new_data_key()
    ciphertext = data_key.encrypt(b"TR1234567", context=PASSPORT)
    stored = WrappedKey.from_bytes(wrapped.to_bytes())
    assert stored == wrapped
    assert keyring.unwrap(stored).decrypt(ciphertext, context=PASSPORT) == b"TR1234567"


def test_malformed_stored_wrapped_key_is_a_decryption_error() -> None:
    _, wrapped = Keyring(make_master_key()).new_data_key()
    with pytest.raises(DecryptionError):
        WrappedKey.from_bytes(wrapped.to_bytes()[:-1])


def test_tampered_wrapped_key_fails_to_unwrap() -> None:
    keyring = Keyring(make_master_key())
    _, wrapped = keyring.new_data_key()
    with pytest.raises(DecryptionError):
        keyring.unwrap(WrappedKey(wrapped.master_key_id, flip_last_bit(wrapped.blob)))


def test_unwrap_with_unknown_master_key_id_fails() -> None:
    _, wrapped = Keyring(make_master_key()).new_data_key()
    with pytest.raises(UnknownMasterKeyError) as raised:
        Keyring(make_master_key()).unwrap(wrapped)
    assert raised.value.master_key_id == wrapped.master_key_id


def test_data_stays_readable_after_rotation_rewraps_its_key() -> None:
    old_master, new_master = make_master_key(), make_master_key()
    data_key, wrapped = Keyring(old_master).new_data_key()
    ciphertext = data_key.encrypt(b"TR1234567", context=PASSPORT)

    rotating = Keyring(new_master, previous=(old_master,))
    assert rotating.needs_rewrap(wrapped)
    rewrapped = rotating.rewrap(wrapped)

    assert rewrapped.master_key_id == new_master.key_id
    assert not rotating.needs_rewrap(rewrapped)
    after_rotation = Keyring(new_master)
    assert after_rotation.unwrap(rewrapped).decrypt(ciphertext, context=PASSPORT) == b"TR1234567"


def test_rewrapped_key_no_longer_needs_the_old_master_key() -> None:
    old_master, new_master = make_master_key(), make_master_key()
    _, wrapped = Keyring(old_master).new_data_key()
    rewrapped = Keyring(new_master, previous=(old_master,)).rewrap(wrapped)
    assert old_master.key_id.encode() not in rewrapped.to_bytes()
    with pytest.raises(UnknownMasterKeyError):
        Keyring(old_master).unwrap(rewrapped)


def test_shredded_visitor_data_cannot_be_decrypted_with_any_key() -> None:
    keyring = Keyring(make_master_key(), previous=(make_master_key(),))
    data_key, wrapped = keyring.new_data_key()
    ciphertext = data_key.encrypt(b"TR1234567", context=PASSPORT)
    del data_key, wrapped  # erasure deletes the stored wrapped key

    other_key, _ = keyring.new_data_key()
    with pytest.raises(DecryptionError):
        other_key.decrypt(ciphertext, context=PASSPORT)


def test_reprs_show_no_key_material() -> None:
    current, previous = make_master_key(), make_master_key()
    keyring = Keyring(current, previous=(previous,))
    data_key, wrapped = keyring.new_data_key()
    material = data_key._material
    shown = " ".join((repr(keyring), repr(data_key), repr(wrapped), str(keyring)))
    for secret in (material, current.material, previous.material):
        assert secret.hex() not in shown
        assert repr(secret) not in shown
    assert current.key_id in repr(keyring)
    assert previous.key_id in repr(keyring)


def test_decryption_error_does_not_reveal_the_plaintext() -> None:
    data_key, _ = Keyring(make_master_key()).new_data_key()
    ciphertext = data_key.encrypt(b"not json: TR1234567", context=PASSPORT)
    with pytest.raises(DecryptionError) as raised:
        data_key.decrypt_json(ciphertext, context=PASSPORT)
    assert "TR1234567" not in str(raised.value)
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__


def test_encryption_without_a_context_is_refused() -> None:
    data_key = DataKey.generate()
    with pytest.raises(ValueError, match="context"):
        data_key.encrypt(b"TR1234567", context=b"")
