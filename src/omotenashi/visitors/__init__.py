"""Visitor profiles, family members and stays."""
