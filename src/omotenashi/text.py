"""Text the database can store, refused at the door otherwise.

PostgreSQL's text holds every Unicode character but NUL, and a lone surrogate (which JSON's
``"\\ud800"`` decodes to) has no UTF-8 form. Either one reaching a statement fails it whole, so
both are refused where a request is validated, naming the field like any other field error:

- every request schema derives from :class:`RequestBody`, which checks each string in each of
  its fields, however deeply nested in lists and objects;
- a form field or a lone body parameter is typed :data:`Text`;
- a service whose page shows its own field errors refuses such text too
  (:func:`unstorable_fields`), so that the page can say so beside the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, field_validator
from pydantic_core import PydanticCustomError

from omotenashi.errors import FieldError
from omotenashi.i18n.markers import N_

CODE = "unstorable_text"
MESSAGE = "Holds a character that cannot be stored (a NUL byte or an unpaired surrogate)."
# Beside a form field, and as the page a form without its own field errors is answered with.
BESIDE_THE_FIELD = N_(
    "This contains a character that cannot be saved, such as an invisible control character. "
    "Please type it again."
)
PAGE_TITLE = N_("Some characters cannot be saved")
PAGE_DETAIL = N_(
    "A field you filled in contains a character that cannot be saved, such as an invisible "
    "control character. Go back, type it again and send the form."
)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_T = TypeVar("_T")


def storable(value: str) -> bool:
    return _UNSTORABLE.search(value) is None


def _first_unstorable(value: object, path: str = "") -> str | None:
    """Where in ``value`` (``""`` for itself, else a dotted path) unstorable text first is."""
    if isinstance(value, str):
        return None if storable(value) else path
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and not storable(key):
                return where
            if (found := _first_unstorable(item, where)) is not None:
                return found
    elif isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            if (found := _first_unstorable(item, f"{path}[{i}]")) is not None:
                return found
    return None


def require_storable(value: _T) -> _T:
    """``value`` itself, or a validation error (``unstorable_text``) naming where inside it."""
    where = _first_unstorable(value)
    if where is not None:
        inside = f" at {where}" if where else ""
        raise PydanticCustomError(CODE, MESSAGE[:-1] + "{inside}.", {"inside": inside})
    return value


Text = Annotated[str, AfterValidator(require_storable)]


class RequestBody(BaseModel):
    """The base of every request schema: no string in it may be one the database cannot store.
    (Nested request schemas check themselves, being request schemas too.)"""

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return require_storable(value)


def unstorable_fields(**values: str | None) -> list[FieldError]:
    """A field error for each of ``values`` (by field name) that cannot be stored."""
    return [
        FieldError(field, MESSAGE, CODE)
        for field, value in values.items()
        if value is not None and not storable(value)
    ]
