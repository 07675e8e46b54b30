"""CORS: preflight requests are never blocked by authentication."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Settings

ORIGIN = "https://app.example"


@pytest.fixture
def cors_app(settings: Settings) -> FastAPI:
    return create_app(settings.model_copy(update={"cors_origins": [ORIGIN]}))


def test_preflight_is_answered_by_cors_without_credentials(cors_app: FastAPI) -> None:
    with TestClient(cors_app) as client:
        r = client.options(
            "/items",
            headers={
                "Origin": ORIGIN,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "Authorization",
            },
        )

    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == ORIGIN


def test_cross_origin_request_without_credentials_is_still_401(
    cors_app: FastAPI,
) -> None:
    with TestClient(cors_app) as client:
        r = client.get("/items", headers={"Origin": ORIGIN})

    assert r.status_code == 401
    assert r.headers["access-control-allow-origin"] == ORIGIN


def test_cors_is_off_unless_origins_are_configured(client: TestClient) -> None:
    r = client.get("/health", headers={"Origin": ORIGIN})

    assert "access-control-allow-origin" not in r.headers
