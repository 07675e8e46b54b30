"""Every table of the service in one place, for Alembic and the tests."""

from .database import Base
from .items.models import Item
from .users.models import User

__all__ = ["Item", "User", "metadata"]

metadata = Base.metadata
