"""Signing visitors in with, and verifying their attributes from, an OpenID Provider: the
platform as a relying party (OpenID Connect Core 1.0), the JOSE and OAuth work done by Authlib
and joserfc, never by hand.

The flow is the authorization code flow only, as the Digital Agency's デジタル認証アプリ requires
(FACTS.md, "Partners and identity"): PKCE with S256, ``state`` and ``nonce``, and
``private_key_jwt`` at the token endpoint, signed with the platform's OpenID client key
(``PlatformKeys.oidc_client_key``, published at ``/.well-known/oidc-client-jwks.json``).

What is kept between the two legs is a row of :class:`OidcAuthorization`, found by a digest of
``state``, used up by the answer, dead after ten minutes, and valid only in the browser whose
cookie secret it names; so an answer replayed, late, or carried to another browser signs no one
in. The ID token is checked in full before anything is stored: signature against the provider's
published keys (fetched again when it names a key not seen yet: rotation), ``iss`` against the
configured issuer, ``aud`` (and ``azp``) against our client id, ``exp``, ``iat`` (not in the
future, not older than a few minutes), ``nonce``, and ``at_hash`` when present.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
import unicodedata
import uuid
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import httpx
import sqlalchemy as sa
import structlog
from authlib.deprecate import AuthlibDeprecationWarning
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from authlib.oidc.core import CodeIDToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

with warnings.catch_warnings():
    # Authlib 1.9 prefers the httpx2 fork and warns on importing its httpx client; httpx stays
    # supported until Authlib 2, which pyproject's range excludes.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError

from omotenashi import i18n, tls
from omotenashi.auth.models import OidcAuthorization, OidcIdentity
from omotenashi.config import Settings
from omotenashi.i18n.markers import N_
from omotenashi.security import jwks
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.visitors import catalogue
from omotenashi.visitors import service as visitors

log = structlog.get_logger(__name__)

AUTHORIZATION_LIFETIME = timedelta(minutes=10)
# An ID token is fetched seconds after it is minted; one minted long before is a replay.
ID_TOKEN_MAX_AGE = timedelta(minutes=5)
CLOCK_LEEWAY_SECONDS = 60
METADATA_LIFETIME = timedelta(hours=1)
HTTP_TIMEOUT = httpx.Timeout(10.0)
# Asymmetric algorithms only: never "none", never a MAC keyed with something the client knows.
ID_TOKEN_ALGORITHMS = ("RS256", "PS256", "ES256", "ES384", "EdDSA")
_SUBJECT_INFO = b"omotenashi oidc subject v1"


class ProviderKind(StrEnum):
    mynumber = "mynumber"
    """The Digital Agency's デジタル認証アプリ: the My Number card's four basic facts."""
    generic = "generic"
    """Any OpenID Provider speaking the standard claims (an airline's, an agency's, a wallet)."""


MYNUMBER_NAME = N_("Digital Authentication App (My Number card)")
MYNUMBER_SCOPES = ("openid", "name", "address", "birthdate", "gender")


@dataclass(frozen=True)
class ProviderProfile:
    kind: ProviderKind
    issuer: str
    client_id: str
    scopes: tuple[str, ...]
    name: str
    """As visitors read it: a message to translate (My Number) or the configured name."""


def providers(settings: Settings) -> dict[str, ProviderProfile]:
    """The OpenID Providers this deployment offers, by URL key; none when none is configured."""
    found: dict[str, ProviderProfile] = {}
    if settings.mynumber_issuer and settings.mynumber_client_id:
        found[ProviderKind.mynumber] = ProviderProfile(
            ProviderKind.mynumber,
            settings.mynumber_issuer,
            settings.mynumber_client_id,
            MYNUMBER_SCOPES,
            MYNUMBER_NAME,
        )
    if settings.oidc_issuer and settings.oidc_client_id:
        scopes = tuple(dict.fromkeys(["openid", *settings.oidc_scopes.split()]))
        found[ProviderKind.generic] = ProviderProfile(
            ProviderKind.generic,
            settings.oidc_issuer,
            settings.oidc_client_id,
            scopes,
            settings.oidc_name,
        )
    return found


# --- Why an answer was refused ------------------------------------------------------------------


class Refusal(StrEnum):
    state = "state"  # not started here, expired, already used, or carried to another browser
    provider = "provider"  # the provider answered with an error (the visitor cancelled, ...)
    token = "token"  # noqa: S105 - a reason, not a secret: the token endpoint refused the code (expired, replayed, PKCE)
    id_token = "id_token"  # noqa: S105 - the ID token failed a check: signature, iss, aud, exp, iat, nonce
    unavailable = "unavailable"  # the provider could not be reached or answered nonsense


class SignInRefusedError(Exception):
    def __init__(self, reason: Refusal, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _insecure(url: str) -> bool:
    """Plain HTTP is allowed to a provider on this machine only (a test or a sandbox)."""
    parts = urlsplit(url)
    return parts.scheme != "https" and not (
        parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "::1")
    )


# --- The providers' documents: discovery and keys -----------------------------------------------


@dataclass
class _Cached:
    metadata: dict[str, Any]
    fetched: float
    keys: KeySet | None = None


@dataclass
class ProviderDirectory:
    """Discovery documents and key sets of the configured providers, kept for an hour; a key
    set is fetched again whenever an ID token names a key it lacks (the provider rotated)."""

    profiles: Mapping[str, ProviderProfile]
    transport: httpx.AsyncBaseTransport | None = None
    _cache: dict[str, _Cached] = field(default_factory=dict)

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            timeout=HTTP_TIMEOUT, transport=self.transport, verify=tls.trusted()
        )

    async def _get_json(self, url: str) -> dict[str, Any]:
        if _insecure(url):
            raise SignInRefusedError(Refusal.unavailable, f"not https: {url}")
        try:
            async with self.client() as http:
                answer = await http.get(url, headers={"Accept": "application/json"})
                answer.raise_for_status()
                document = answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SignInRefusedError(Refusal.unavailable, type(exc).__name__) from exc
        if not isinstance(document, dict):
            raise SignInRefusedError(Refusal.unavailable, "not a JSON object")
        return document

    async def metadata(self, profile: ProviderProfile) -> dict[str, Any]:
        cached = self._cache.get(profile.kind)
        if cached and time.monotonic() - cached.fetched < METADATA_LIFETIME.total_seconds():
            return cached.metadata
        url = profile.issuer.rstrip("/") + "/.well-known/openid-configuration"
        document = await self._get_json(url)
        # OpenID Connect Discovery §4.3: the issuer named must be exactly the one configured.
        if document.get("issuer") != profile.issuer:
            raise SignInRefusedError(Refusal.unavailable, "discovery names another issuer")
        for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            value = document.get(endpoint)
            if not isinstance(value, str) or _insecure(value):
                raise SignInRefusedError(Refusal.unavailable, f"discovery lacks {endpoint}")
        self._cache[profile.kind] = _Cached(document, time.monotonic())
        return document

    async def key_set(self, profile: ProviderProfile, *, refresh: bool = False) -> KeySet:
        metadata = await self.metadata(profile)
        cached = self._cache[profile.kind]
        if cached.keys is None or refresh:
            document = await self._get_json(str(metadata["jwks_uri"]))
            try:
                cached.keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
            except (JoseError, ValueError, KeyError, TypeError) as exc:
                raise SignInRefusedError(Refusal.unavailable, "unreadable key set") from exc
            log.info("auth.oidc_keys_fetched", provider=str(profile.kind))
        return cached.keys


def directory_of(state: Any) -> ProviderDirectory:
    """The deployment's providers (none unless configured), kept on the application (its
    ``state``) so that their documents are cached across requests."""
    found = getattr(state, "oidc_directory", None)
    if not isinstance(found, ProviderDirectory):
        found = ProviderDirectory(providers(state.platform.settings))
        state.oidc_directory = found
    return found


@dataclass(frozen=True)
class Offered:
    """A provider as a page offers it, named in the reader's language."""

    key: str
    name: str
    mynumber: bool


