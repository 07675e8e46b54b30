from pydantic import BaseModel, ConfigDict
{%- if cookiecutter.rbac != "none" %}

from ..auth.roles import Role
from ..database import UtcDatetime
{%- else %}

from ..database import UtcDatetime
{%- endif %}


class UserRead(BaseModel):
    """A user's public profile; the password hash is never part of it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
{%- if cookiecutter.rbac != "none" %}
    role: Role
{%- endif %}
    is_active: bool
    created_at: UtcDatetime
