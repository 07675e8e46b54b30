{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
import logging
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from ..database import SessionDep
{%- if refresh_tokens %}
from .dependencies import PasswordHasherDep, no_store
{%- else %}
from .dependencies import PasswordHasherDep, TokenServiceDep, no_store
{%- endif %}
from .errors import LoginFailedError, Reason
from .schemas import TokenResponse
from .service import authenticate
{%- if rate_limiting %}
from .throttle import throttle_login
{%- endif %}
{%- if refresh_tokens %}
from .token_pairs import TokenPairsDep
{%- endif %}

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"], dependencies=[Depends(no_store)])
{%- if rate_limiting %}


@router.post("/token", dependencies=[Depends(throttle_login)])
{%- else %}


@router.post("/token")
{%- endif %}
async def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    hasher: PasswordHasherDep,
{%- if refresh_tokens %}
    pairs: TokenPairsDep,
{%- else %}
    tokens: TokenServiceDep,
{%- endif %}
) -> TokenResponse:
{%- if refresh_tokens %}
    """Exchange a username and password for an access token and a refresh token."""
{%- else %}
    """Exchange a username and password for an access token."""
{%- endif %}
    user = await authenticate(session, hasher, form.username, form.password)
    if user is None:
        # One answer for an unknown user and a wrong password, so the response
        # never confirms that a username exists.
        raise LoginFailedError(Reason.BAD_CREDENTIALS)
{%- if refresh_tokens %}

    response = await pairs.start(user)
{%- else %}

    issued = tokens.issue_access_token(user)
    response = TokenResponse(access_token=issued.token, expires_in=issued.expires_in)
{%- endif %}
    logger.info("login succeeded user_id=%s", user.id)
    return response
