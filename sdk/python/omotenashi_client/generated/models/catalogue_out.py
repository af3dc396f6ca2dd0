from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.allergen_rule_out import AllergenRuleOut
    from ..models.attribute_out import AttributeOut
    from ..models.catalogue_purpose import CataloguePurpose
    from ..models.scope_out import ScopeOut


T = TypeVar("T", bound="CatalogueOut")


@_attrs_define
class CatalogueOut:
    """
    Attributes:
        version (str): The attribute catalogue's version, named by every receipt and export
        languages (list[str]): Every language a label is given in
        attributes (list[AttributeOut]):
        allergen_rules (list[AllergenRuleOut]): Japan's allergen labelling list over time: the `allergens` vocabulary's
            place in the law
        purposes (list[CataloguePurpose]):
        scopes (list[ScopeOut]):
    """

    version: str
    languages: list[str]
    attributes: list[AttributeOut]
    allergen_rules: list[AllergenRuleOut]
    purposes: list[CataloguePurpose]
    scopes: list[ScopeOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        languages = self.languages

        attributes = []
        for attributes_item_data in self.attributes:
            attributes_item = attributes_item_data.to_dict()
            attributes.append(attributes_item)

        allergen_rules = []
        for allergen_rules_item_data in self.allergen_rules:
            allergen_rules_item = allergen_rules_item_data.to_dict()
            allergen_rules.append(allergen_rules_item)

        purposes = []
        for purposes_item_data in self.purposes:
            purposes_item = purposes_item_data.to_dict()
            purposes.append(purposes_item)

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.to_dict()
            scopes.append(scopes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "languages": languages,
                "attributes": attributes,
                "allergen_rules": allergen_rules,
                "purposes": purposes,
                "scopes": scopes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allergen_rule_out import AllergenRuleOut  # noqa: PLC0415
        from ..models.attribute_out import AttributeOut  # noqa: PLC0415
        from ..models.catalogue_purpose import CataloguePurpose  # noqa: PLC0415
        from ..models.scope_out import ScopeOut  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        languages = cast(list[str], d.pop("languages"))

        attributes = []
        _attributes = d.pop("attributes")
        for attributes_item_data in _attributes:
            attributes_item = AttributeOut.from_dict(attributes_item_data)

            attributes.append(attributes_item)

        allergen_rules = []
        _allergen_rules = d.pop("allergen_rules")
        for allergen_rules_item_data in _allergen_rules:
            allergen_rules_item = AllergenRuleOut.from_dict(allergen_rules_item_data)

            allergen_rules.append(allergen_rules_item)

        purposes = []
        _purposes = d.pop("purposes")
        for purposes_item_data in _purposes:
            purposes_item = CataloguePurpose.from_dict(purposes_item_data)

            purposes.append(purposes_item)

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = ScopeOut.from_dict(scopes_item_data)

            scopes.append(scopes_item)

        catalogue_out = cls(
            version=version,
            languages=languages,
            attributes=attributes,
            allergen_rules=allergen_rules,
            purposes=purposes,
            scopes=scopes,
        )

        catalogue_out.additional_properties = d
        return catalogue_out

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
