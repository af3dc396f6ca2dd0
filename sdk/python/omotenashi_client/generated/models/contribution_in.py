from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.segment_in import SegmentIn


T = TypeVar("T", bound="ContributionIn")


@_attrs_define
class ContributionIn:
    """
    Attributes:
        segments (list[SegmentIn]):
        licence (str): contributor-only (used for the contributor's content alone, never exported) or an SPDX identifier
            such as CC-BY-4.0
        source (None | str | Unset): Where the text comes from
    """

    segments: list[SegmentIn]
    licence: str
    source: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        segments = []
        for segments_item_data in self.segments:
            segments_item = segments_item_data.to_dict()
            segments.append(segments_item)

        licence = self.licence

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "segments": segments,
                "licence": licence,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_in import SegmentIn  # noqa: PLC0415

        d = dict(src_dict)
        segments = []
        _segments = d.pop("segments")
        for segments_item_data in _segments:
            segments_item = SegmentIn.from_dict(segments_item_data)

            segments.append(segments_item)

        licence = d.pop("licence")

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        contribution_in = cls(
            segments=segments,
            licence=licence,
            source=source,
        )

        return contribution_in
