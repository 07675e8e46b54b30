"""Each variant installs into its own environment and its own tests pass there.

These are the slow tests (a dependency install per variant); CI runs them too.
uv shares its download cache between bakes, so only the first install fetches.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from pytest_cookies.plugin import Cookies, Result

from tests.bakery import postgresql_url, run, tail
from tests.conftest import bake_with
from tests.matrix import Variant, matrix, stateful_extras

pytestmark = pytest.mark.bake_install

INSTALL_TIMEOUT = 900


def uv_command() -> str:
    # `uv run` exports its own path as UV; a plain PATH lookup covers the rest.
    uv = os.environ.get("UV") or shutil.which("uv")
    if uv is None:
        pytest.fail("uv is not installed: python3 -m pip install uv")
    return uv


def service_environment(variant: Variant) -> dict[str, str]:
    """The URLs of the servers the variant's own tests need."""
    if not variant.uses("database", "postgresql"):
        return {}

    url = postgresql_url()
    if url is None:
        reason = "TEST_DATABASE_URL is not set: no PostgreSQL server to test against"
        # CI starts the server (.ci/run): there, a missing URL is a broken run.
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return {"TEST_DATABASE_URL": url}


@dataclass(frozen=True)
class InstalledBake:
    """A bake with its own environment installed, and what its tests need."""

    result: Result
    env: dict[str, str]

    @property
    def path(self) -> Path:
        return self.result.project_path


@pytest.fixture(
    scope="session",
    params=[
        pytest.param(
            variant,
            id=variant.id,
            marks=pytest.mark.xdist_group(f"install-{variant.id}"),
        )
        for variant in (*matrix(), *stateful_extras())
    ],
)
def installed_bake(
    request: pytest.FixtureRequest, cookies_session: Cookies
) -> InstalledBake:
    """A fresh bake of the variant with `uv sync` run inside it."""
    variant: Variant = request.param
    env = service_environment(variant)
    result = bake_with(cookies_session, dict(variant.answers))
    assert result.exception is None, result.exception

    process = run(
        [uv_command(), "sync"], cwd=result.project_path, timeout=INSTALL_TIMEOUT
    )

    assert process.returncode == 0, tail(process)
    return InstalledBake(result, env)


def run_in_environment(bake: InstalledBake, *command: str) -> CompletedProcess[str]:
    """Run a command in the bake's own environment, as it was installed."""
    return run(
        [uv_command(), "run", "--no-sync", *command],
        cwd=bake.path,
        timeout=INSTALL_TIMEOUT,
        env=bake.env,
    )


def test_bake_tests_pass_in_its_own_environment(installed_bake: InstalledBake) -> None:
    process = run_in_environment(
        installed_bake, "pytest", "-q", "-p", "no:cacheprovider"
    )

    assert process.returncode == 0, tail(process)


def test_bake_cli_shows_help(installed_bake: InstalledBake) -> None:
    package = installed_bake.result.context["package_name"]

    process = run_in_environment(installed_bake, "python", "-m", package, "--help")

    assert process.returncode == 0, tail(process)
    assert "create-user" in process.stdout


def test_bake_type_checks_strictly(installed_bake: InstalledBake) -> None:
    process = run_in_environment(installed_bake, "mypy", "--strict", "src", "tests")

    assert process.returncode == 0, tail(process)
