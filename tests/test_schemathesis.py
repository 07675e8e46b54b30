"""Schemathesis fuzzes the running `everything` variant from its own OpenAPI.

The bake is installed, given a database of its own (on the PostgreSQL server of
TEST_DATABASE_URL when the variant uses one), keys and a user, and served by
uvicorn on loopback; Redis answers on loopback in CI (.ci/run starts it). Then
schemathesis runs every operation twice: without credentials, and with a valid
token of the top role. No answer may be a server error, and every documented
response must match its schema.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_cookies.plugin import Cookies

from tests.bakery import outer_run_free_env, run, tail
from tests.conftest import bake_with
from tests.matrix import Variant, everything
from tests.test_install import INSTALL_TIMEOUT, service_environment, uv_command

pytestmark = pytest.mark.bake_install

# Run in the bake's environment, which has SQLAlchemy and the PostgreSQL driver.
CREATE_OR_DROP_DATABASE = """
import sys
from sqlalchemy import create_engine, make_url, text

action, server, name = sys.argv[1:]
url = make_url(server).set(drivername="postgresql+psycopg")
engine = create_engine(url, isolation_level="AUTOCOMMIT")
with engine.connect() as connection:
    if action == "create":
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    else:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
engine.dispose()
"""
# A throwaway account in a throwaway bake.
PASSWORD = "schemathesis-password-1"  # noqa: S105
CHECKS = "not_a_server_error,response_schema_conformance"
# Bounded and deterministic: each run sends the same requests, in about a minute.
EXAMPLES_PER_OPERATION = "30"
START_TIMEOUT = 60


@dataclass(frozen=True)
class Service:
    url: str
    token: str
    project: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def in_bake(
    project: Path, env: dict[str, str], *command: str, stdin: str | None = None
) -> None:
    process = run(
        [uv_command(), "run", "--no-sync", *command],
        cwd=project,
        timeout=INSTALL_TIMEOUT,
        env=env,
        stdin=stdin,
    )
    assert process.returncode == 0, tail(process)


@contextlib.contextmanager
def database_for(project: Path, variant: Variant) -> Iterator[dict[str, str]]:
    """The DATABASE_URL for the service: a fresh PostgreSQL database, or SQLite."""
    # The server the variant's own tests would use; skips (fails in CI) if none.
    server = service_environment(variant).get("TEST_DATABASE_URL")
    if server is None:
        yield {}
        return

    name = f"schemathesis_{secrets.token_hex(6)}"
    script = ("python", "-c", CREATE_OR_DROP_DATABASE)
    in_bake(project, {}, *script, "create", server, name)
    try:
        yield {"DATABASE_URL": server.rsplit("/", 1)[0] + f"/{name}"}
    finally:
        in_bake(project, {}, *script, "drop", server, name)


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"uvicorn exited:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"uvicorn did not answer in {START_TIMEOUT}s")


def log_in(url: str, username: str) -> str:
    form = urllib.parse.urlencode({"username": username, "password": PASSWORD})
    request = urllib.request.Request(  # noqa: S310 - a loopback URL we made
        f"{url}/auth/token", data=form.encode(), method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        token: str = json.load(response)["access_token"]
    return token


@pytest.fixture(scope="module")
def service(cookies_session: Cookies) -> Iterator[Service]:
    """The `everything` bake, installed, with a top-role user, served on loopback."""
    variant = everything()
    result = bake_with(cookies_session, dict(variant.answers))
    assert result.exception is None, result.exception
    project = result.project_path
    package = result.context["package_name"]
    top_role = result.context["roles"].split(",")[0].strip()
    synced = run([uv_command(), "sync"], cwd=project, timeout=INSTALL_TIMEOUT)
    assert synced.returncode == 0, tail(synced)

    with database_for(project, variant) as env:
        if not variant.uses("jwt_algorithm", "HS256"):
            in_bake(project, env, "python", "-m", package, "generate-keys")
        in_bake(
            project,
            env,
            *("python", "-m", package, "create-user", "root"),
            *("--role", top_role, "--password-stdin"),
            stdin=PASSWORD + "\n",
        )
        yield from serve(project, package, env)


def serve(project: Path, package: str, env: dict[str, str]) -> Iterator[Service]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = project / "uvicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                *(uv_command(), "run", "--no-sync", "uvicorn", f"{package}.main:app"),
                *("--host", "127.0.0.1", "--port", str(port)),
            ],
            cwd=project,
            env={**outer_run_free_env(), **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_healthy(url, server, log)
        yield Service(url, log_in(url, "root"), project)
    finally:
        server.terminate()
        server.wait(timeout=30)


def schemathesis(service: Service, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(
        [
            sys.executable,
            *("-m", "schemathesis.cli", "run", f"{service.url}/openapi.json"),
            *("--max-examples", EXAMPLES_PER_OPERATION),
            "--generation-deterministic",
            *("--report-dir", str(service.project / "schemathesis-report")),
            "--no-color",
            *extra,
        ],
        cwd=service.project,
        timeout=INSTALL_TIMEOUT,
    )


def test_schemathesis_without_credentials_finds_nothing(service: Service) -> None:
    process = schemathesis(service, "--checks", CHECKS)

    assert process.returncode == 0, tail(process, lines=120)


def test_schemathesis_with_a_valid_token_finds_nothing(service: Service) -> None:
    header = f"Authorization: Bearer {service.token}"

    # ignored_auth also replays each request without the token and expects 401.
    # Logout is left to the run without credentials: it would revoke the token.
    process = schemathesis(
        service,
        *("--header", header, "--checks", CHECKS + ",ignored_auth"),
        *("--exclude-path", "/auth/logout"),
    )

    assert process.returncode == 0, tail(process, lines=120)
