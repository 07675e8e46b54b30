{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
import logging

from fastapi import APIRouter, status

from .dependencies import AccessClaimsDep, CurrentUser
from .revocation import RevocationsDep

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    claims: AccessClaimsDep, user: CurrentUser, revocations: RevocationsDep
) -> None:
{%- if refresh_tokens %}
    """Revoke the presented access token and end its refresh family."""
{%- else %}
    """Revoke the presented access token until it expires."""
{%- endif %}
    await revocations.revoke(claims)
    logger.info("logout user_id=%s", user.id)
