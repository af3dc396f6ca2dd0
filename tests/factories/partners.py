"""Travel agencies and their files of travellers, through the product's own services."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.servicers import make_servicer

from omotenashi.servicers.models import Servicer, ServicerCategory


async def make_agency(session: AsyncSession, name: str = "Sakura Tours") -> Servicer:
    """An approved travel agency (it declares no purpose: it receives no visitor data)."""
    return await make_servicer(
        session,
        name=name,
        name_ja="さくらツアーズ",
        category=ServicerCategory.travel_agency,
        municipality_code=None,
        purposes={},
        approved=True,
    )


CSV_HEADER = (
    "reference,party,lead,surname,given_names,email,birth_date,language,arrival,departure,"
    "lodging_municipality"
)


def trip(days_ahead: int = 30, length: int = 4) -> tuple[str, str]:
    arrival = date.today() + timedelta(days=days_ahead)
    return arrival.isoformat(), (arrival + timedelta(days=length)).isoformat()


def kyoto_party_csv(days_ahead: int = 30) -> bytes:
    """A party of three for a tour to Kyoto: the lead, his wife (who reads Traditional
    Chinese) and their son of eight."""
    arrival, departure = trip(days_ahead)
    child_born = (date.today() - timedelta(days=8 * 365)).isoformat()
    rows = [
        CSV_HEADER,
        f"K-1,KYOTO-7,yes,Lin,Wei,wei.lin@example.tw,1980-03-02,zh-Hant,{arrival},{departure},261009",
        f"K-2,KYOTO-7,,Chen,Mei,mei.chen@example.tw,1982-07-15,zh-Hant,{arrival},{departure},261009",
        f"K-3,KYOTO-7,,Lin,Hao,,{child_born},zh-Hant,{arrival},{departure},261009",
    ]
    return ("\n".join(rows) + "\n").encode()
