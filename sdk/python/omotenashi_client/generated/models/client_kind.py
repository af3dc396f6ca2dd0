from enum import StrEnum


class ClientKind(StrEnum):
    SYSTEM = "system"
    TERMINAL = "terminal"

    def __str__(self) -> str:
        return str(self.value)
