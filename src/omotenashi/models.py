"""Every domain's tables, gathered so that migrations and the drift check see them all."""

from omotenashi.db import Base

metadata = Base.metadata

__all__ = ["metadata"]
