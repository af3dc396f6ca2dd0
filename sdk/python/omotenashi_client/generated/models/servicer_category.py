from enum import StrEnum


class ServicerCategory(StrEnum):
    HOTEL = "hotel"
    MUNICIPALITY = "municipality"
    RESTAURANT = "restaurant"
    RETAIL = "retail"
    TOURIST_INFORMATION = "tourist_information"
    TRANSIT = "transit"
    VENUE = "venue"

    def __str__(self) -> str:
        return str(self.value)
