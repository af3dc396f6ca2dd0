"""Every domain's tables, gathered so that migrations and the drift check see them all."""

from omotenashi.db import Base
from omotenashi.servicers import models as servicers  # noqa: F401
from omotenashi.visitors import models as visitors  # noqa: F401

metadata = Base.metadata

__all__ = ["metadata"]