def _name_of(profile: ProviderProfile, language: str) -> str:
    if profile.kind is ProviderKind.mynumber:
        return i18n.translations(language).gettext(profile.name)
    return profile.name


def offered(directory: ProviderDirectory, language: str) -> list[Offered]:
    return [
        Offered(key, _name_of(profile, language), profile.kind is ProviderKind.mynumber)
        for key, profile in directory.profiles.items()
    ]


def provider_name(directory: ProviderDirectory, issuer: str, language: str) -> str:
    """How a visitor reads the provider that verified something: its name, else its host."""
    for profile in directory.profiles.values():
        if profile.issuer == issuer:
            return _name_of(profile, language)
    return urlsplit(issuer).hostname or issuer


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


async def form_targets(directory: ProviderDirectory) -> list[str]:
    """The origins a page's sign-in forms lead to (through our redirect): each provider's
    issuer and authorization endpoint, for the page's CSP ``form-action``. A provider that does
    not answer within two seconds is named by its issuer alone."""
    origins: set[str] = set()
    for profile in directory.profiles.values():
        origins.add(_origin(profile.issuer) or "")
        try:
            metadata = await asyncio.wait_for(directory.metadata(profile), 2.0)
        except (SignInRefusedError, TimeoutError):
            continue
        origins.add(_origin(str(metadata["authorization_endpoint"])) or "")
    return sorted(origins - {""})


