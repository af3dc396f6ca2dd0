"""Cashless: a stored-value wallet on a double-entry ledger, paid with the carrier that
identifies the visitor."""
