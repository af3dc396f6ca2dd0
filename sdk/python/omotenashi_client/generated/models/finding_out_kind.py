from enum import StrEnum


class FindingOutKind(StrEnum):
    ALLERGEN = "allergen"
    DIET = "diet"

    def __str__(self) -> str:
        return str(self.value)
