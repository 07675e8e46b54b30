"""Each variant installs into its own environment and its own tests pass there.

These are the slow tests (a dependency install per variant); CI runs them too.
uv shares its download cache between bakes, so only the first install fetches.
"""

from __future__ import annotations

import os
import shutil
from subprocess import CompletedProcess

import pytest
from pytest_cookies.plugin import Cookies, Result

from tests.bakery import (
    INSTALLED_LIFECYCLE_VARIANTS,
    covering_variants,
    run,
    tail,
    variant_id,
)
from tests.conftest import bake_with

pytestmark = pytest.mark.bake_install

INSTALL_TIMEOUT = 900


def uv_command() -> str:
    # `uv run` exports its own path as UV; a plain PATH lookup covers the rest.
    uv = os.environ.get("UV") or shutil.which("uv")
    if uv is None:
        pytest.fail("uv is not installed: python3 -m pip install uv")
    return uv


@pytest.fixture(
    scope="session",
    params=[
        pytest.param(
            variant,
            id=variant_id(variant),
            marks=pytest.mark.xdist_group(f"install-{variant_id(variant)}"),
        )
        for variant in covering_variants() + INSTALLED_LIFECYCLE_VARIANTS
    ],
)
def installed_bake(request: pytest.FixtureRequest, cookies_session: Cookies) -> Result:
    """A fresh bake of the variant with `uv sync` run inside it."""
    result = bake_with(cookies_session, request.param)
    assert result.exception is None, result.exception

    process = run(
        [uv_command(), "sync"], cwd=result.project_path, timeout=INSTALL_TIMEOUT
    )

    assert process.returncode == 0, tail(process)
    return result


def run_in_environment(bake: Result, *command: str) -> CompletedProcess[str]:
    """Run a command in the bake's own environment, as it was installed."""
    return run(
        [uv_command(), "run", "--no-sync", *command],
        cwd=bake.project_path,
        timeout=INSTALL_TIMEOUT,
    )


def test_bake_tests_pass_in_its_own_environment(installed_bake: Result) -> None:
    process = run_in_environment(
        installed_bake, "pytest", "-q", "-p", "no:cacheprovider"
    )

    assert process.returncode == 0, tail(process)


def test_bake_cli_shows_help(installed_bake: Result) -> None:
    package = installed_bake.context["package_name"]

    process = run_in_environment(installed_bake, "python", "-m", package, "--help")

    assert process.returncode == 0, tail(process)
    assert "create-user" in process.stdout


def test_bake_type_checks_strictly(installed_bake: Result) -> None:
    process = run_in_environment(installed_bake, "mypy", "--strict", "src", "tests")

    assert process.returncode == 0, tail(process)
