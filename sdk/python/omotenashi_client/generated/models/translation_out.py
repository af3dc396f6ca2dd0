from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.translation_out_field import TranslationOutField

T = TypeVar("T", bound="TranslationOut")


@_attrs_define
class TranslationOut:
    """
    Attributes:
        language (str):
        field (TranslationOutField):
        text (None | str): null: needs translation
        needs_translation (bool):
        provenance (None | str): tm_exact, tm_fuzzy, machine, human or visitor_suggestion
        score (float | None): tm_fuzzy: similarity of the memory's source, 0-1
        engine (None | str): machine: the engine, e.g. deepl
        edited_by (None | str): human: who
        approved_by (None | str): visitor_suggestion: who accepted it
        segment_id (int | None): The translation-bank segment used or written
        updated_at (datetime.datetime):
    """

    language: str
    field: TranslationOutField
    text: None | str
    needs_translation: bool
    provenance: None | str
    score: float | None
    engine: None | str
    edited_by: None | str
    approved_by: None | str
    segment_id: int | None
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        field = self.field.value

        text: None | str
        text = self.text

        needs_translation = self.needs_translation

        provenance: None | str
        provenance = self.provenance

        score: float | None
        score = self.score

        engine: None | str
        engine = self.engine

        edited_by: None | str
        edited_by = self.edited_by

        approved_by: None | str
        approved_by = self.approved_by

        segment_id: int | None
        segment_id = self.segment_id

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "language": language,
                "field": field,
                "text": text,
                "needs_translation": needs_translation,
                "provenance": provenance,
                "score": score,
                "engine": engine,
                "edited_by": edited_by,
                "approved_by": approved_by,
                "segment_id": segment_id,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        language = d.pop("language")

        field = TranslationOutField(d.pop("field"))

        def _parse_text(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        text = _parse_text(d.pop("text"))

        needs_translation = d.pop("needs_translation")

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

        def _parse_edited_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        edited_by = _parse_edited_by(d.pop("edited_by"))

        def _parse_approved_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        approved_by = _parse_approved_by(d.pop("approved_by"))

        def _parse_segment_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        segment_id = _parse_segment_id(d.pop("segment_id"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        translation_out = cls(
            language=language,
            field=field,
            text=text,
            needs_translation=needs_translation,
            provenance=provenance,
            score=score,
            engine=engine,
            edited_by=edited_by,
            approved_by=approved_by,
            segment_id=segment_id,
            updated_at=updated_at,
        )

        translation_out.additional_properties = d
        return translation_out

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
