"""Hostile free-text answers bake into valid, lint-clean files, as plain text.

Quotes of both kinds, backslashes, non-ASCII, TOML and YAML syntax, shell and
HTML fragments in the project name, description and author must neither break a
generated file nor change what the file says. Template syntax in an answer is
text too: answers reach the templates as values, never as templates.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pytest_cookies.plugin import Cookies

from tests.bakery import replay_bake, run, tail
from tests.conftest import bake_with
from tests.matrix import matrix
from tests.test_bake import leftover_syntax, unparsable_files

HOSTILE_FREE_TEXT = {
    "project_name": 'Ünïcødé "Gate" \'s back\\slash """ \'\'\' ]] [tool.x] # = end\\',
    "project_slug": "hostile",
    "package_name": "hostile",
    "description": (
        'It\'s "fine"\\ \'\'\' """ $HOME ${x} `id` </script> \\u0041 日本語 é '
        "key: value - [a, b] {c: d} & *anchor !tag %s {} \\n"
    ),
    "author_name": 'O\'Brien "Bob" \\ Ñoño <b> # [x] = y',
}

# Cookiecutter renders --no-input extra context as Jinja, so these come in
# through a replay file, the way typed answers reach the templates.
TEMPLATE_SYNTAX_FREE_TEXT = {
    "project_name": "Ops {{ 7*7 }} {% if x %}",
    "description": "{# not a comment #} {{ cookiecutter.project_slug }} {% raw %}",
    "author_name": "{{ '{{' }} {%- endraw %}",
}

EVERYTHING = next(variant for variant in matrix() if variant.name == "everything")


def project_name_constant(project: Path, package: str) -> Any:
    """The value of PROJECT_NAME in the package's __init__.py."""
    tree = ast.parse((project / "src" / package / "__init__.py").read_text("utf-8"))
    (value,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and [target.id for target in node.targets if isinstance(target, ast.Name)]
        == ["PROJECT_NAME"]
    ]
    return ast.literal_eval(value)


def written_answers(project: Path, package: str) -> dict[str, Any]:
    """The free-text answers as the generated files hold them."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    return {
        "project_name": project_name_constant(project, package),
        "description": pyproject["project"]["description"],
        "author_name": pyproject["project"]["authors"][0]["name"],
    }


@pytest.fixture(scope="module")
def hostile_bake(cookies_session: Cookies) -> Path:
    result = bake_with(cookies_session, {**EVERYTHING.answers, **HOSTILE_FREE_TEXT})
    assert result.exception is None, result.exception
    return Path(result.project_path)


def test_hostile_answers_are_written_unchanged(hostile_bake: Path) -> None:
    expected = {
        key: HOSTILE_FREE_TEXT[key] for key in written_answers(hostile_bake, "hostile")
    }

    assert written_answers(hostile_bake, "hostile") == expected


def test_hostile_answers_bake_into_files_that_parse(hostile_bake: Path) -> None:
    assert unparsable_files(hostile_bake) == []


@pytest.mark.parametrize(
    "command",
    [["check"], ["format", "--check"]],
    ids=["ruff-check", "ruff-format"],
)
def test_hostile_answers_bake_lint_clean(
    hostile_bake: Path, command: list[str]
) -> None:
    process = run(
        [sys.executable, "-m", "ruff", *command, "--no-cache", "."], cwd=hostile_bake
    )

    assert process.returncode == 0, tail(process)


def test_readme_shows_hostile_answers_as_typed(hostile_bake: Path) -> None:
    readme = (hostile_bake / "README.md").read_text(encoding="utf-8")

    assert readme.startswith(f"# {HOSTILE_FREE_TEXT['project_name']}\n")
    assert f"\n{HOSTILE_FREE_TEXT['description']}\n" in readme


def test_template_syntax_in_answers_is_baked_as_text(
    replay_context: dict[str, Any], tmp_path: Path
) -> None:
    project = replay_bake({**replay_context, **TEMPLATE_SYNTAX_FREE_TEXT}, tmp_path)

    package = replay_context["package_name"]
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert written_answers(project, package) == TEMPLATE_SYNTAX_FREE_TEXT
    assert readme.startswith(f"# {TEMPLATE_SYNTAX_FREE_TEXT['project_name']}\n")
    assert unparsable_files(project) == []
    # Only the files that hold the answers may show template syntax.
    holders = ("README.md:", "pyproject.toml:", f"src/{package}/__init__.py:")
    assert [
        line for line in leftover_syntax(project) if not line.startswith(holders)
    ] == []
