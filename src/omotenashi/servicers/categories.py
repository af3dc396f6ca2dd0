"""Names of the kinds of servicer, as a visitor reads them when granting a whole kind."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from omotenashi.i18n import catalogue_label
from omotenashi.i18n.markers import N_
from omotenashi.servicers.models import ServicerCategory

CATEGORY_LABELS: Mapping[ServicerCategory, Mapping[str, str]] = MappingProxyType(
    {
        ServicerCategory.hotel: catalogue_label("宿泊施設", "Hotels and inns", "servicer category"),
        ServicerCategory.retail: catalogue_label("小売店", "Shops", "servicer category"),
        ServicerCategory.restaurant: catalogue_label("飲食店", "Restaurants", "servicer category"),
        ServicerCategory.transit: catalogue_label("交通機関", "Transport", "servicer category"),
        ServicerCategory.venue: catalogue_label("会場・施設", "Venues", "servicer category"),
        ServicerCategory.municipality: catalogue_label(
            "自治体", "Local governments", "servicer category"
        ),
        ServicerCategory.tourist_information: catalogue_label(
            "観光案内所", "Tourist information centres", "servicer category"
        ),
        ServicerCategory.travel_agency: catalogue_label(
            "旅行会社", "Travel agencies", "servicer category"
        ),
    }
)
# Partners receive no visitor data: no one grants consent to them.
PARTNER_CATEGORIES = frozenset({ServicerCategory.travel_agency})

# The kind of servicer a visitor most likely means for each purpose, offered first.
USUAL_CATEGORY = {
    "hotel_check_in": ServicerCategory.hotel,
    "tax_free_sale": ServicerCategory.retail,
    "food_service": ServicerCategory.restaurant,
    "guidance": ServicerCategory.transit,
    "event_entry": ServicerCategory.venue,
    "payment": ServicerCategory.retail,
    "emergency": ServicerCategory.municipality,
}


def category_label(category: str, language: str) -> str:
    labels = CATEGORY_LABELS[ServicerCategory(category)]
    return labels.get(language) or labels["en"]


SERVICER_STATES = {
    "pending": N_("Waiting for approval"),
    "approved": N_("Approved"),
    "suspended": N_("Suspended"),
}
PURPOSE_STATES = {
    "requested": N_("Requested"),
    "approved": N_("Approved"),
    "refused": N_("Refused"),
}
CLIENT_KINDS = {"terminal": N_("Terminal"), "system": N_("System")}
STAFF_ROLES = {"servicer_admin": N_("Administrator"), "servicer_staff": N_("Counter staff")}
