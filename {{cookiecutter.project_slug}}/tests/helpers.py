"""Plain helpers shared by the tests."""

from dataclasses import dataclass

from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE, Role

PASSWORD = "correct horse battery staple"
LOW_ROLES = [role for role in Role if role != TOP_ROLE]
DEFAULT_ROLE = LOW_ROLES[0] if LOW_ROLES else TOP_ROLE

NOT_AUTHENTICATED = {"detail": "Not authenticated"}
INVALID_CREDENTIALS = {"detail": "Could not validate credentials"}
FORBIDDEN = {"detail": "Access forbidden: Insufficient permissions"}
INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"'


@dataclass(frozen=True)
class SeededUser:
    id: int
    username: str
    role: Role


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
