"""Omotenashi Cloud: a visitor registers once and is served in their language everywhere."""

__version__ = "0.1.0"
