"""Consent: what a visitor lets a servicer (or a whole category) see, for which purpose, until
when; each grant with a signed receipt."""
