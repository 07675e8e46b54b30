{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
import logging

from fastapi import APIRouter, Depends

from ..database import SessionDep
from ..users.service import get_user
from .dependencies import no_store
from .errors import InvalidTokenError, Reason
from .refresh_tokens import RefreshTokenServiceDep
from .schemas import RefreshRequest, TokenResponse
{%- if rate_limiting %}
from .throttle import throttle_refresh
{%- endif %}
from .token_pairs import TokenPairsDep

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"], dependencies=[Depends(no_store)])
{%- if rate_limiting %}


@router.post("/refresh", dependencies=[Depends(throttle_refresh)])
{%- else %}


@router.post("/refresh")
{%- endif %}
async def refresh(
    body: RefreshRequest,
    session: SessionDep,
    refresh_tokens: RefreshTokenServiceDep,
    pairs: TokenPairsDep,
) -> TokenResponse:
    """Spend a refresh token for a new access token and refresh token.

    The refresh token sent is spent: sending it again ends its whole family.
    """
    claims = refresh_tokens.decode(body.refresh_token)

    user = await get_user(session, claims.user_id)
    if user is None or not user.is_active:
        raise InvalidTokenError(Reason.UNKNOWN_OR_INACTIVE_USER)
{%- if revocation %}
    if user.token_version != claims.token_version:
        raise InvalidTokenError(Reason.CREDENTIALS_CHANGED)
{%- endif %}

    response = await pairs.rotate(claims, user)
    logger.info("refresh succeeded user_id=%s", user.id)
    return response
