"""Fixtures that bake the template with pytest-cookies."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_cookies.plugin import Cookies, Result

from tests.bakery import TEMPLATE_DIR
from tests.matrix import Variant, matrix, stateful_extras

Bake = Callable[..., Result]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    variants = matrix()
    terminalreporter.write_line(
        f"variant matrix: {len(variants)} variants "
        f"(minimal, everything and {len(variants) - 2} pairwise), "
        f"and {len(stateful_extras())} stateful extras"
    )


@pytest.fixture(scope="session", autouse=True)
def hook_scripts_under_pytest_temp(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Keep cookiecutter's rendered hook scripts out of the system temp folder.

    Cookiecutter writes each hook it runs to a temporary file that it never
    deletes; in pytest's own temp folder they go when pytest prunes old runs.
    """
    previous = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("hook-scripts"))
    yield
    tempfile.tempdir = previous


def bake_with(cookies: Cookies, answers: dict[str, Any]) -> Result:
    """Bake this template (wherever pytest was started) with the given answers."""
    return cookies.bake(extra_context=answers, template=str(TEMPLATE_DIR))


@pytest.fixture
def bake(cookies: Cookies) -> Bake:
    """Bake in this test's own temporary folder: `bake(roles="admin")`."""

    def bake_answers(**answers: Any) -> Result:
        return bake_with(cookies, answers)

    return bake_answers


@pytest.fixture
def bake_output_root(tmp_path: Path) -> Path:
    """Where the `bake` fixture puts its bakes, one subfolder each."""
    return tmp_path / "cookies"


@pytest.fixture(scope="session")
def default_bake(cookies_session: Cookies) -> Result:
    """The default answers, baked once per test process."""
    result = bake_with(cookies_session, {})
    assert result.exception is None, result.exception
    return result


@pytest.fixture(
    scope="session",
    params=[*matrix(), *stateful_extras()],
    ids=lambda variant: variant.id,
)
def variant(request: pytest.FixtureRequest) -> Variant:
    """Each variant of the matrix, and the stateful extras (tests/matrix.py)."""
    chosen: Variant = request.param
    return chosen


@pytest.fixture(scope="session")
def variant_bake(variant: Variant, cookies_session: Cookies) -> Result:
    """The variant, baked once per test process."""
    result = bake_with(cookies_session, dict(variant.answers))
    assert result.exception is None, result.exception
    return result


@pytest.fixture
def replay_context(default_bake: Result) -> dict[str, Any]:
    """The default answers as a replay file holds them, for `replay_bake`."""
    return {
        key: value
        for key, value in default_bake.context.items()
        if not key.startswith("_") or key == "_copy_without_render"
    }
