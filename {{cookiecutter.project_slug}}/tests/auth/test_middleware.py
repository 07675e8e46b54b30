"""The authentication middleware: closed by default, open where it must be."""

import pytest
from fastapi.testclient import TestClient

from ..helpers import NOT_AUTHENTICATED

ORIGIN = "https://app.example"


def test_unknown_path_without_credentials_is_401_not_404(client: TestClient) -> None:
    r = client.get("/no/such/route")

    assert r.status_code == 401
    assert r.json() == NOT_AUTHENTICATED


@pytest.mark.parametrize(
    "path", ["/health", "/docs", "/openapi.json", "/redoc"], ids=str
)
def test_public_paths_answer_without_credentials(client: TestClient, path: str) -> None:
    r = client.get(path)

    assert r.status_code == 200


def test_login_is_reachable_without_credentials(client: TestClient) -> None:
    r = client.post("/auth/token", data={"username": "nobody", "password": "x" * 12})

    assert r.status_code == 401
    assert r.json() == {"detail": "Incorrect username or password"}


def test_preflight_passes_the_middleware_without_cors_configured(
    client: TestClient,
) -> None:
    r = client.options(
        "/items",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
    )

    # No CORS middleware: the router answers that OPTIONS is not a method here.
    assert r.status_code == 405