# --- The platform as a client --------------------------------------------------------------------


def _client_key(keys: PlatformKeys) -> RSAKey:
    if keys.oidc_client_key is None:
        raise SignInRefusedError(Refusal.unavailable, "no OpenID client key")
    key = RSAKey.import_key(keys.oidc_client_key)
    return key


def _oauth_client(
    directory: ProviderDirectory,
    profile: ProviderProfile,
    keys: PlatformKeys,
    redirect_uri: str,
    token_endpoint: str,
) -> AsyncOAuth2Client:
    client_key = _client_key(keys)
    jwk = jwks.client_jwk(keys)
    assert jwk is not None
    return AsyncOAuth2Client(
        client_id=profile.client_id,
        client_secret=client_key,
        token_endpoint_auth_method=PrivateKeyJWT(
            token_endpoint, alg=jwks.CLIENT_ALGORITHM, headers={"kid": jwk["kid"]}
        ),
        scope=" ".join(profile.scopes),
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        timeout=HTTP_TIMEOUT,
        transport=directory.transport,
        verify=tls.trusted(),
    )


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


@dataclass(frozen=True)
class Begun:
    url: str
    """Where to send the visitor's browser: the provider's authorization endpoint."""
    browser_secret: str
    """For a cookie of the browser that started: the answer is accepted only there."""


async def begin(
    session: AsyncSession,
    directory: ProviderDirectory,
    keys: PlatformKeys,
    provider: str,
    *,
    redirect_uri: str,
    next_path: str,
    language: str,
    visitor_id: uuid.UUID | None = None,
) -> Begun:
    """Start a sign-in (or, with ``visitor_id``, a verification of that visitor's attributes)
    at ``provider``."""
    profile = directory.profiles.get(provider)
    if profile is None:
        raise SignInRefusedError(Refusal.provider, "no such provider")
    metadata = await directory.metadata(profile)
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters: within RFC 7636's 43 to 128
    browser = secrets.token_urlsafe(32)
    async with _oauth_client(
        directory, profile, keys, redirect_uri, str(metadata["token_endpoint"])
    ) as client:
        url, _ = client.create_authorization_url(
            str(metadata["authorization_endpoint"]),
            state=state,
            code_verifier=verifier,
            nonce=nonce,
            ui_locales=language,
        )
    session.add(
        OidcAuthorization(
            state_hash=_digest(state),
            browser_hash=_digest(browser),
            provider=str(profile.kind),
            nonce=nonce,
            code_verifier=verifier,
            next_path=next_path,
            language=language,
            visitor_id=visitor_id,
            expires_at=datetime.now(UTC) + AUTHORIZATION_LIFETIME,
        )
    )
    await session.flush()
    log.info("auth.oidc_started", provider=str(profile.kind), verifying=visitor_id is not None)
    return Begun(url, browser)


