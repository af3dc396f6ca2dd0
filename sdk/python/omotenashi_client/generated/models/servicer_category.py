from enum import StrEnum


class ServicerCategory(StrEnum):
    HOTEL = "hotel"
    MUNICIPALITY = "municipality"
    RESTAURANT = "restaurant"
    RETAIL = "retail"
    TOURIST_INFORMATION = "tourist_information"
    TRANSIT = "transit"
    TRAVEL_AGENCY = "travel_agency"
    VENUE = "venue"

    def __str__(self) -> str:
        return str(self.value)
