from enum import StrEnum


class AlertState(StrEnum):
    CANCELLED = "cancelled"
    DISCARDED = "discarded"
    DRAFT = "draft"
    ISSUED = "issued"
    SUPERSEDED = "superseded"

    def __str__(self) -> str:
        return str(self.value)