@dataclass(frozen=True)
class Completed:
    profile: ProviderProfile
    subject: str
    claims: dict[str, Any]
    """The ID token's claims, with the UserInfo endpoint's where the provider has one."""
    next_path: str
    language: str
    visitor_id: uuid.UUID | None
    """The signed-in visitor who asked to verify; None for a sign-in."""


async def _take_authorization(
    session: AsyncSession, state: str | None, browser_secret: str | None
) -> OidcAuthorization:
    if not state or len(state) > 200:
        raise SignInRefusedError(Refusal.state, "no state")
    row = await session.scalar(
        sa.delete(OidcAuthorization)
        .where(OidcAuthorization.state_hash == _digest(state))
        .returning(OidcAuthorization)
    )
    if not isinstance(row, OidcAuthorization):
        raise SignInRefusedError(Refusal.state, "unknown or used state")
    if row.expires_at <= datetime.now(UTC):
        raise SignInRefusedError(Refusal.state, "expired")
    if not browser_secret or not hmac.compare_digest(row.browser_hash, _digest(browser_secret)):
        raise SignInRefusedError(Refusal.state, "another browser")
    return row


async def complete(
    session: AsyncSession,
    directory: ProviderDirectory,
    keys: PlatformKeys,
    answer: Mapping[str, str],
    *,
    browser_secret: str | None,
    redirect_uri: str,
) -> Completed:
    """Check the provider's answer (the query of the redirect back) and redeem its code; the
    verified claims, or :class:`SignInRefusedError` with nothing stored."""
    pending = await _take_authorization(session, answer.get("state"), browser_secret)
    profile = directory.profiles.get(pending.provider)
    if profile is None:
        raise SignInRefusedError(Refusal.state, "provider no longer configured")
    metadata = await directory.metadata(profile)
    # RFC 9207: the answer names who sent it, so one provider's answer cannot pass for another's.
    issued_by = answer.get("iss")
    if issued_by is not None and issued_by != profile.issuer:
        raise SignInRefusedError(Refusal.provider, "answer from another issuer")
    if issued_by is None and metadata.get("authorization_response_iss_parameter_supported"):
        raise SignInRefusedError(Refusal.provider, "answer does not name its issuer")
    if "error" in answer:
        raise SignInRefusedError(Refusal.provider, str(answer.get("error"))[:64])
    code = answer.get("code")
    if not code:
        raise SignInRefusedError(Refusal.provider, "no code")
    token_endpoint = str(metadata["token_endpoint"])
    try:
        async with _oauth_client(directory, profile, keys, redirect_uri, token_endpoint) as client:
            token = await client.fetch_token(
                token_endpoint,
                grant_type="authorization_code",
                code=code,
                code_verifier=pending.code_verifier,
            )
    except OAuthError as exc:
        raise SignInRefusedError(Refusal.token, str(exc.error)[:64]) from exc
    except (httpx.HTTPError, ValueError) as exc:
        raise SignInRefusedError(Refusal.unavailable, type(exc).__name__) from exc
    claims = await _verified_id_token(directory, profile, metadata, token, pending.nonce)
    claims = {**await _userinfo(directory, metadata, token, claims["sub"]), **claims}
    log.info("auth.oidc_verified", provider=str(profile.kind))
    return Completed(
        profile,
        str(claims["sub"]),
        claims,
        pending.next_path,
        pending.language,
        pending.visitor_id,
    )


