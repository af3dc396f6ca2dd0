"""Consent receipts in the shape of Kantara Consent Receipt v1.1, signed as a JWS (EdDSA)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

VERSION = "KI-CR-v1.1.0"
JURISDICTION = "JP"
POLICY_URL = "/privacy"


def build(
    *,
    receipt_id: uuid.UUID,
    visitor_ref: str,
    granted_at: datetime,
    expires_at: datetime,
    language: str,
    recipient: dict[str, str],
    purpose: str,
    purpose_label: str,
    attributes: list[str],
    sensitive: list[str],
) -> dict[str, Any]:
    """The receipt's claims. ``visitor_ref`` is an opaque id, never a name or e-mail."""
    return {
        "version": VERSION,
        "jurisdiction": JURISDICTION,
        "consentTimestamp": int(granted_at.timestamp()),
        "collectionMethod": "Omotenashi Cloud visitor portal or API",
        "consentReceiptID": str(receipt_id),
        "publicKey": "Ed25519 (platform signing key)",
        "language": language,
        "piiPrincipalId": visitor_ref,
        "piiControllers": [
            {
                "piiController": recipient["name"],
                "onBehalf": False,
                "contact": recipient.get("contact", ""),
                "address": {"country": "JP"},
            }
        ],
        "policyUrl": POLICY_URL,
        "services": [
            {
                "service": "Omotenashi Cloud",
                "purposes": [
                    {
                        "purpose": purpose_label,
                        "purposeCategory": [purpose],
                        "consentType": "EXPLICIT",
                        "piiCategory": attributes,
                        "primaryPurpose": True,
                        "termination": f"{expires_at.isoformat()} or withdrawal",
                        "thirdPartyDisclosure": True,
                        "thirdPartyName": recipient["name"],
                    }
                ],
            }
        ],
        "sensitive": bool(sensitive),
        "spiCat": sensitive,
        "iat": int(granted_at.timestamp()),
        "exp": int(expires_at.timestamp()),
    }


def sign(claims: dict[str, Any], key: Ed25519PrivateKey) -> str:
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"typ": "consent-receipt+jwt"})


def verify(token: str, key: Ed25519PrivateKey) -> dict[str, Any]:
    """The receipt's claims if the platform signed it (expired receipts still verify)."""
    claims: dict[str, Any] = jwt.decode(
        token, key.public_key(), algorithms=["EdDSA"], options={"verify_exp": False}
    )
    return claims
