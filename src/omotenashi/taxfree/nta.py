"""The National Tax Agency's 免税販売管理システム, behind one interface.

Every mapping between our records and the system's shapes lives in this module: the purchase
record (購入記録情報) with its header, passport, shop and item parts; the submission's answer
(受理 / 不受理 with the tax office's reason); the pull-type customs-confirmation API
(税関確認情報API, one answer per 送信番号) and the confirmation file a shop downloads from it.
The exact specification is given to registered senders only, so the shapes here follow the
published descriptions (FACTS.md); fitting the real one is this file's work alone.

A shop connects with its own client certificate, to the test or the production environment
(``Settings.nta_test_url`` / ``nta_production_url``). A shop not configured sends through an
approved sender instead: its records are offered as files in the same shapes.
"""

from __future__ import annotations

import json
import os
import ssl
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

import httpx

PROCEDURE_ID = "TFS0010"  # 手続ID of the purchase-record submission
SPEC_VERSION = "1.0"
SUBMIT_PATH = "/api/v1/purchase-records"
CONFIRMATIONS_PATH = "/api/v1/customs-confirmations"
BATCH = 1000  # records per submission

ACCEPTED = "受理"
REJECTED = "不受理"
CONFIRMED = "確認"
NOT_CONFIRMED = "未確認"
PENDING = "処理中"


class NtaError(Exception):
    """The system could not be reached or refused the request as a whole; try again later."""


class NtaCredentialsError(NtaError):
    """The system refused the shop's client certificate."""


