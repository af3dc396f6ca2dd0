from enum import StrEnum


class TextChange(StrEnum):
    DELETED = "deleted"
    INSERTED = "inserted"
    SAME = "same"

    def __str__(self) -> str:
        return str(self.value)
