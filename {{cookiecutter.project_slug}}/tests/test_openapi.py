"""Swagger UI works for users: Authorize takes a token or a password sign-in."""

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .helpers import PASSWORD, SeededUser, bearer


def test_schema_declares_a_jwt_bearer_scheme(app: FastAPI) -> None:
    schemes = app.openapi()["components"]["securitySchemes"]

    assert schemes["HTTPBearer"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }


def test_schema_declares_the_password_flow_at_the_login_route(app: FastAPI) -> None:
    schemes = app.openapi()["components"]["securitySchemes"]

    flow = schemes["OAuth2PasswordBearer"]["flows"]["password"]

    assert schemes["OAuth2PasswordBearer"]["type"] == "oauth2"
    assert flow["tokenUrl"] == "/auth/token"
    assert "/auth/token" in app.openapi()["paths"]


def test_password_flow_request_as_swagger_ui_sends_it_signs_in(
    client: TestClient, make_user: Callable[..., SeededUser]
) -> None:
    make_user("alice")
    form = {
        "grant_type": "password",
        "username": "alice",
        "password": PASSWORD,
        "scope": "",
    }

    r = client.post("/auth/token", data=form)
    me = client.get("/users/me", headers=bearer(r.json()["access_token"]))

    assert r.status_code == 200
    assert me.status_code == 200


def test_swagger_ui_and_its_oauth2_redirect_page_are_served(
    client: TestClient,
) -> None:
    docs = client.get("/docs")
    redirect = client.get("/docs/oauth2-redirect")

    assert docs.status_code == 200
    assert "swagger-ui" in docs.text
    assert redirect.status_code == 200
