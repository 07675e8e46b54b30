{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
from typing import Literal

{% if refresh_tokens -%}
from pydantic import BaseModel, ConfigDict
{%- else -%}
from pydantic import BaseModel
{%- endif %}


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - RFC 6749 token type
    expires_in: int
{%- if refresh_tokens %}
    refresh_token: str


class RefreshRequest(BaseModel):
    """The body of POST /auth/refresh. JSON, so the token never sits in a URL."""

    model_config = ConfigDict(extra="forbid")

    refresh_token: str
{%- endif %}