@dataclass(frozen=True)
class Passport:
    """The passport part of a record (購入者情報)."""

    surname: str
    given_names: str
    nationality: str
    date_of_birth: date | None
    passport_type: str
    passport_number: str
    status_of_residence: str | None  # 在留資格
    landing_date: date | None  # 上陸年月日

    def to_json(self) -> dict[str, Any]:
        return {
            "surname": self.surname,
            "given_names": self.given_names,
            "nationality": self.nationality,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
            "passport_type": self.passport_type,
            "passport_number": self.passport_number,
            "status_of_residence": self.status_of_residence,
            "landing_date": self.landing_date.isoformat() if self.landing_date else None,
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Passport:
        born, landed = value.get("date_of_birth"), value.get("landing_date")
        return cls(
            surname=str(value["surname"]),
            given_names=str(value["given_names"]),
            nationality=str(value["nationality"]),
            date_of_birth=date.fromisoformat(born) if born else None,
            passport_type=str(value["passport_type"]),
            passport_number=str(value["passport_number"]),
            status_of_residence=value.get("status_of_residence"),
            landing_date=date.fromisoformat(landed) if landed else None,
        )


@dataclass(frozen=True)
class Item:
    line: int
    name: str
    quantity: int
    unit_price: int
    price: int
    serial: str | None


@dataclass(frozen=True)
class Shop:
    """The shop part and the header's sender."""

    sender_id: str  # 送信者識別符号
    sales_location_id: str  # 販売場識別符号
    seller_name: str
    tax_location: str
    store_address: str


@dataclass(frozen=True)
class Submitted:
    """The record as the system receives it."""

    transmission_number: str
    purchased_at: datetime
    shop: Shop
    passport: Passport
    items: Sequence[Item]


@dataclass(frozen=True)
class SubmissionResult:
    transmission_number: str
    accepted: bool
    reason: str | None  # the tax office's reason, in Japanese, when not accepted


@dataclass(frozen=True)
class Confirmation:
    """Customs' answer for one record: each line confirmed or not; ``None`` while pending."""

    transmission_number: str
    items: Mapping[int, bool] | None
    confirmed_at: datetime | None


@dataclass(frozen=True)
class Connection:
    """How one shop reaches the system."""

    base_url: str
    certificate_pem: bytes | None
    private_key_pem: bytes | None


# --- Shapes ---------------------------------------------------------------------------------


def _day(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def purchase_record(record: Submitted) -> dict[str, Any]:
    """One 購入記録情報 as the system takes it."""
    passport = record.passport
    return {
        "送信番号": record.transmission_number,
        "購入年月日": record.purchased_at.strftime("%Y%m%d"),
        "購入者情報": {
            "氏名": f"{passport.surname} {passport.given_names}".strip(),
            "国籍": passport.nationality,
            "生年月日": _day(passport.date_of_birth),
            "在留資格": passport.status_of_residence or "",
            "上陸年月日": _day(passport.landing_date),
            "旅券等の種類": passport.passport_type,
            "旅券等の番号": passport.passport_number,
        },
        "販売場情報": {
            "販売場識別符号": record.shop.sales_location_id,
            "販売者氏名又は名称": record.shop.seller_name,
            "納税地": record.shop.tax_location,
            "販売場所在地": record.shop.store_address,
        },
        "購入品目": [
            {
                "行番号": item.line,
                "品名": item.name,
                "数量": item.quantity,
                "単価": item.unit_price,
                "販売価額": item.price,
                **({"識別情報": item.serial} if item.serial else {}),
            }
            for item in record.items
        ],
    }


def submission(sender_id: str, records: Sequence[Submitted]) -> dict[str, Any]:
    """The body of one submission: the header and its records."""
    return {
        "手続ID": PROCEDURE_ID,
        "バージョン": SPEC_VERSION,
        "送信者識別符号": sender_id,
        "購入記録情報": [purchase_record(r) for r in records],
    }


def submission_results(body: Mapping[str, Any]) -> list[SubmissionResult]:
    results = []
    for row in body.get("受付結果", []):
        accepted = row.get("結果") == ACCEPTED
        reasons = [
            f"{e.get('コード', '')} {e.get('メッセージ', '')}".strip()
            for e in row.get("エラー", [])
        ]
        results.append(
            SubmissionResult(
                str(row["送信番号"]), accepted, None if accepted else "；".join(reasons) or "不受理"
            )
        )
    return results


def confirmation(row: Mapping[str, Any]) -> Confirmation:
    number = str(row["送信番号"])
    if row.get("確認状況") == PENDING:
        return Confirmation(number, None, None)
    items = {int(i["行番号"]): i.get("確認結果") == CONFIRMED for i in row.get("品目", [])}
    when = row.get("確認日時")
    return Confirmation(number, items, datetime.fromisoformat(when) if when else None)


def confirmation_file(data: bytes) -> list[Confirmation]:
    """A confirmation file downloaded from the 税関確認情報API: the API's answers, as one JSON
    document ``{"税関確認情報": [...]}``. Raises ``ValueError`` on anything else."""
    try:
        document = json.loads(data)
        rows = document["税関確認情報"]
        if not isinstance(rows, list):
            raise TypeError
        return [confirmation(row) for row in rows]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError("not a customs confirmation file") from exc


def record_file(sender_id: str, records: Sequence[Submitted]) -> bytes:
    """The record(s) as a file for an approved sender: the submission's own shape."""
    return json.dumps(submission(sender_id, records), ensure_ascii=False, indent=2).encode()


# --- The adapter ----------------------------------------------------------------------------


class NtaGateway(Protocol):
    async def submit(
        self, connection: Connection, sender_id: str, records: Sequence[Submitted]
    ) -> list[SubmissionResult]: ...

    async def confirmations(
        self, connection: Connection, sender_id: str, numbers: Sequence[str]
    ) -> list[Confirmation]: ...


def _tls(connection: Connection) -> ssl.SSLContext | bool:
    if not connection.base_url.startswith("https://"):
        return True
    context = ssl.create_default_context()
    if connection.certificate_pem and connection.private_key_pem:
        # ``load_cert_chain`` reads files only: write them where nobody else can read, briefly.
        with tempfile.TemporaryDirectory() as directory:
            cert, key = os.path.join(directory, "c.pem"), os.path.join(directory, "k.pem")
            for path, pem in (
                (cert, connection.certificate_pem),
                (key, connection.private_key_pem),
            ):
                with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as out:
                    out.write(pem)
            context.load_cert_chain(cert, key)
    return context


class HttpNta:
    """The real adapter: HTTPS with the shop's client certificate, one pooled client per shop
    connection for the adapter's life."""

    def __init__(self, timeout: float = 30) -> None:
        self._timeout = timeout
        self._clients: dict[tuple[str, bytes | None], httpx.AsyncClient] = {}

    def _client(self, connection: Connection) -> httpx.AsyncClient:
        key = (connection.base_url, connection.certificate_pem)
        client = self._clients.get(key)
        if client is None or client.is_closed:
            client = httpx.AsyncClient(
                base_url=connection.base_url.rstrip("/"),
                verify=_tls(connection),
                timeout=self._timeout,
                trust_env=False,
            )
            self._clients[key] = client
        return client

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()

    async def _call(
        self, connection: Connection, method: str, path: str, **kwargs: Any
    ) -> dict[str, Any]:
        try:
            answer = await self._client(connection).request(method, path, **kwargs)
        except (httpx.HTTPError, ssl.SSLError, OSError) as exc:
            raise NtaError("免税販売管理システムに接続できませんでした。") from exc
        try:
            body = answer.json()
        except ValueError:
            body = {}
        if answer.status_code in (401, 403):
            raise NtaCredentialsError(
                _message(body, "クライアント証明書が受け付けられませんでした。")
            )
        if answer.status_code >= 400:
            raise NtaError(
                _message(
                    body, f"免税販売管理システムがエラーを返しました（{answer.status_code}）。"
                )
            )
        return dict(body)

    async def submit(
        self, connection: Connection, sender_id: str, records: Sequence[Submitted]
    ) -> list[SubmissionResult]:
        results: list[SubmissionResult] = []
        for start in range(0, len(records), BATCH):
            body = await self._call(
                connection,
                "POST",
                SUBMIT_PATH,
                json=submission(sender_id, records[start : start + BATCH]),
            )
            results.extend(submission_results(body))
        return results

    async def confirmations(
        self, connection: Connection, sender_id: str, numbers: Sequence[str]
    ) -> list[Confirmation]:
        found: list[Confirmation] = []
        for start in range(0, len(numbers), BATCH):
            body = await self._call(
                connection,
                "POST",
                CONFIRMATIONS_PATH,
                json={
                    "送信者識別符号": sender_id,
                    "送信番号": list(numbers[start : start + BATCH]),
                },
            )
            found.extend(confirmation(row) for row in body.get("税関確認情報", []))
        return found


def _message(body: Mapping[str, Any], fallback: str) -> str:
    errors = body.get("エラー") if isinstance(body, Mapping) else None
    if isinstance(errors, list) and errors:
        return "；".join(f"{e.get('コード', '')} {e.get('メッセージ', '')}".strip() for e in errors)
    return fallback