async def _verified_id_token(
    directory: ProviderDirectory,
    profile: ProviderProfile,
    metadata: Mapping[str, Any],
    token: Mapping[str, Any],
    nonce: str,
) -> dict[str, Any]:
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise SignInRefusedError(Refusal.id_token, "no ID token")
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [alg for alg in ID_TOKEN_ALGORITHMS if alg in offered]
    try:
        try:
            decoded = jwt.decode(id_token, await directory.key_set(profile), algorithms)
        except InvalidKeyIdError:
            # A key the provider did not publish when we last looked: it rotated. Look again.
            keys = await directory.key_set(profile, refresh=True)
            decoded = jwt.decode(id_token, keys, algorithms)
        now = int(time.time())
        oldest = now - int(ID_TOKEN_MAX_AGE.total_seconds())
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            {
                "iss": {"essential": True, "value": profile.issuer},
                "aud": {"essential": True, "value": profile.client_id},
                "sub": {"essential": True},
                "exp": {"essential": True},
                "iat": {
                    "essential": True,
                    "validate": lambda _claims, value: (
                        isinstance(value, int | float) and value >= oldest - CLOCK_LEEWAY_SECONDS
                    ),
                },
                "nonce": {"essential": True, "value": nonce},
            },
            {
                "nonce": nonce,
                "client_id": profile.client_id,
                "access_token": token.get("access_token"),
            },
        )
        claims.validate(now=now, leeway=CLOCK_LEEWAY_SECONDS)
    except JoseError as exc:
        raise SignInRefusedError(Refusal.id_token, type(exc).__name__) from exc
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise SignInRefusedError(Refusal.id_token, "no subject")
    return dict(claims)


async def _userinfo(
    directory: ProviderDirectory,
    metadata: Mapping[str, Any],
    token: Mapping[str, Any],
    subject: str,
) -> dict[str, Any]:
    """The UserInfo endpoint's claims (where the four basic facts may come), when it has one
    and it speaks of the same subject (Core §5.3.2); otherwise nothing."""
    endpoint = metadata.get("userinfo_endpoint")
    access_token = token.get("access_token")
    if not isinstance(endpoint, str) or _insecure(endpoint) or not isinstance(access_token, str):
        return {}
    try:
        async with directory.client() as http:
            answer = await http.get(endpoint, headers={"Authorization": f"Bearer {access_token}"})
            answer.raise_for_status()
            claims = answer.json()
    except (httpx.HTTPError, ValueError):
        log.info("auth.oidc_userinfo_unavailable")
        return {}
    if not isinstance(claims, dict) or claims.get("sub") != subject:
        return {}
    return claims


# --- From claims to the visitor's profile ---------------------------------------------------------

_GENDER = {"female": "F", "male": "M", "2": "F", "1": "M"}  # OIDC words; 住基 codes 1 and 2


def _name(claims: Mapping[str, Any]) -> dict[str, str] | None:
    family, given = claims.get("family_name"), claims.get("given_name")
    if isinstance(family, str) and family.strip():
        name = {"surname": family.strip()}
        if isinstance(given, str) and given.strip():
            name["given_names"] = given.strip()
        return name
    full = claims.get("name")
    if not isinstance(full, str) or not full.strip():
        return None
    # デジタル認証アプリ sends the name as registered, family name first, separated by a space
    # (often the ideographic one).
    parts = unicodedata.normalize("NFKC", full).split(maxsplit=1)
    name = {"surname": parts[0]}
    if len(parts) > 1:
        name["given_names"] = parts[1]
    return name


