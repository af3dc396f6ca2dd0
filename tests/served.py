"""A demo server of the product started as a newcomer starts it (`omotenashi serve --demo`, its
own embedded PostgreSQL), and a bearer secret for each kind of caller, made the way real people
make them: for the tests that send it generated requests (tests/test_fuzz.py,
tests/test_conformance.py)."""

from __future__ import annotations

import email
import email.policy
import html
import re
import subprocess
import time
from collections.abc import Collection
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pyotp
from tests.cli import OMOTENASHI
from tests.ready import answers

PASSWORD = "fuzzing operator password"
# A demo server's first start loads its data; on a machine busy with the rest of the suite
# that has taken over 90 s.
READY_SECONDS = 180


def serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [*OMOTENASHI, "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    if answers(f"http://127.0.0.1:{port}/readyz", within=READY_SECONDS, process=server):
        return server
    assert server.poll() is None, log.read_text()[-3000:]
    server.kill()
    raise AssertionError(f"serve did not become ready in {READY_SECONDS} s")


def link_in_outbox(outbox: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for sent in sorted(outbox.glob("*.eml")):
            message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
            body = message.get_body(("plain",))
            found = re.search(r"https?://\S+(/join/enrol/\S+)", body.get_content() if body else "")
            if found:
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError("no set-up link reached the outbox in 60 s")


def callers(base: str, env: dict[str, str]) -> dict[str, str]:
    """A bearer secret for a visitor, an operator, a servicer administrator, a terminal and a
    servicer's back-end (client credentials with ``servicer:admin``), all made the way real
    people make them."""
    for _attempt in range(3):
        made = subprocess.run(
            [*OMOTENASHI, "operator", "add", "ops@fuzz.example", "--name", "Fuzz operator"],
            input=f"{PASSWORD}\n{PASSWORD}\n",
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        # On a loaded machine the command sometimes fails to see the server's embedded
        # PostgreSQL as running and tries to start it again ("did not start"); once more then.
        if made.returncode == 0 or "did not start" not in made.stderr:
            break
    assert made.returncode == 0, made.stderr[-3000:]
    operator_seed = parse_qs(urlparse(made.stdout.split()[-1]).query)["secret"][0]
    http = httpx.Client(base_url=base, timeout=30)

    def sign_in(email: str, password: str, seed: str) -> str:
        response = http.post(
            "/v1/staff/sessions",
            json={"email": email, "password": password, "code": pyotp.TOTP(seed).now()},
        )
        assert response.status_code == 201, response.text
        return str(response.json()["token"])

    operator = {"authorization": f"Bearer {sign_in('ops@fuzz.example', PASSWORD, operator_seed)}"}
    applied = http.post(
        "/v1/servicers",
        json={
            "name": "Fuzz Hotel",
            "name_ja": "ファズホテル",
            "category": "hotel",
            "contact_email": "front@fuzz.example.jp",
            "purposes": {"hotel_check_in": "Guest register"},
            "admin": {"email": "admin@fuzz.example.jp", "display_name": "A", "password": PASSWORD},
        },
    )
    assert applied.status_code == 202, applied.text
    # The administrator finishes through the link the worker mails (to the outbox here).
    set_up = http.get(link_in_outbox(Path(env["OMOTENASHI_DATA_DIR"]) / "outbox"))
    found = re.search(r'data-qr-text="([^"]+)"', set_up.text)
    assert found is not None, set_up.text[:500]
    admin_seed = parse_qs(urlparse(html.unescape(found.group(1))).query)["secret"][0]
    pending = http.get("/v1/operator/servicers?state=pending", headers=operator).json()
    servicer = next(s["id"] for s in pending if s["name"] == "Fuzz Hotel")
    http.post(
        f"/v1/operator/servicers/{servicer}/purposes/hotel_check_in",
        json={"approve": True},
        headers=operator,
    )
    http.post(
        f"/v1/operator/servicers/{servicer}/state", json={"state": "approved"}, headers=operator
    )
    admin = sign_in("admin@fuzz.example.jp", PASSWORD, admin_seed)
    made_terminal = http.post(
        "/v1/servicer/clients",
        headers={"authorization": f"Bearer {admin}"},
        json={
            "kind": "terminal",
            "label": "Fuzz desk",
            "scopes": ["resolve"],
            "purposes": ["hotel_check_in"],
        },
    ).json()
    terminal = http.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(made_terminal["client"]["client_id"], made_terminal["client_secret"]),
    ).json()["access_token"]
    made_system = http.post(
        "/v1/servicer/clients",
        headers={"authorization": f"Bearer {admin}"},
        json={"kind": "system", "label": "Fuzz PMS", "scopes": ["servicer:admin"]},
    ).json()
    back_end = http.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(made_system["client"]["client_id"], made_system["client_secret"]),
    ).json()["access_token"]
    visitor = http.post("/v1/visitors", json={"language": "th"}).json()["session"]["token"]
    return {
        "visitor": visitor,
        "operator": operator["authorization"].split()[1],
        "servicer admin": admin,
        "terminal": terminal,
        "back-end": back_end,
    }


# An operation turns away a caller it is not for (401, 403) before it reads any input: a
# dependency of its router decides, and FastAPI runs dependencies before it validates the path,
# the query and the body.
TURNED_AWAY = {401, 403}


def reach(base: str, token: str | None, *, leaving_out: Collection[str] = ()) -> list[str]:
    """The ids of the operations that let this caller in (nobody, when ``token`` is None), asked
    once of each with a placeholder for every path parameter and no input.

    Generated requests to the others would all meet the same 401 or 403 before their input is
    read; tests/test_authorization.py tries every kind of caller on every route, and this probe
    has asked each operation once more. A caller with a secret is not sent the operations that
    anyone may call (no security in the document): they are the run as nobody's. DELETE is not
    asked of a caller with a secret: it could end their session or erase them; nor are the paths
    ``leaving_out`` (the visitor's alert stream would stay open)."""
    document = httpx.get(f"{base}/openapi.json", timeout=30).json()
    headers = {} if token is None else {"authorization": f"Bearer {token}"}
    methods = {"get", "post", "put", "patch", *(("delete",) if token is None else ())}
    found = []
    with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
        for template, item in document["paths"].items():
            if template in leaving_out:
                continue
            for method, operation in item.items():
                if method not in methods or (token is not None and not operation.get("security")):
                    continue
                path = re.sub(r"\{[^}]+\}", "00000000-0000-4000-8000-000000000000", template)
                if http.request(method.upper(), path).status_code not in TURNED_AWAY:
                    found.append(operation["operationId"])
    assert found, "the caller reached no operation: its token is not accepted"
    return found


def only(operations: list[str]) -> tuple[str, ...]:
    """schemathesis's options that keep a run to these operations."""
    return ("--include-operation-id-regex", f"^({'|'.join(map(re.escape, operations))})$")
