from enum import StrEnum


class ServicerState(StrEnum):
    APPROVED = "approved"
    PENDING = "pending"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
