from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.purpose_key import PurposeKey

if TYPE_CHECKING:
    from ..models.resolve_response_attributes import ResolveResponseAttributes
    from ..models.resolve_response_verification import ResolveResponseVerification


T = TypeVar("T", bound="ResolveResponse")


@_attrs_define
class ResolveResponse:
    """
    Attributes:
        subject (str): Pairwise id: stable for this servicer, unlinkable elsewhere.
        language (str): The language to serve the visitor in (BCP 47).
        purpose (PurposeKey):
        attributes (ResolveResponseAttributes):
        missing (list[str]): Needed by the purpose but not granted.
        verification (ResolveResponseVerification): For every key of `attributes`: who verified its value and when, or
            null for a value the visitor typed themselves. A verified value the visitor later edits is typed again (null).
    """

    subject: str
    language: str
    purpose: PurposeKey
    attributes: ResolveResponseAttributes
    missing: list[str]
    verification: ResolveResponseVerification
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        subject = self.subject

        language = self.language

        purpose = self.purpose.value

        attributes = self.attributes.to_dict()

        missing = self.missing

        verification = self.verification.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "subject": subject,
                "language": language,
                "purpose": purpose,
                "attributes": attributes,
                "missing": missing,
                "verification": verification,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resolve_response_attributes import ResolveResponseAttributes  # noqa: PLC0415
        from ..models.resolve_response_verification import ResolveResponseVerification  # noqa: PLC0415

        d = dict(src_dict)
        subject = d.pop("subject")

        language = d.pop("language")

        purpose = PurposeKey(d.pop("purpose"))

        attributes = ResolveResponseAttributes.from_dict(d.pop("attributes"))

        missing = cast(list[str], d.pop("missing"))

        verification = ResolveResponseVerification.from_dict(d.pop("verification"))

        resolve_response = cls(
            subject=subject,
            language=language,
            purpose=purpose,
            attributes=attributes,
            missing=missing,
            verification=verification,
        )

        resolve_response.additional_properties = d
        return resolve_response

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
