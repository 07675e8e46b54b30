from pydantic import BaseModel, ConfigDict

{% if cookiecutter.rbac != "none" -%}
from ..auth.roles import Role
{% endif -%}
from ..database import UtcDatetime


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
