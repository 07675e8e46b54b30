{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
from datetime import UTC, datetime

{% if cookiecutter.rbac != "none" -%}
from sqlalchemy import DateTime, Enum, String
{% else -%}
from sqlalchemy import DateTime, String
{% endif -%}
from sqlalchemy.orm import Mapped, mapped_column

{% if cookiecutter.rbac != "none" -%}
from ..auth.roles import Role
{% endif -%}
from ..database import Base

USERNAME_MAX_LENGTH = 64


def utc_now() -> datetime:
    return datetime.now(UTC)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(
        String(USERNAME_MAX_LENGTH), unique=True, index=True
    )
    password_hash: Mapped[str] = mapped_column(String(255))
{%- if cookiecutter.rbac != "none" %}
    role: Mapped[Role] = mapped_column(
        Enum(
            Role,
            native_enum=False,
            length=32,
            values_callable=lambda roles: [role.value for role in roles],
        )
    )
{%- endif %}
    is_active: Mapped[bool] = mapped_column(default=True)
{%- if revocation %}
    # Part of every token; bumping it (see users.credentials) ends them all.
    token_version: Mapped[int] = mapped_column(default=0, server_default="0")
{%- endif %}
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now
    )

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, username={self.username!r})"
