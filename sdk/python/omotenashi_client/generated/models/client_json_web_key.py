from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClientJsonWebKey")


@_attrs_define
class ClientJsonWebKey:
    """
    Attributes:
        kty (Literal['RSA']):
        n (str):
        e (str):
        kid (str): RFC 7638 thumbprint; the `kid` of every client assertion
        use (Literal['sig']):
        alg (Literal['RS256']):
    """

    kty: Literal["RSA"]
    n: str
    e: str
    kid: str
    use: Literal["sig"]
    alg: Literal["RS256"]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kty = self.kty

        n = self.n

        e = self.e

        kid = self.kid

        use = self.use

        alg = self.alg

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kty": kty,
                "n": n,
                "e": e,
                "kid": kid,
                "use": use,
                "alg": alg,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kty = cast(Literal["RSA"], d.pop("kty"))
        if kty != "RSA":
            raise ValueError(f"kty must match const 'RSA', got '{kty}'")

        n = d.pop("n")

        e = d.pop("e")

        kid = d.pop("kid")

        use = cast(Literal["sig"], d.pop("use"))
        if use != "sig":
            raise ValueError(f"use must match const 'sig', got '{use}'")

        alg = cast(Literal["RS256"], d.pop("alg"))
        if alg != "RS256":
            raise ValueError(f"alg must match const 'RS256', got '{alg}'")

        client_json_web_key = cls(
            kty=kty,
            n=n,
            e=e,
            kid=kid,
            use=use,
            alg=alg,
        )

        client_json_web_key.additional_properties = d
        return client_json_web_key

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
