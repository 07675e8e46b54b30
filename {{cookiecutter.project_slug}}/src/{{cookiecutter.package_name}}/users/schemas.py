from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ..auth.roles import Role


class UserRead(BaseModel):
    """A user's public profile; the password hash is never part of it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    role: Role
    is_active: bool
    created_at: datetime
