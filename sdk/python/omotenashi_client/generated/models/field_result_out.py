from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.field_result_out_field import FieldResultOutField
from ..models.field_result_out_state import FieldResultOutState

T = TypeVar("T", bound="FieldResultOut")


@_attrs_define
class FieldResultOut:
    """
    Attributes:
        language (str):
        field (FieldResultOutField):
        state (FieldResultOutState): kept: a person's translation, left as it was
        provenance (None | str):
        score (float | None):
        engine (None | str):
        reason (None | str): Why it needs translation: no_engine, unsupported_language_pair, mt_unavailable,
            mt_rejected, mt_empty
    """

    language: str
    field: FieldResultOutField
    state: FieldResultOutState
    provenance: None | str
    score: float | None
    engine: None | str
    reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        field = self.field.value

        state = self.state.value

        provenance: None | str
        provenance = self.provenance

        score: float | None
        score = self.score

        engine: None | str
        engine = self.engine

        reason: None | str
        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "language": language,
                "field": field,
                "state": state,
                "provenance": provenance,
                "score": score,
                "engine": engine,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        language = d.pop("language")

        field = FieldResultOutField(d.pop("field"))

        state = FieldResultOutState(d.pop("state"))

        def _parse_provenance(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        provenance = _parse_provenance(d.pop("provenance"))

        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))

        def _parse_engine(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        engine = _parse_engine(d.pop("engine"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        field_result_out = cls(
            language=language,
            field=field,
            state=state,
            provenance=provenance,
            score=score,
            engine=engine,
            reason=reason,
        )

        field_result_out.additional_properties = d
        return field_result_out

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
