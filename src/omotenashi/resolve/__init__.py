"""Resolve at a touchpoint: who is this visitor for this servicer, and what may it see."""
