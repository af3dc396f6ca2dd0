"""Settings, read from the environment (prefix ``OMOTENASHI_``) when asked for, never at import."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class LogFormat(StrEnum):
    console = "console"
    json = "json"


class WalletRegime(StrEnum):
    """The shape the Payment Services Act gives the wallet (FACTS.md, Payments)."""

    # Every top-up usable for at most 6 months: outside the Act, as Welcome Suica is.
    short_validity = "short_validity"
    # The operator is a registered issuer of a prepaid payment instrument: no expiry, base-date
    # reports and security deposit, refunds only where the Act allows them.
    registered_issuer = "registered_issuer"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OMOTENASHI_", env_file=None, extra="ignore")

    database_url: SecretStr | None = Field(
        default=None,
        description="PostgreSQL URL. Unset: a private cluster is started in the data directory.",
    )
    read_database_url: SecretStr | None = Field(
        default=None,
        description="PostgreSQL URL of a streaming standby for read-heavy pages and APIs "
        "(statistics, exports, the access log). Unset: they read the primary.",
    )
    read_max_lag: float = Field(
        default=5.0,
        gt=0,
        description="Seconds the standby may lag behind the primary; further behind (or down), "
        "reads go to the primary until it catches up.",
    )
    database_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds a database connection attempt or statement may take before the "
        "request is answered 503 (a server cut off from its database answers, not hangs).",
    )
    data_dir: Path = Field(default=Path("var"), description="Embedded cluster and generated keys.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str | None = Field(default=None, description="Base URL visitors see.")
    log_format: LogFormat | None = Field(
        default=None, description="console or json; default: console on the embedded default."
    )
    log_level: str = "INFO"
    run_worker: bool = Field(default=True, description="Run the job worker inside `serve`.")
    pg_bin_dir: Path | None = Field(default=None, description="PostgreSQL server binaries to use.")
    pg_port: int = Field(default=0, ge=0, le=65535, description="Embedded PostgreSQL; 0: any free.")
    master_key: SecretStr | None = Field(
        default=None, description="Base64 32-byte key wrapping every visitor data key."
    )
    previous_master_keys: SecretStr | None = Field(
        default=None,
        description="Comma-separated base64 32-byte keys that wrapped data keys before a "
        "rotation; used only to unwrap until `omotenashi keys rewrap` has finished.",
    )
    derivation_key: SecretStr | None = Field(
        default=None,
        description="Base64 32-byte root of every derived key (pairwise ids, card hashes, "
        "staff codes); never rotated. Default: the master key.",
    )
    token_signing_key: SecretStr | None = Field(
        default=None, description="PEM Ed25519 key signing access tokens, receipts and alerts."
    )
    previous_token_signing_keys: SecretStr | None = Field(
        default=None,
        description="PEM Ed25519 keys (public, or the retired private keys), one after the "
        "other, that signed before a rotation: still published and accepted.",
    )
    vapid_private_key: SecretStr | None = Field(
        default=None, description="PEM P-256 key identifying the platform to Web Push services."
    )
    vapid_subject: str = Field(
        default="mailto:operator@omotenashi.localhost",
        description="Contact push services may use about our pushes (RFC 8292 `sub`).",
    )
    push_loopback_endpoints: bool = Field(
        default=False,
        description="Accept push subscriptions at http://127.0.0.1 or localhost (development).",
    )
    webhook_loopback_endpoints: bool = Field(
        default=False,
        description="Accept webhook endpoints at http://127.0.0.1 or localhost (development).",
    )
    smtp_url: SecretStr | None = Field(
        default=None,
        description="Where e-mail goes: smtp://user:password@host:587 (STARTTLS) or "
        "smtps://…:465. Unset: messages are written to <data_dir>/outbox and the product says so.",
    )
    mail_from: str = Field(
        default="Omotenashi Cloud <no-reply@omotenashi.localhost>",
        description="The From of every e-mail the platform sends.",
    )
    alert_stale_after_minutes: int = Field(
        default=10,
        ge=1,
        description="An earthquake or tsunami report received longer than this after JMA issued "
        "it (Head/ReportDateTime) is stored and shown to operators, never pushed.",
    )
    alert_validity_minutes: dict[str, int] = Field(
        default_factory=dict,
        description="Per alert type, how long a report that sets no end (no ValidDateTime) stays "
        "current, in minutes; overrides the defaults in omotenashi.alerts.lifecycle.VALIDITY.",
    )
    jma_feeds: str = Field(
        default="",
        description="Comma-separated URLs of JMA's PULL-type Atom feeds to poll (eqvol.xml, "
        "extra.xml). Empty: no polling (the embedded demo has no internet).",
    )
    jma_poll_interval_seconds: int = Field(
        default=60, ge=5, le=3600, description="How often each JMA feed is polled."
    )
    jma_document_hosts: str = Field(
        default="www.data.jma.go.jp",
        description="Comma-separated host names the poller may fetch feeds and documents from.",
    )
    erasure_journal: Path | None = Field(
        default=None,
        description="Append-only file of erased visitors' ids, kept apart from the database "
        "and its backups, that `omotenashi restore` re-applies; default <data_dir>/erasures.log. "
        "In a fleet: storage every server and worker shares.",
    )
    job_stale_seconds: int = Field(
        default=30,
        ge=2,
        le=3600,
        description="A job whose worker has not reported on it for this long (the worker died) "
        "is taken up by another worker.",
    )
    nta_test_url: str = Field(
        default="https://test.tax-free.nta.example",
        description="Base URL of the National Tax Agency's 免税販売管理システム test environment "
        "(the address in the NTA's connection guide for registered senders).",
    )
    nta_production_url: str = Field(
        default="https://tax-free.nta.example",
        description="Base URL of the 免税販売管理システム production environment.",
    )
    job_log_retention_days: int = Field(default=14, ge=1)
    visitor_retention_days: int = Field(
        default=30, ge=0, description="Days after departure before a visitor is erased."
    )
    statistics_k: int = Field(
        default=10,
        ge=2,
        description="Fewest distinct visitors a published statistics cell may count.",
    )
    wallet_regime: WalletRegime = Field(
        default=WalletRegime.short_validity,
        description="short_validity (each top-up usable 180 days, outside the Payment Services "
        "Act) or registered_issuer (the operator is a registered issuer).",
    )
    wallet_validity_days: int = Field(
        default=180, ge=1, le=180, description="Days a top-up stays usable (short_validity)."
    )
    wallet_limit: int = Field(
        default=50_000, ge=1, le=10_000_000, description="Most a wallet may hold, in yen."
    )
    tap_limit: int = Field(
        default=10_000,
        ge=0,
        description="Largest charge a tap alone pays, in yen; above it the visitor confirms "
        "on their phone.",
    )
    charge_fee_basis_points: int = Field(
        default=300, ge=0, le=10_000, description="The platform's fee on a charge (1/100 %)."
    )
    wallet_issuer: str = Field(
        default="Omotenashi Cloud operator",
        description="Who issues the stored value, as the visitor is told before paying in.",
    )
    wallet_complaints_contact: str = Field(
        default="support@omotenashi.localhost",
        description="Where a visitor complains about the wallet (shown before paying in).",
    )
    stripe_secret_key: SecretStr | None = Field(
        default=None, description="Stripe secret key; unset: card top-up is not available."
    )
    stripe_publishable_key: str | None = Field(
        default=None, description="Stripe publishable key for the payment page."
    )
    stripe_webhook_secret: SecretStr | None = Field(
        default=None, description="Signing secret (whsec_...) of the Stripe webhook endpoint."
    )
    stripe_api_base: str = Field(
        default="https://api.stripe.com", description="Stripe's API (a local fake in tests)."
    )
    oidc_client_key: SecretStr | None = Field(
        default=None,
        description="PEM RSA private key (2048 bits or more) the platform signs its "
        "private_key_jwt client assertions with; its public half is published at "
        "/.well-known/oidc-client-jwks.json. Needed only when an OpenID Provider is configured.",
    )
    mynumber_issuer: str | None = Field(
        default=None,
        description="Issuer of the Digital Agency's デジタル認証アプリ as registered for this "
        "deployment (its discovery document is read from <issuer>/.well-known/openid-configuration)"
        ". Unset: sign-in with the My Number card is not offered.",
    )
    mynumber_client_id: str | None = Field(
        default=None, description="The client id the Digital Agency gave this deployment."
    )
    oidc_issuer: str | None = Field(
        default=None,
        description="Issuer of a generic OpenID Provider (an airline's, an agency's, another "
        "country's wallet). Unset: not offered.",
    )
    oidc_client_id: str | None = Field(
        default=None, description="This deployment's client id at the generic OpenID Provider."
    )
    oidc_name: str = Field(
        default="OpenID Connect",
        description="The generic OpenID Provider's name as visitors read it on the sign-in page.",
    )
    oidc_scopes: str = Field(
        default="openid profile address",
        description="Scopes asked of the generic OpenID Provider (space-separated).",
    )

    @property
    def jma_feed_urls(self) -> list[str]:
        return [url.strip() for url in self.jma_feeds.split(",") if url.strip()]

    @property
    def jma_allowed_hosts(self) -> frozenset[str]:
        return frozenset(h.strip().lower() for h in self.jma_document_hosts.split(",") if h.strip())

    @property
    def embedded(self) -> bool:
        """True when the product runs its own PostgreSQL (no database URL given)."""
        return self.database_url is None

    @cached_property
    def data_path(self) -> Path:
        return self.data_dir.expanduser().resolve()

    @property
    def erasure_journal_path(self) -> Path:
        return self.erasure_journal or self.data_path / "erasures.log"

    @property
    def effective_log_format(self) -> LogFormat:
        if self.log_format is not None:
            return self.log_format
        return LogFormat.console if self.embedded else LogFormat.json

    @property
    def base_url(self) -> str:
        # The loopback by name: passkeys (WebAuthn) refuse an IP address.
        host = "localhost" if self.host in ("127.0.0.1", "::1") else self.host
        return self.public_url or f"http://{host}:{self.port}"
