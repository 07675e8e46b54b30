"""The template repository agrees with itself: README, CI and project folder."""

from __future__ import annotations

import pytest

from tests.bakery import PROJECT_TEMPLATE_DIR, TEMPLATE_DIR, prompts

README = (TEMPLATE_DIR / "README.md").read_text(encoding="utf-8")
CI_SCRIPT = (TEMPLATE_DIR / ".ci" / "run").read_text(encoding="utf-8")
CI_COMMAND_MARKER = "# The README's test command, verbatim"

# Tool output that cookiecutter would copy into every bake.
TOOL_OUTPUT = [".venv", ".ruff_cache", ".mypy_cache", ".pytest_cache", "__pycache__"]


def ci_test_command() -> str:
    lines = CI_SCRIPT.splitlines()
    marker = next(
        i for i, line in enumerate(lines) if line.startswith(CI_COMMAND_MARKER)
    )
    return lines[marker + 1]


def test_ci_runs_the_readme_test_command() -> None:
    command = ci_test_command()

    assert "pytest" in command
    assert f"\n{command}\n" in README


@pytest.mark.parametrize("prompt", prompts(), ids=prompts())
def test_readme_prompt_table_lists_prompt(prompt: str) -> None:
    assert f"| `{prompt}` |" in README


@pytest.mark.parametrize("name", TOOL_OUTPUT, ids=TOOL_OUTPUT)
def test_project_template_folder_holds_no_tool_output(name: str) -> None:
    found = sorted(
        str(path.relative_to(TEMPLATE_DIR)) for path in PROJECT_TEMPLATE_DIR.rglob(name)
    )

    assert found == [], "delete these: cookiecutter would copy them into every bake"
