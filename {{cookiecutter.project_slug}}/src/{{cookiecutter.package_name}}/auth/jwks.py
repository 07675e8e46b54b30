"""The public keys that verify this service's tokens, as a JWK set (RFC 7517)."""

from fastapi import APIRouter, Request, Response

from .keys import KeySet

router = APIRouter(tags=["auth"])

# Verifiers may cache the set briefly; a rotation keeps the old key published
# for a whole token lifetime, far longer than this.
CACHE_CONTROL = "public, max-age=300"


@router.get("/.well-known/jwks.json")
async def read_jwks(
    request: Request, response: Response
) -> dict[str, list[dict[str, str]]]:
    """The current and retired public keys, for services that verify our tokens."""
    keys: KeySet = request.app.state.keys
    response.headers["Cache-Control"] = CACHE_CONTROL
    return keys.jwks
