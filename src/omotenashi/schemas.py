"""The base of every API response shape: built from a domain object's attributes, so a route
returns the object under ``response_model`` and no hand-written mapper copies it field by field.
Where a shape differs from the object (a sorted list, a derived value), the schema says so with
a validator or a computed field, next to the field it concerns."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True)
