"""A local server answering as the National Tax Agency's 免税販売管理システム is described
(the real one cannot be reached here): the purchase-record submission, answering 受理 or
不受理 with the tax office's reasons, and the pull-type 税関確認情報API; its errors too (an
unknown sender, a malformed body, maintenance)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from omotenashi.taxfree import nta


class FakeNta(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the adapter's client pools connections

    senders: ClassVar[set[str]] = set()
    records: ClassVar[dict[str, dict[str, Any]]] = {}  # by 送信番号
    # Customs' answers by 送信番号: line → confirmed; absent: still 処理中.
    customs: ClassVar[dict[str, dict[int, bool]]] = {}
    require_landing_date: ClassVar[bool] = False
    unavailable: ClassVar[bool] = False
    submissions: ClassVar[int] = 0

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if FakeNta.unavailable:
            self._answer(503, _error("E9001", "システムメンテナンス中のため受け付けできません。"))
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self._answer(400, _error("E0002", "送信データの形式に誤りがあります。"))
            return
        if self.path == nta.SUBMIT_PATH:
            self._submit(body)
        elif self.path == nta.CONFIRMATIONS_PATH:
            self._confirmations(body)
        else:
            self._answer(404, _error("E0004", "指定されたAPIは存在しません。"))

    def _submit(self, body: dict[str, Any]) -> None:
        if body.get("手続ID") != nta.PROCEDURE_ID or body.get("バージョン") != nta.SPEC_VERSION:
            self._answer(400, _error("E0003", "手続IDまたはバージョンに誤りがあります。"))
            return
        if body.get("送信者識別符号") not in FakeNta.senders:
            self._answer(401, _error("E0001", "送信者識別符号が登録されていません。"))
            return
        FakeNta.submissions += 1
        results = []
        for record in body.get("購入記録情報", []):
            errors = _check(record)
            number = record.get("送信番号", "")
            if not errors:
                FakeNta.records[number] = record
            results.append(
                {
                    "送信番号": number,
                    "結果": nta.REJECTED if errors else nta.ACCEPTED,
                    "エラー": errors,
                }
            )
        self._answer(200, {"受付結果": results})

    def _confirmations(self, body: dict[str, Any]) -> None:
        if body.get("送信者識別符号") not in FakeNta.senders:
            self._answer(401, _error("E0001", "送信者識別符号が登録されていません。"))
            return
        rows = []
        for number in body.get("送信番号", []):
            if number not in FakeNta.records:
                continue
            rows.append(customs_row(number, FakeNta.customs.get(number)))
        self._answer(200, {"税関確認情報": rows})

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return


def _error(code: str, message: str) -> dict[str, Any]:
    return {"エラー": [{"コード": code, "メッセージ": message}]}


def _check(record: dict[str, Any]) -> list[dict[str, str]]:
    errors = []
    buyer = record.get("購入者情報", {})
    if not re.fullmatch(r"[0-9]{17}", record.get("送信番号", "")):
        errors.append({"コード": "E1001", "メッセージ": "送信番号は17桁の数字です。"})
    if not buyer.get("旅券等の番号"):
        errors.append({"コード": "E1105", "メッセージ": "旅券等の番号が未入力です。"})
    if FakeNta.require_landing_date and not buyer.get("上陸年月日"):
        errors.append({"コード": "E1107", "メッセージ": "上陸年月日が未入力です。"})
    for item in record.get("購入品目", []):
        if item.get("単価", 0) >= 1_000_000 and not item.get("識別情報"):
            errors.append(
                {"コード": "E1302", "メッセージ": f"{item.get('行番号')}行目：識別情報が必要です。"}
            )
        if item.get("販売価額") != item.get("数量", 0) * item.get("単価", 0):
            errors.append({"コード": "E1303", "メッセージ": "販売価額が数量×単価と一致しません。"})
    return errors


def customs_row(number: str, lines: dict[int, bool] | None) -> dict[str, Any]:
    """One answer of the 税関確認情報API (also a row of the downloaded file)."""
    if lines is None:
        return {"送信番号": number, "確認状況": nta.PENDING}
    return {
        "送信番号": number,
        "確認状況": "確認済",
        "確認日時": "2026-12-10T10:15:00+09:00",
        "品目": [
            {"行番号": line, "確認結果": nta.CONFIRMED if ok else nta.NOT_CONFIRMED}
            for line, ok in sorted(lines.items())
        ],
    }


def confirmation_file(rows: dict[str, dict[int, bool]], when: str | None = None) -> bytes:
    """A file as a shop downloads it from the 税関確認情報API."""
    made = [customs_row(number, lines) for number, lines in rows.items()]
    if when is not None:
        for row in made:
            if "確認日時" in row:
                row["確認日時"] = when
    return json.dumps({"税関確認情報": made}, ensure_ascii=False).encode()


def start() -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNta)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FakeNta.senders, FakeNta.records, FakeNta.customs = set(), {}, {}
    FakeNta.require_landing_date = FakeNta.unavailable = False
    FakeNta.submissions = 0
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def fake_nta() -> Iterator[str]:
    server, url = start()
    yield url
    server.shutdown()