def _address(kind: ProviderKind, claims: Mapping[str, Any]) -> dict[str, Any] | None:
    value = claims.get("address")
    if isinstance(value, str):
        value = {"formatted": value}
    if not isinstance(value, dict):
        return None
    # The My Number card's address is the registered one in Japan.
    country = "JP" if kind is ProviderKind.mynumber else value.get("country")
    if not isinstance(country, str):
        return None
    lines = [
        line.strip()
        for line in str(value.get("street_address") or value.get("formatted") or "").splitlines()
        if line.strip()
    ][:4]
    address: dict[str, Any] = {"country": country}
    if lines:
        address["lines"] = lines
    for part in ("locality", "region", "postal_code"):
        if isinstance(value.get(part), str) and value[part].strip():
            address[part] = value[part].strip()
    return address


def attributes_from_claims(kind: ProviderKind, claims: Mapping[str, Any]) -> dict[str, Any]:
    """The profile attributes the claims vouch for, each as the catalogue accepts it; a claim
    the catalogue refuses is left out (the visitor can still type that attribute)."""
    candidates: dict[str, Any] = {
        "name": _name(claims),
        "date_of_birth": claims.get("birthdate"),
        "sex": _GENDER.get(str(claims.get("gender", "")).lower()),
        "home_address": _address(kind, claims),
    }
    accepted: dict[str, Any] = {}
    for key, value in candidates.items():
        if value is None:
            continue
        normalised, errors = catalogue.validate_profile({key: value})
        if errors:
            log.info("auth.oidc_claim_refused", attribute=key)
            continue
        accepted.update(normalised)
    return accepted


# --- Whose account: sign in, link, or register ----------------------------------------------------


def _subject_key(root: MasterKey) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SUBJECT_INFO).derive(
        root.material
    )


def subject_hash(root: MasterKey, issuer: str, subject: str) -> bytes:
    message = issuer.encode() + b"\x00" + subject.encode()
    return hmac.new(_subject_key(root), message, hashlib.sha256).digest()


async def visitor_of(
    session: AsyncSession, root: MasterKey, completed: Completed
) -> uuid.UUID | None:
    """The visitor who signs in with this account at this provider, if anyone does."""
    found = await session.scalar(
        sa.select(OidcIdentity.visitor_id).where(
            OidcIdentity.lookup_hash
            == subject_hash(root, completed.profile.issuer, completed.subject)
        )
    )
    return found


class IdentityTakenError(Exception):
    """The provider's account already signs another visitor in."""


async def link(
    session: AsyncSession, root: MasterKey, visitor_id: uuid.UUID, completed: Completed
) -> None:
    """Let ``visitor_id`` sign in with this account at this provider from now on."""
    lookup = subject_hash(root, completed.profile.issuer, completed.subject)
    owner = await session.scalar(
        sa.select(OidcIdentity.visitor_id).where(OidcIdentity.lookup_hash == lookup)
    )
    if owner not in (None, visitor_id):
        raise IdentityTakenError()
    await session.execute(
        insert(OidcIdentity)
        .values(lookup_hash=lookup, issuer=completed.profile.issuer, visitor_id=visitor_id)
        .on_conflict_do_nothing()
    )
    log.info("auth.oidc_linked", visitor_id=str(visitor_id), provider=str(completed.profile.kind))


async def store_verified(
    session: AsyncSession, keyring: Keyring, visitor_id: uuid.UUID, completed: Completed
) -> list[str]:
    """Store what the provider vouched for on the visitor's profile, with its provenance; the
    keys stored."""
    attributes = attributes_from_claims(completed.profile.kind, completed.claims)
    if attributes:
        await visitors.update_profile(
            session,
            keyring,
            visitor_id,
            attributes,
            verified=visitors.Verification(completed.profile.issuer, datetime.now(UTC)),
        )
    log.info(
        "auth.oidc_attributes_stored", visitor_id=str(visitor_id), attributes=sorted(attributes)
    )
    return sorted(attributes)
