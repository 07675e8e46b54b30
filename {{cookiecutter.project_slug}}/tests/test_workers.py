{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
"""Two workers, one Redis: what one worker is told, the other knows.

Each test starts the service twice, as two uvicorn processes on loopback ports,
sharing the test's database and Redis key prefix.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from sqlalchemy.orm import Session

from .helpers import {% if revocation %}INVALID_CREDENTIALS, {% endif %}SeededUser, {% if revocation %}bearer, {% endif %}log_in

# Generous: a loaded CI machine can take a while to import the service.
STARTUP_SECONDS = 120
{%- if rate_limiting %}
USERNAME_LIMIT = 4
{%- endif %}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_healthy(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the worker on port {port} exited:\n{log.read_text()}")
        try:
            health = httpx2.get(f"http://127.0.0.1:{port}/health", timeout=1)
        except httpx2.TransportError:
            time.sleep(0.2)
            continue
        if health.status_code == 200:
            return
    pytest.fail(f"the worker on port {port} did not answer in {STARTUP_SECONDS}s")


@pytest.fixture
def worker_env(
    key_settings: dict[str, Any], state_settings: dict[str, Any], database_url: str
) -> dict[str, str]:
    """The test's settings as the environment a worker reads them from."""
    settings = {**key_settings, **state_settings, "database_url": database_url}
{%- if rate_limiting %}
    settings["login_rate_limit_per_username"] = f"{USERNAME_LIMIT}/minute"
{%- endif %}
    return {**os.environ, **{name.upper(): str(v) for name, v in settings.items()}}


@pytest.fixture
def workers(
    db: Session, worker_env: dict[str, str], tmp_path: Path
) -> Iterator[list[httpx2.Client]]:
    """A client of each of two workers. `db` made the tables: the workers need not."""
    ports = [free_port(), free_port()]
    logs = [tmp_path / f"worker-{port}.log" for port in ports]
    processes = [
        start_worker(port, log, worker_env)
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        for port, process, log in zip(ports, processes, logs, strict=True):
            wait_until_healthy(port, process, log)
        with (
            httpx2.Client(base_url=f"http://127.0.0.1:{ports[0]}") as first,
            httpx2.Client(base_url=f"http://127.0.0.1:{ports[1]}") as second,
        ):
            yield [first, second]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def start_worker(port: int, log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "{{ cookiecutter.package_name }}.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with log.open("wb") as output:
        return subprocess.Popen(  # noqa: S603 - a fixed command, no shell
            command, cwd=log.parent, env=env, stdout=output, stderr=subprocess.STDOUT
        )


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")
{%- if revocation %}


def test_logout_through_one_worker_is_refused_by_the_other(
    workers: list[httpx2.Client], alice: SeededUser
) -> None:
    first, second = workers

    token = log_in(first, alice.username).json()["access_token"]
    before = second.get("/users/me", headers=bearer(token))
    first.post("/auth/logout", headers=bearer(token))
    after = second.get("/users/me", headers=bearer(token))

    assert before.status_code == 200
    assert after.status_code == 401
    assert after.json() == INVALID_CREDENTIALS
{%- endif %}
{%- if refresh_tokens %}


def test_refresh_token_spent_at_one_worker_is_reuse_at_the_other(
    workers: list[httpx2.Client], alice: SeededUser
) -> None:
    first, second = workers

    spent = log_in(first, alice.username).json()["refresh_token"]
    rotated = first.post("/auth/refresh", json={"refresh_token": spent})
    replayed = second.post("/auth/refresh", json={"refresh_token": spent})
    newest = rotated.json()["refresh_token"]
    after_reuse = first.post("/auth/refresh", json={"refresh_token": newest})

    assert rotated.status_code == 200
    assert replayed.status_code == 401
    assert after_reuse.status_code == 401
{%- endif %}
{%- if rate_limiting %}


def test_rate_limit_is_shared_by_the_workers(
    workers: list[httpx2.Client], alice: SeededUser
) -> None:
    first, second = workers

    answers = [
        log_in(client, alice.username, "not the password").status_code
        for client in [first, second] * (USERNAME_LIMIT // 2)
    ]
    over_first = log_in(first, alice.username)
    over_second = log_in(second, alice.username)

    assert answers == [401] * USERNAME_LIMIT
    assert over_first.status_code == 429
    assert over_second.status_code == 429
    assert int(over_second.headers["retry-after"]) >= 1
{%- endif %}
