from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.registration_profile import RegistrationProfile


T = TypeVar("T", bound="Registration")


@_attrs_define
class Registration:
    """
    Attributes:
        language (str | Unset): BCP 47 tag of the language to be served in Default: 'en'.
        profile (RegistrationProfile | Unset): Attributes by catalogue key: every key, its value shape and vocabulary
            are listed by GET /v1/catalogue
    """

    language: str | Unset = "en"
    profile: RegistrationProfile | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        profile: dict[str, Any] | Unset = UNSET
        if not isinstance(self.profile, Unset):
            profile = self.profile.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if language is not UNSET:
            field_dict["language"] = language
        if profile is not UNSET:
            field_dict["profile"] = profile

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.registration_profile import RegistrationProfile  # noqa: PLC0415

        d = dict(src_dict)
        language = d.pop("language", UNSET)

        _profile = d.pop("profile", UNSET)
        profile: RegistrationProfile | Unset
        if isinstance(_profile, Unset):
            profile = UNSET
        else:
            profile = RegistrationProfile.from_dict(_profile)

        registration = cls(
            language=language,
            profile=profile,
        )

        registration.additional_properties = d
        return registration

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
