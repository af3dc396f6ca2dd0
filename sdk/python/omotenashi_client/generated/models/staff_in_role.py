from enum import StrEnum


class StaffInRole(StrEnum):
    SERVICER_ADMIN = "servicer_admin"
    SERVICER_STAFF = "servicer_staff"

    def __str__(self) -> str:
        return str(self.value)
