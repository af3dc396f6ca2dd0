from enum import StrEnum


class Presence(StrEnum):
    CONTAINS = "contains"
    FREE = "free"
    MAY_CONTAIN = "may_contain"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
