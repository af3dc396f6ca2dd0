"""Carriers: the things a visitor presents at a touchpoint (a transit IC card, an NFC tag, a phone
showing a rotating QR code) and how the platform recognises them."""
