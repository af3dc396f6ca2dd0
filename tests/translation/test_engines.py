"""Contract tests: each adapter against a real local HTTP server that speaks the engine's
documented protocol, refuses requests the real service would refuse, and records them."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
import uvicorn
from pydantic import SecretStr, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from omotenashi.translation.config import TranslationSettings, build_translator
from omotenashi.translation.engines import (
    DeepLTranslator,
    EngineNotConfigured,
    EngineRejected,
    EngineUnavailable,
    LibreTranslateTranslator,
    MachineTranslator,
    RejectionReason,
    TexTraTranslator,
    UnavailableReason,
)
from omotenashi.translation.engines.deepl import DEEPL_FREE_URL, DEEPL_PRO_URL, deepl_base_url

DEEPL_KEY = "deepl-test-key:fx"
TEXTRA_LOGIN = "desk-login"
TEXTRA_KEY = "textra-api-key"
TEXTRA_SECRET = "textra-api-secret"
LIBRE_KEY = "libre-api-key"
SECRETS = (DEEPL_KEY, TEXTRA_LOGIN, TEXTRA_KEY, TEXTRA_SECRET, LIBRE_KEY)

MENU = "本日のおすすめは焼き魚定食です"
TOILET = "お手洗いは二階です"

# The codes each service documents. The fake DeepL also refuses the targets without a variant
# (EN, PT, ZH), which DeepL keeps only for backward compatibility: we must name the variant.
# fmt: off
DEEPL_SOURCES = frozenset({
    "AR", "BG", "CS", "DA", "DE", "EL", "EN", "ES", "ET", "FI", "FR", "HE", "HU", "ID", "IT", "JA",
    "KO", "LT", "LV", "NB", "NL", "PL", "PT", "RO", "RU", "SK", "SL", "SV", "TH", "TR", "UK", "VI",
    "ZH",
})
DEEPL_TARGETS = (DEEPL_SOURCES - {"EN", "PT", "ZH"}) | {
    "EN-GB",
    "EN-US",
    "ES-419",
    "PT-BR",
    "PT-PT",
    "ZH-HANS",
    "ZH-HANT",
}
TEXTRA_CODES = frozenset({
    "ja", "en", "zh-CN", "zh-TW", "ko", "es", "pt", "vi", "th", "id", "fil", "ne", "km", "my", "mn",
    "fr", "de", "it", "ru", "ar",
})
# fmt: on
RECENT_LIBRE_CODES = ("en", "ja", "zh-Hans", "zh-Hant", "ko", "es", "pt", "vi", "th", "id")
OLDER_LIBRE_CODES = ("en", "ja", "zh", "zt", "ko", "pb", "pt")


def libre_languages(codes: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"code": code, "name": code, "targets": [other for other in codes if other != code]}
        for code in codes
    ]


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]
    json: Any


@dataclass
class FakeEngines:
    """TexTra, LibreTranslate and DeepL as one local server answers them, with knobs that make
    them fail. Handlers are named after their routes."""

    url: str
    seen: list[Seen] = field(default_factory=list)
    status: int | None = None  # answer every request with this HTTP status
    stall: bool = False  # hold every request until the test ends
    released: asyncio.Event = field(default_factory=asyncio.Event)
    textra_code: int = 0  # resultset.code of translations
    token_lifetime: object = 3600
    tokens: set[str] = field(default_factory=set)
    tokens_issued: int = 0
    libre_languages: list[dict[str, Any]] = field(
        default_factory=lambda: libre_languages(RECENT_LIBRE_CODES)
    )
    libre_api_key: str | None = None

    def paths(self) -> list[str]:
        return [seen.path for seen in self.seen]

    async def handle(self, request: Request) -> Response:
        """Record the request, then answer as the engine whose route it took would."""
        content_type = request.headers.get("content-type", "").split(";")[0]
        body = (await request.body()).decode()
        seen = Seen(
            method=request.method,
            path=request.url.path,
            headers=dict(request.headers),
            form=dict(parse_qsl(body, keep_blank_values=True))
            if content_type == "application/x-www-form-urlencoded"
            else {},
            json=json.loads(body) if content_type == "application/json" else None,
        )
        self.seen.append(seen)
        if self.stall:
            await asyncio.wait_for(self.released.wait(), timeout=30)
        if self.status is not None:
            return JSONResponse({"message": "forced"}, status_code=self.status)
        respond: Callable[[Request, Seen], Awaitable[Response]] = getattr(
            self, request.scope["route"].name
        )
        return await respond(request, seen)

    async def deepl(self, request: Request, seen: Seen) -> Response:
        if seen.headers.get("authorization") != f"DeepL-Auth-Key {DEEPL_KEY}":
            return JSONResponse({"message": "Authorization failure"}, status_code=403)
        body = seen.json
        if not isinstance(body, dict):
            return JSONResponse({"message": "Expected a JSON body"}, status_code=400)
        texts = body.get("text")
        if not (
            isinstance(texts, list)
            and 1 <= len(texts) <= 50
            and all(isinstance(text, str) for text in texts)
        ):
            return JSONResponse({"message": "Parameter 'text' not valid"}, status_code=400)
        source, target = body.get("source_lang"), body.get("target_lang")
        if source not in DEEPL_SOURCES or target not in DEEPL_TARGETS:
            return JSONResponse({"message": "Value for language not supported"}, status_code=400)
        return JSONResponse(
            {
                "translations": [
                    {"detected_source_language": source, "text": f"<{target}>{text}"}
                    for text in texts
                ]
            }
        )

    async def textra_token(self, request: Request, seen: Seen) -> Response:
        if seen.form.get("grant_type") != "client_credentials":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        if (seen.form.get("client_id"), seen.form.get("client_secret")) != (
            TEXTRA_KEY,
            TEXTRA_SECRET,
        ):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        self.tokens_issued += 1
        token = f"token-{self.tokens_issued}"
        self.tokens.add(token)
        return JSONResponse(
            {"access_token": token, "token_type": "Bearer", "expires_in": self.token_lifetime}
        )

    async def textra_mt(self, request: Request, seen: Seen) -> Response:
        form = seen.form

        def resultset(code: int, text: str = "") -> Response:
            result = {"text": text, "blank": 0} if code == 0 else None
            return JSONResponse({"resultset": {"code": code, "message": "", "result": result}})

        engine, _, pair = request.path_params["pair"].partition("_")
        source, _, target = pair.partition("_")
        if form.get("access_token") not in self.tokens:
            return resultset(510)
        if form.get("key") != TEXTRA_KEY:
            return resultset(500)
        if form.get("name") != TEXTRA_LOGIN:
            return resultset(501)
        if form.get("type") != "json" or not form.get("text"):
            return resultset(524)
        if engine != "generalNT" or source not in TEXTRA_CODES or target not in TEXTRA_CODES:
            return resultset(520)
        if self.textra_code:
            return resultset(self.textra_code)
        return resultset(0, f"<{target}>{form['text']}")

    async def libre_list(self, request: Request, seen: Seen) -> Response:
        return JSONResponse(self.libre_languages)

    async def libre_translate(self, request: Request, seen: Seen) -> Response:
        body = seen.json
        if not isinstance(body, dict):
            return JSONResponse({"error": "Invalid JSON format"}, status_code=400)
        if self.libre_api_key is not None and body.get("api_key") != self.libre_api_key:
            return JSONResponse({"error": "Invalid API key"}, status_code=403)
        codes = {language["code"] for language in self.libre_languages}
        q, source, target = body.get("q"), body.get("source"), body.get("target")
        if not q:
            return JSONResponse({"error": "Invalid request: missing q parameter"}, 400)
        for code in (source, target):
            if code not in codes:
                return JSONResponse({"error": f"{code} is not supported"}, status_code=400)
        if body.get("format", "text") not in ("text", "html"):
            return JSONResponse({"error": "format is not supported"}, status_code=400)
        texts = q if isinstance(q, list) else [q]
        translated = [f"<{target}>{text}" for text in texts]
        return JSONResponse(
            {"translatedText": translated if isinstance(q, list) else translated[0]}
        )


@dataclass
class Current:
    """The fake engines of the running test; each test gets fresh ones on the shared server."""

    engines: FakeEngines | None = None

    async def handle(self, request: Request) -> Response:
        assert self.engines is not None
        return await self.engines.handle(request)


@pytest.fixture(scope="module")
async def server() -> AsyncIterator[tuple[Current, str]]:
    current = Current()
    app = Starlette(
        routes=[
            Route("/v2/translate", current.handle, name="deepl", methods=["POST"]),
            Route("/oauth2/token.php", current.handle, name="textra_token", methods=["POST"]),
            Route("/api/mt/{pair}/", current.handle, name="textra_mt", methods=["POST"]),
            Route("/languages", current.handle, name="libre_list", methods=["GET"]),
            Route("/translate", current.handle, name="libre_translate", methods=["POST"]),
        ]
    )
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    uvicorn_server = uvicorn.Server(config)
    serving = asyncio.create_task(uvicorn_server.serve())
    while not uvicorn_server.started:
        if serving.done():
            serving.result()  # surfaces why the server did not start
        await asyncio.sleep(0.01)
    port = uvicorn_server.servers[0].sockets[0].getsockname()[1]
    yield current, f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    await serving


@pytest.fixture
async def fake(server: tuple[Current, str]) -> AsyncIterator[FakeEngines]:
    current, url = server
    current.engines = FakeEngines(url=url)
    yield current.engines
    current.engines.released.set()  # lets stalled requests finish before the next test


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def deepl(url: str, *, key: str = DEEPL_KEY, timeout: float = 5) -> DeepLTranslator:
    return DeepLTranslator(api_key=SecretStr(key), base_url=url, timeout=timeout)


def textra(
    url: str,
    *,
    secret: str = TEXTRA_SECRET,
    timeout: float = 5,
    clock: Callable[[], float] | None = None,
) -> TexTraTranslator:
    return TexTraTranslator(
        login_id=SecretStr(TEXTRA_LOGIN),
        api_key=SecretStr(TEXTRA_KEY),
        api_secret=SecretStr(secret),
        base_url=url,
        timeout=timeout,
        clock=clock or Clock(),
    )


def libre(url: str, *, key: str | None = None, timeout: float = 5) -> LibreTranslateTranslator:
    return LibreTranslateTranslator(
        base_url=url, api_key=SecretStr(key) if key else None, timeout=timeout
    )


ADAPTERS: dict[str, Callable[..., MachineTranslator]] = {
    "deepl": deepl,
    "textra": textra,
    "libretranslate": libre,
}


def assert_discreet(error: Exception, *texts: str) -> None:
    """One sentence, naming neither the texts nor any secret."""
    message = str(error)
    assert message.endswith(".")
    assert ". " not in message
    for private in (*texts, *SECRETS):
        assert private not in message


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# DeepL


async def test_deepl_sends_the_documented_request_and_reads_the_answer(
    fake: FakeEngines,
) -> None:
    translated = await deepl(fake.url).translate([MENU, TOILET], "ja", "en")

    assert translated == [f"<EN-US>{MENU}", f"<EN-US>{TOILET}"]
    (request,) = fake.seen
    assert (request.method, request.path) == ("POST", "/v2/translate")
    assert request.headers["authorization"] == f"DeepL-Auth-Key {DEEPL_KEY}"
    assert request.json == {"text": [MENU, TOILET], "source_lang": "JA", "target_lang": "EN-US"}


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("ja", "zh-Hans", "JA", "ZH-HANS"),
        ("ja", "zh-Hant", "JA", "ZH-HANT"),
        ("zh-Hant", "ja", "ZH", "JA"),
        ("ja", "pt", "JA", "PT-BR"),
        ("pt", "en", "PT", "EN-US"),
        ("en", "ko", "EN", "KO"),
        ("ja", "vi", "JA", "VI"),
        ("ja", "th", "JA", "TH"),
        ("ja", "id", "JA", "ID"),
        ("ja", "es", "JA", "ES"),
    ],
)
async def test_deepl_maps_our_codes_to_its_own(
    fake: FakeEngines, source: str, target: str, source_lang: str, target_lang: str
) -> None:
    await deepl(fake.url).translate(["x"], source, target)

    assert fake.seen[0].json["source_lang"] == source_lang
    assert fake.seen[0].json["target_lang"] == target_lang


async def test_deepl_sends_at_most_fifty_texts_a_request_and_keeps_their_order(
    fake: FakeEngines,
) -> None:
    texts = [f"文{index}" for index in range(120)]

    translated = await deepl(fake.url).translate(texts, "ja", "en")

    assert translated == [f"<EN-US>{text}" for text in texts]
    assert [len(request.json["text"]) for request in fake.seen] == [50, 50, 20]


async def test_deepl_keeps_each_request_under_its_size_limit(fake: FakeEngines) -> None:
    long_texts = ["あ" * 25_000, "い" * 25_000]  # 75 kB of UTF-8 each

    await deepl(fake.url).translate(long_texts, "ja", "en")

    assert [len(request.json["text"]) for request in fake.seen] == [1, 1]


async def test_blank_texts_come_back_unchanged_without_reaching_the_engine(
    fake: FakeEngines,
) -> None:
    translator = deepl(fake.url)

    assert await translator.translate(["", MENU, "  "], "ja", "en") == ["", f"<EN-US>{MENU}", "  "]
    assert fake.seen[0].json["text"] == [MENU]
    assert await translator.translate(["", " \n"], "ja", "en") == ["", " \n"]
    assert len(fake.seen) == 1


async def test_deepl_bad_key_is_rejected_for_credentials(fake: FakeEngines) -> None:
    with pytest.raises(EngineRejected) as raised:
        await deepl(fake.url, key="not-the-key").translate([MENU], "ja", "en")

    assert raised.value.reason is RejectionReason.credentials
    assert_discreet(raised.value, MENU, "not-the-key")


async def test_deepl_quota_exceeded_is_rejected_for_quota(fake: FakeEngines) -> None:
    fake.status = 456

    with pytest.raises(EngineRejected) as raised:
        await deepl(fake.url).translate([MENU], "ja", "en")

    assert raised.value.reason is RejectionReason.quota
    assert_discreet(raised.value, MENU)


async def test_deepl_too_many_requests_is_unavailable_for_now(fake: FakeEngines) -> None:
    fake.status = 429

    with pytest.raises(EngineUnavailable) as raised:
        await deepl(fake.url).translate([MENU], "ja", "en")

    assert raised.value.reason is UnavailableReason.rate_limited


@pytest.mark.parametrize(("source", "target"), [("ja", "ne"), ("tl", "ja"), ("zh-Hans", "zh-Hant")])
async def test_deepl_refuses_a_pair_it_lacks_before_any_request(
    fake: FakeEngines, source: str, target: str
) -> None:
    translator = deepl(fake.url)

    assert not translator.supports(source, target)
    with pytest.raises(EngineRejected) as raised:
        await translator.translate([MENU], source, target)
    assert raised.value.reason is RejectionReason.unsupported_language_pair
    assert fake.seen == []


async def test_one_text_instead_of_a_sequence_is_refused(fake: FakeEngines) -> None:
    with pytest.raises(TypeError):
        await deepl(fake.url).translate(MENU, "ja", "en")


def test_deepl_free_keys_use_the_free_api_host() -> None:
    assert deepl_base_url("0a1b2c:fx") == DEEPL_FREE_URL
    assert deepl_base_url("0a1b2c") == DEEPL_PRO_URL


# TexTra


async def test_textra_sends_the_documented_requests_and_reads_the_answer(
    fake: FakeEngines,
) -> None:
    translator = textra(fake.url)

    assert await translator.translate([MENU, TOILET], "ja", "en") == [
        f"<en>{MENU}",
        f"<en>{TOILET}",
    ]
    assert translator.name == "textra:generalNT"
    token, *translations = fake.seen
    assert (token.method, token.path) == ("POST", "/oauth2/token.php")
    assert token.form == {
        "grant_type": "client_credentials",
        "client_id": TEXTRA_KEY,
        "client_secret": TEXTRA_SECRET,
    }
    assert [request.path for request in translations] == ["/api/mt/generalNT_ja_en/"] * 2
    assert [request.form for request in translations] == [
        {
            "access_token": "token-1",
            "key": TEXTRA_KEY,
            "name": TEXTRA_LOGIN,
            "type": "json",
            "text": text,
        }
        for text in (MENU, TOILET)
    ]


@pytest.mark.parametrize(
    ("source", "target", "pair"),
    [
        ("ja", "zh-Hans", "ja_zh-CN"),
        ("zh-Hant", "ja", "zh-TW_ja"),
        ("ja", "tl", "ja_fil"),
        ("en", "pt", "en_pt"),
        ("ja", "ne", "ja_ne"),
        ("ja", "km", "ja_km"),
        ("ja", "my", "ja_my"),
        ("ja", "mn", "ja_mn"),
    ],
)
async def test_textra_maps_our_codes_to_its_own(
    fake: FakeEngines, source: str, target: str, pair: str
) -> None:
    await textra(fake.url).translate(["x"], source, target)

    assert fake.paths()[-1] == f"/api/mt/generalNT_{pair}/"


async def test_textra_fetches_one_token_for_two_translations(fake: FakeEngines) -> None:
    translator = textra(fake.url)

    await translator.translate([MENU], "ja", "en")
    await translator.translate([TOILET], "ja", "ko")

    assert fake.paths().count("/oauth2/token.php") == 1
    assert fake.tokens_issued == 1


async def test_textra_renews_the_token_shortly_before_it_expires(fake: FakeEngines) -> None:
    clock = Clock()
    translator = textra(fake.url, clock=clock)
    await translator.translate([MENU], "ja", "en")

    clock.now += 3600 - 61
    await translator.translate([MENU], "ja", "en")
    assert fake.tokens_issued == 1

    clock.now += 2  # within a minute of the announced expiry
    await translator.translate([MENU], "ja", "en")
    assert fake.tokens_issued == 2
    assert fake.seen[-1].form["access_token"] == "token-2"


async def test_textra_replaces_a_token_refused_before_its_expiry_once(fake: FakeEngines) -> None:
    translator = textra(fake.url)
    await translator.translate([MENU], "ja", "en")
    fake.tokens.clear()  # the service forgot every token

    assert await translator.translate([MENU], "ja", "en") == [f"<en>{MENU}"]
    assert fake.tokens_issued == 2


async def test_textra_refused_client_credentials_are_rejected(fake: FakeEngines) -> None:
    with pytest.raises(EngineRejected) as raised:
        await textra(fake.url, secret="wrong-secret").translate([MENU], "ja", "en")

    assert raised.value.reason is RejectionReason.credentials
    assert_discreet(raised.value, MENU, "wrong-secret")


@pytest.mark.parametrize(
    ("code", "error", "reason"),
    [
        (500, EngineRejected, RejectionReason.credentials),
        (502, EngineRejected, RejectionReason.quota),
        (520, EngineRejected, RejectionReason.unsupported_language_pair),
        (524, EngineRejected, RejectionReason.bad_request),
        (504, EngineUnavailable, UnavailableReason.rate_limited),
        (531, EngineUnavailable, UnavailableReason.server_error),
    ],
)
async def test_textra_error_codes_become_typed_errors(
    fake: FakeEngines,
    code: int,
    error: type[EngineRejected | EngineUnavailable],
    reason: RejectionReason | UnavailableReason,
) -> None:
    fake.textra_code = code

    with pytest.raises(error) as raised:
        await textra(fake.url).translate([MENU], "ja", "en")

    failure = raised.value
    assert isinstance(failure, EngineRejected | EngineUnavailable)
    assert failure.reason is reason
    assert f"code {code}" in str(failure)
    assert_discreet(failure, MENU)


async def test_textra_refuses_a_pair_without_japanese_or_english(fake: FakeEngines) -> None:
    translator = textra(fake.url)

    assert not translator.supports("ko", "th")
    with pytest.raises(EngineRejected) as raised:
        await translator.translate([MENU], "ko", "th")
    assert raised.value.reason is RejectionReason.unsupported_language_pair
    assert fake.seen == []


# LibreTranslate


async def test_libretranslate_sends_the_documented_request_and_reads_the_answer(
    fake: FakeEngines,
) -> None:
    fake.libre_api_key = LIBRE_KEY

    translated = await libre(fake.url, key=LIBRE_KEY).translate([MENU, TOILET], "ja", "en")

    assert translated == [f"<en>{MENU}", f"<en>{TOILET}"]
    languages, request = fake.seen
    assert (languages.method, languages.path) == ("GET", "/languages")
    assert (request.method, request.path) == ("POST", "/translate")
    assert request.json == {
        "q": [MENU, TOILET],
        "source": "ja",
        "target": "en",
        "format": "text",
        "api_key": LIBRE_KEY,
    }


async def test_libretranslate_reads_the_language_list_once(fake: FakeEngines) -> None:
    translator = libre(fake.url)

    await translator.translate([MENU], "ja", "en")
    await translator.translate([MENU], "ja", "ko")

    assert fake.paths() == ["/languages", "/translate", "/translate"]
    assert "api_key" not in fake.seen[1].json


@pytest.mark.parametrize(
    ("codes", "source", "target", "sent"),
    [
        (RECENT_LIBRE_CODES, "ja", "zh-Hans", ("ja", "zh-Hans")),
        (RECENT_LIBRE_CODES, "zh-Hant", "en", ("zh-Hant", "en")),
        (RECENT_LIBRE_CODES, "ja", "pt", ("ja", "pt")),
        (OLDER_LIBRE_CODES, "ja", "zh-Hans", ("ja", "zh")),
        (OLDER_LIBRE_CODES, "zh-Hant", "en", ("zt", "en")),
        (OLDER_LIBRE_CODES, "ja", "pt", ("ja", "pb")),
    ],
    ids=["zh-Hans", "zh-Hant", "pt", "older-zh", "older-zt", "older-pb"],
)
async def test_libretranslate_uses_the_codes_its_server_lists(
    fake: FakeEngines,
    codes: tuple[str, ...],
    source: str,
    target: str,
    sent: tuple[str, str],
) -> None:
    fake.libre_languages = libre_languages(codes)

    await libre(fake.url).translate(["x"], source, target)

    assert (fake.seen[-1].json["source"], fake.seen[-1].json["target"]) == sent


async def test_libretranslate_refuses_a_pair_its_server_lacks(fake: FakeEngines) -> None:
    translator = libre(fake.url)
    assert translator.supports("ja", "km")  # nothing is known of the server yet

    with pytest.raises(EngineRejected) as raised:
        await translator.translate([MENU], "ja", "km")

    assert raised.value.reason is RejectionReason.unsupported_language_pair
    assert not translator.supports("ja", "km")
    assert translator.supports("ja", "ko")
    assert fake.paths() == ["/languages"]


async def test_libretranslate_invalid_api_key_is_rejected(fake: FakeEngines) -> None:
    fake.libre_api_key = LIBRE_KEY

    with pytest.raises(EngineRejected) as raised:
        await libre(fake.url, key="wrong-key").translate([MENU], "ja", "en")

    assert raised.value.reason is RejectionReason.credentials
    assert_discreet(raised.value, MENU, "wrong-key")


async def test_libretranslate_translation_failure_is_unavailable(fake: FakeEngines) -> None:
    translator = libre(fake.url)
    await translator.translate([MENU], "ja", "en")
    fake.status = 500

    with pytest.raises(EngineUnavailable) as raised:
        await translator.translate([MENU], "ja", "en")

    assert raised.value.reason is UnavailableReason.server_error


# Every engine


@pytest.mark.parametrize("engine", ADAPTERS)
async def test_server_error_is_unavailable(fake: FakeEngines, engine: str) -> None:
    fake.status = 503

    with pytest.raises(EngineUnavailable) as raised:
        await ADAPTERS[engine](fake.url).translate([MENU], "ja", "en")

    assert raised.value.reason is UnavailableReason.server_error
    assert raised.value.status == 503
    assert_discreet(raised.value, MENU)


@pytest.mark.parametrize("engine", ADAPTERS)
async def test_answer_in_an_unexpected_shape_is_unavailable(fake: FakeEngines, engine: str) -> None:
    fake.status = 200  # a JSON object without what the protocol promises

    with pytest.raises(EngineUnavailable) as raised:
        await ADAPTERS[engine](fake.url).translate([MENU], "ja", "en")

    assert raised.value.reason is UnavailableReason.bad_response


@pytest.mark.parametrize("engine", ADAPTERS)
async def test_refused_connection_is_unavailable(engine: str) -> None:
    with pytest.raises(EngineUnavailable) as raised:
        await ADAPTERS[engine](closed_port_url()).translate([MENU], "ja", "en")

    assert raised.value.reason is UnavailableReason.network
    assert_discreet(raised.value, MENU)


@pytest.mark.parametrize("engine", ADAPTERS)
async def test_slow_engine_times_out_as_unavailable(fake: FakeEngines, engine: str) -> None:
    fake.stall = True

    with pytest.raises(EngineUnavailable) as raised:
        await ADAPTERS[engine](fake.url, timeout=0.2).translate([MENU], "ja", "en")

    assert raised.value.reason is UnavailableReason.timeout
    assert str(raised.value).endswith("did not answer within 0.2 seconds.")


async def test_a_shared_client_is_used_and_left_open(fake: FakeEngines) -> None:
    async with httpx.AsyncClient() as client:
        translator = DeepLTranslator(
            api_key=SecretStr(DEEPL_KEY), base_url=fake.url, timeout=5, client=client
        )
        await translator.translate([MENU], "ja", "en")
        await translator.translate([TOILET], "ja", "en")
        assert not client.is_closed
    assert len(fake.seen) == 2


# Settings


def test_no_engine_builds_no_translator() -> None:
    assert build_translator(TranslationSettings()) is None


@pytest.mark.parametrize(
    ("engine", "missing"),
    [
        ("deepl", ["OMOTENASHI_MT_DEEPL_API_KEY"]),
        (
            "textra",
            [
                "OMOTENASHI_MT_TEXTRA_LOGIN_ID",
                "OMOTENASHI_MT_TEXTRA_API_KEY",
                "OMOTENASHI_MT_TEXTRA_API_SECRET",
            ],
        ),
    ],
)
def test_engine_without_credentials_names_the_variables_to_set(
    engine: str, missing: list[str]
) -> None:
    with pytest.raises(EngineNotConfigured) as raised:
        build_translator(TranslationSettings(engine=engine))

    for variable in missing:
        assert variable in str(raised.value)


def test_textra_without_its_secret_names_only_that_variable() -> None:
    settings = TranslationSettings(
        engine="textra", textra_login_id=SecretStr("me"), textra_api_key=SecretStr("k")
    )

    with pytest.raises(
        EngineNotConfigured, match="needs OMOTENASHI_MT_TEXTRA_API_SECRET to be set"
    ):
        build_translator(settings)


async def test_settings_from_the_environment_build_a_working_translator(
    fake: FakeEngines, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMOTENASHI_MT_ENGINE", "deepl")
    monkeypatch.setenv("OMOTENASHI_MT_DEEPL_API_KEY", DEEPL_KEY)
    monkeypatch.setenv("OMOTENASHI_MT_DEEPL_BASE_URL", f"{fake.url}/")
    monkeypatch.setenv("OMOTENASHI_MT_TIMEOUT", "3")

    settings = TranslationSettings()
    translator = build_translator(settings)

    assert settings.fuzzy_threshold == 0.75
    assert translator is not None
    assert translator.name == "deepl"
    assert await translator.translate([MENU], "ja", "en") == [f"<EN-US>{MENU}"]


def test_libretranslate_needs_no_key() -> None:
    translator = build_translator(TranslationSettings(engine="libretranslate"))

    assert isinstance(translator, LibreTranslateTranslator)


@pytest.mark.parametrize(
    "values",
    [
        {"fuzzy_threshold": 1.5},
        {"fuzzy_threshold": -0.1},
        {"timeout": 0},
        {"textra_engine": "generalNT/../x"},
        {"deepl_base_url": "ftp://example.org"},
    ],
)
def test_settings_refuse_values_out_of_range(values: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        TranslationSettings(**values)
