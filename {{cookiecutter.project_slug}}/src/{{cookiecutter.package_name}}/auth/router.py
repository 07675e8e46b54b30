import logging
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from ..database import SessionDep
from .dependencies import PasswordHasherDep, TokenServiceDep
from .errors import LoginFailedError, Reason
from .schemas import TokenResponse
from .service import authenticate

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token")
async def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    hasher: PasswordHasherDep,
    tokens: TokenServiceDep,
) -> TokenResponse:
    """Exchange a username and password for an access token."""
    user = await authenticate(session, hasher, form.username, form.password)
    if user is None:
        # One answer for an unknown user and a wrong password, so the response
        # never confirms that a username exists.
        raise LoginFailedError(Reason.BAD_CREDENTIALS)
{%- if cookiecutter.rbac != "none" %}

    issued = tokens.issue_access_token(user.id, user.role)
{%- else %}

    issued = tokens.issue_access_token(user.id)
{%- endif %}
    logger.info("login succeeded user_id=%s", user.id)
    return TokenResponse(access_token=issued.token, expires_in=issued.expires_in)
