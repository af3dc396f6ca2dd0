from enum import StrEnum


class ImportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    OTA = "ota"

    def __str__(self) -> str:
        return str(self.value)
