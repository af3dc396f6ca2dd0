"""Consent receipts in the shape of Kantara Consent Receipt v1.1, signed as a JWS (EdDSA).

A receipt has two copies. The visitor's, made when they consent, names them by their own id
(``piiPrincipalId``: ``visitor:<id>``). The servicer's names them only by the pairwise subject id
that servicer already knows them by (:func:`for_servicer`): two servicers comparing receipts
learn nothing that links the visitor.

Kantara's ``publicKey`` holds the key that signed the receipt, as a JWK (RFC 8037) whose ``kid``
is its RFC 7638 thumbprint and is also the JWS header's ``kid``. A verifier takes the key from
the platform's JWKS (``/.well-known/jwks.json``) by that ``kid``, never from the receipt itself.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import jwt

from omotenashi.security import jwks
from omotenashi.security.keys import PlatformKeys

VERSION = "KI-CR-v1.1.0"
JURISDICTION = "JP"
POLICY_URL = "/privacy"
RECEIPT_TYPE = "consent-receipt+jwt"


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
    """The claims of the visitor's copy. ``visitor_ref`` is the visitor's own id, never a name
    or e-mail, and never shown to a servicer."""
    return {
        "version": VERSION,
        "jurisdiction": JURISDICTION,
        "consentTimestamp": int(granted_at.timestamp()),
        "collectionMethod": "Omotenashi Cloud visitor portal or API",
        "consentReceiptID": str(receipt_id),
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


def for_servicer(claims: dict[str, Any], subject: str) -> dict[str, Any]:
    """The servicer's copy of a receipt: the same consent, the visitor named by ``subject``, the
    pairwise id the servicer knows them by (resolve's ``subject``)."""
    return claims | {"piiPrincipalId": subject}


def sign(claims: dict[str, Any], keys: PlatformKeys) -> str:
    """The receipt signed with the platform's signing key, which its ``publicKey`` names."""
    key = keys.signing_key
    return jwt.encode(
        claims | {"publicKey": jwks.public_jwk(key)},
        key,
        algorithm=jwks.ALGORITHM,
        headers=jwks.header(key, RECEIPT_TYPE),
    )


def verify(token: str, keys: PlatformKeys) -> dict[str, Any]:
    """The receipt's claims if the platform signed it, with its current key or a retired one
    still published (expired receipts still verify)."""
    return jwks.decode(token, keys, options={"verify_exp": False})
