"""Every domain's tables, gathered so that migrations and the drift check see them all."""

from omotenashi.alerts import models as alerts  # noqa: F401
from omotenashi.auth import models as auth  # noqa: F401
from omotenashi.carriers import models as carriers  # noqa: F401
from omotenashi.clients import models as clients  # noqa: F401
from omotenashi.consent import models as consent  # noqa: F401
from omotenashi.content import models as content  # noqa: F401
from omotenashi.conversation import models as conversation  # noqa: F401
from omotenashi.db import Base
from omotenashi.feedback import models as feedback  # noqa: F401
from omotenashi.partners import models as partners  # noqa: F401
from omotenashi.payments import models as payments  # noqa: F401
from omotenashi.resolve import models as resolve  # noqa: F401
from omotenashi.sandbox import models as sandbox  # noqa: F401
from omotenashi.security import audit, ratelimit  # noqa: F401
from omotenashi.servicers import models as servicers  # noqa: F401
from omotenashi.staff import models as staff  # noqa: F401
from omotenashi.statistics import models as statistics  # noqa: F401
from omotenashi.taxfree import models as taxfree  # noqa: F401
from omotenashi.translation import models as translation  # noqa: F401
from omotenashi.visitors import models as visitors  # noqa: F401
from omotenashi.webhooks import models as webhooks  # noqa: F401

metadata = Base.metadata

__all__ = ["metadata"]
