from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pair_statistics_out_origins import PairStatisticsOutOrigins
    from ..models.pair_statistics_out_translations import PairStatisticsOutTranslations


T = TypeVar("T", bound="PairStatisticsOut")


@_attrs_define
class PairStatisticsOut:
    """
    Attributes:
        source_lang (str):
        target_lang (str):
        segments (int):
        contributors (int): Servicers, and the operator as one
        origins (PairStatisticsOutOrigins): Segments by how they came: tmx_import, contribution, human_edit,
            visitor_suggestion
        translations (PairStatisticsOutTranslations): Content fields in this pair by provenance (tm_exact, tm_fuzzy,
            machine, human, visitor_suggestion) or needs_translation
    """

    source_lang: str
    target_lang: str
    segments: int
    contributors: int
    origins: PairStatisticsOutOrigins
    translations: PairStatisticsOutTranslations
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_lang = self.source_lang

        target_lang = self.target_lang

        segments = self.segments

        contributors = self.contributors

        origins = self.origins.to_dict()

        translations = self.translations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source_lang": source_lang,
                "target_lang": target_lang,
                "segments": segments,
                "contributors": contributors,
                "origins": origins,
                "translations": translations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pair_statistics_out_origins import PairStatisticsOutOrigins  # noqa: PLC0415
        from ..models.pair_statistics_out_translations import PairStatisticsOutTranslations  # noqa: PLC0415

        d = dict(src_dict)
        source_lang = d.pop("source_lang")

        target_lang = d.pop("target_lang")

        segments = d.pop("segments")

        contributors = d.pop("contributors")

        origins = PairStatisticsOutOrigins.from_dict(d.pop("origins"))

        translations = PairStatisticsOutTranslations.from_dict(d.pop("translations"))

        pair_statistics_out = cls(
            source_lang=source_lang,
            target_lang=target_lang,
            segments=segments,
            contributors=contributors,
            origins=origins,
            translations=translations,
        )

        pair_statistics_out.additional_properties = d
        return pair_statistics_out

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
