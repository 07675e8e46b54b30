{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
{%- set pydantic_names = ["Field"] + (["SecretStr"] if cookiecutter.jwt_algorithm == "HS256" else []) + ["ValidationError"] + (["ValidationInfo"] if refresh_tokens else []) + ["field_validator"] -%}
"""Service settings, read from the environment and from `.env`."""

{% if cookiecutter.jwt_algorithm != "HS256" -%}
from pathlib import Path
{% endif -%}
from typing import Annotated
{%- if cookiecutter.state_backend == "redis" %}
from urllib.parse import urlsplit
{%- endif %}
{% if rate_limiting %}
import limits
{%- endif %}
from pydantic import {{ pydantic_names | join(", ") }}
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
{% if cookiecutter.jwt_algorithm == "HS256" %}
# RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output.
MIN_SECRET_BYTES = 32
MIN_DISTINCT_SECRET_CHARACTERS = 10
WEAK_SECRETS = frozenset(
    {
        "changeme",
        "changethis",
        "secret",
        "secret-key",
        "jwt-secret",
        "password",
        "your-secret-key",
        # The example key printed in the FastAPI tutorial, copied into many apps.
        "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
    }
)
{%- endif %}
{%- if cookiecutter.database == "sqlite" %}
DATABASE_BACKEND = "sqlite"
ASYNC_DRIVER = "sqlite+aiosqlite"
{%- else %}
DATABASE_BACKEND = "postgresql"
ASYNC_DRIVER = "postgresql+psycopg"
{%- endif %}
{%- if cookiecutter.state_backend == "redis" %}
REDIS_SCHEMES = ("redis", "rediss")
{%- endif %}

PositiveSeconds = Annotated[int, Field(gt=0)]
NonEmptyStr = Annotated[str, Field(min_length=1)]


class ConfigurationError(Exception):
    """Raised when the settings cannot be loaded or fail a safety check."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # Never echo a rejected value: it may be a real secret.
        hide_input_in_errors=True,
    )
{%- if cookiecutter.jwt_algorithm == "HS256" %}

    jwt_secret_key: SecretStr
{%- else %}

    jwt_private_key_file: Path = Path("keys/private.pem")
    jwt_public_key_file: Path = Path("keys/public.pem")
    # Public keys of rotated-out signing keys, still accepted until their tokens
    # expire: a comma-separated list of PEM files.
    jwt_retired_public_key_files: Annotated[list[Path], NoDecode] = []
{%- endif %}
    jwt_issuer: NonEmptyStr = "{{ cookiecutter.project_slug }}"
    jwt_audience: NonEmptyStr = "{{ cookiecutter.project_slug }}-api"
    access_token_ttl_seconds: PositiveSeconds = 900
{%- if refresh_tokens %}
    refresh_token_ttl_seconds: PositiveSeconds = 1_209_600
{%- endif %}
    jwt_leeway_seconds: int = Field(default=30, ge=0, le=300)
{%- if cookiecutter.database == "sqlite" %}
    database_url: str = "sqlite:///./{{ cookiecutter.package_name }}.db"
{%- else %}
    database_url: str = "postgresql:///{{ cookiecutter.package_name }}"
{%- endif %}
{%- if cookiecutter.state_backend == "redis" %}
    redis_url: str = "redis://127.0.0.1:6379/0"
    # Every key the service writes starts with this, so that services (or test
    # runs) can share one Redis without seeing each other's state.
    redis_key_prefix: str = "{{ cookiecutter.project_slug }}:"
{%- endif %}
{%- if rate_limiting %}
    login_rate_limit_per_client: str = "20/minute"
    login_rate_limit_per_username: str = "10/15minutes"
{%- if refresh_tokens %}
    refresh_rate_limit_per_client: str = "60/minute"
{%- endif %}
{%- endif %}
    # Browser origins allowed to call the API, comma separated; none by default.
    cors_origins: Annotated[list[str], NoDecode] = []

{%- if cookiecutter.jwt_algorithm == "HS256" %}

    @field_validator("jwt_secret_key")
    @classmethod
    def check_secret_strength(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value()
        if len(secret.encode()) < MIN_SECRET_BYTES:
            msg = (
                f"must be at least {MIN_SECRET_BYTES} bytes; generate one with "
                '`python -c "import secrets; print(secrets.token_urlsafe(64))"`'
            )
            raise ValueError(msg)
        if is_weak_secret(secret):
            msg = "is a known placeholder or low-entropy value; generate a fresh one"
            raise ValueError(msg)
        return value
{%- endif %}
{%- if cookiecutter.jwt_algorithm == "HS256" %}

    @field_validator("cors_origins", mode="before")
{%- else %}

    @field_validator("cors_origins", "jwt_retired_public_key_files", mode="before")
{%- endif %}
    @classmethod
    def split_comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value
{%- if refresh_tokens %}

    @field_validator("refresh_token_ttl_seconds")
    @classmethod
    def outlive_access_tokens(cls, value: int, info: ValidationInfo) -> int:
        # A refresh token that dies first would be useless, and logout relies on
        # a refresh family outliving every access token issued from it.
        access_ttl = info.data.get("access_token_ttl_seconds")
        if access_ttl is not None and value <= access_ttl:
            msg = "must be longer than ACCESS_TOKEN_TTL_SECONDS"
            raise ValueError(msg)
        return value
{%- endif %}
{%- if rate_limiting %}

    @field_validator(
        "login_rate_limit_per_client",
        "login_rate_limit_per_username",
{%- if refresh_tokens %}
        "refresh_rate_limit_per_client",
{%- endif %}
    )
    @classmethod
    def check_rate_limit(cls, value: str) -> str:
        try:
            limits.parse(value)
        except ValueError:
            msg = "must be a rate such as 20/minute or 10/15minutes"
            raise ValueError(msg) from None
        return value
{%- endif %}
{%- if cookiecutter.state_backend == "redis" %}

    @field_validator("redis_url")
    @classmethod
    def check_redis_scheme(cls, value: str) -> str:
        if urlsplit(value).scheme not in REDIS_SCHEMES:
            msg = "must be a redis:// or rediss:// URL"
            raise ValueError(msg)
        return value
{%- endif %}

    @field_validator("database_url")
    @classmethod
    def use_async_driver(cls, value: str) -> str:
        """Accept a plain `{{ cookiecutter.database }}://` URL for the async engine."""
        try:
            url = make_url(value)
        except ArgumentError:
            msg = "is not a database URL"
            raise ValueError(msg) from None
        if url.get_backend_name() != DATABASE_BACKEND:
            msg = f"must be a {DATABASE_BACKEND} URL"
            raise ValueError(msg)
        return url.set(drivername=ASYNC_DRIVER).render_as_string(hide_password=False)


{%- if cookiecutter.jwt_algorithm == "HS256" %}


def is_weak_secret(secret: str) -> bool:
    lowered = secret.lower()
    return (
        lowered in WEAK_SECRETS
        or any(lowered.startswith(weak) for weak in WEAK_SECRETS)
        or len(set(secret)) < MIN_DISTINCT_SECRET_CHARACTERS
    )
{%- endif %}


def load_settings() -> Settings:
    """Load the settings, turning validation errors into one readable line."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(describe_error(error) for error in exc.errors())
        raise ConfigurationError(problems) from None


def describe_error(error: ErrorDetails) -> str:
    name = "_".join(str(part) for part in error["loc"]).upper()
    if error["type"] == "missing":
        return f"{name} is not set"
    if error["type"] == "value_error":
        return f"{name} {error['ctx']['error']}"
    return f"{name}: {error['msg']}"
