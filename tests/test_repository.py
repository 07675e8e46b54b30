"""The template repository agrees with itself: README, CI and project folder."""

from __future__ import annotations

import sys

import pytest

from tests.bakery import (
    PROJECT_TEMPLATE_DIR,
    TEMPLATE_DIR,
    option_prompts,
    option_values,
    prompts,
    run,
    supported_values,
    tail,
)

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


def readme_prompt_row(prompt: str) -> list[str]:
    """The cells of the prompt's row in the README's prompt table."""
    row = next(
        line for line in README.splitlines() if line.startswith(f"| `{prompt}` |")
    )
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


@pytest.mark.parametrize("prompt", option_prompts(), ids=option_prompts())
def test_readme_prompt_table_gives_the_default(prompt: str) -> None:
    default = option_values(prompt)[0]
    expected = default if default in {"yes", "no"} else f"`{default}`"

    assert readme_prompt_row(prompt)[2] == expected


@pytest.mark.parametrize("prompt", option_prompts(), ids=option_prompts())
def test_readme_prompt_table_marks_values_not_yet_supported(prompt: str) -> None:
    supported = supported_values(prompt)
    notes = readme_prompt_row(prompt)[3]

    if supported == option_values(prompt):
        assert "so far" not in notes
    else:
        listed = ", ".join(f"`{value}`" for value in supported)
        assert f"only {listed} so far" in notes


@pytest.mark.parametrize("name", TOOL_OUTPUT, ids=TOOL_OUTPUT)
def test_project_template_folder_holds_no_tool_output(name: str) -> None:
    found = sorted(
        str(path.relative_to(TEMPLATE_DIR)) for path in PROJECT_TEMPLATE_DIR.rglob(name)
    )

    assert found == [], "delete these: cookiecutter would copy them into every bake"


def test_pre_commit_config_is_valid() -> None:
    process = run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-config",
            ".pre-commit-config.yaml",
        ],
        cwd=TEMPLATE_DIR,
    )

    assert process.returncode == 0, tail(process)


@pytest.mark.parametrize(
    "command", [["check"], ["format", "--check"]], ids=["check", "format"]
)
def test_template_code_is_ruff_clean(command: list[str]) -> None:
    """Hooks, meta-tests and benchmarks meet the bar the bakes are held to."""
    process = run([sys.executable, "-m", "ruff", *command, "."], cwd=TEMPLATE_DIR)

    assert process.returncode == 0, tail(process)
