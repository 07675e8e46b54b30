"""A project made with cruft takes a later template change with `cruft update`.

The template is copied into a git repository of the test's own, baked with
`cruft create`, changed and committed; the project is committed too, then
updated. The hooks run again on update (cruft renders both template versions),
so this also proves them idempotent where it matters.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.bakery import PROJECT_TEMPLATE_DIR, TEMPLATE_DIR, run, tail
from tests.test_bake import leftover_syntax, secret_of

# cruft runs git; commits need a name, and none may come from the machine.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "template-tests@example.com",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "template-tests@example.com",
}
NOT_TEMPLATE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"
)
CRUFT_FILE = ".cruft.json"
ADDED_NOTE = "Updated from the template by cruft."
PROJECT_SLUG = "jwt-service"


def git(*args: str, cwd: Path) -> str:
    process = run(["git", *args], cwd=cwd, env=GIT_IDENTITY)
    assert process.returncode == 0, tail(process)
    return process.stdout


def cruft(*args: str, cwd: Path) -> None:
    process = run([sys.executable, "-m", "cruft", *args], cwd=cwd, env=GIT_IDENTITY)
    assert process.returncode == 0, tail(process)


def commit_all(folder: Path, message: str) -> str:
    git("add", "--all", cwd=folder)
    git("commit", "--quiet", "--message", message, cwd=folder)
    return git("rev-parse", "HEAD", cwd=folder).strip()


@dataclass(frozen=True)
class CruftProject:
    template: Path
    project: Path
    first_commit: str


@pytest.fixture
def cruft_project(tmp_path: Path) -> CruftProject:
    """A project created by cruft from a committed copy of the template."""
    template = tmp_path / "template"
    shutil.copytree(TEMPLATE_DIR, template, ignore=NOT_TEMPLATE)
    git("init", "--quiet", "--initial-branch=main", cwd=template)
    first_commit = commit_all(template, "Template as tested")

    output = tmp_path / "projects"
    output.mkdir()
    cruft(
        "create", "--no-input", str(template), "--output-dir", str(output), cwd=tmp_path
    )
    project = output / PROJECT_SLUG
    git("init", "--quiet", "--initial-branch=main", cwd=project)
    commit_all(project, "Baked")
    return CruftProject(template, project, first_commit)


def change_template(template: Path) -> str:
    """Add a README line and a new file to the project template; commit."""
    project_template = template / PROJECT_TEMPLATE_DIR.name
    readme = project_template / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8") + f"\n{ADDED_NOTE}\n", encoding="utf-8"
    )
    (project_template / "CHANGELOG.md").write_text(
        "# Changelog of {{ cookiecutter.project_name }}\n", encoding="utf-8"
    )
    return commit_all(template, "Change the template")


def test_cruft_create_records_the_template_commit_and_answers(
    cruft_project: CruftProject,
) -> None:
    record = json.loads((cruft_project.project / CRUFT_FILE).read_text("utf-8"))

    assert record["commit"] == cruft_project.first_commit
    assert record["context"]["cookiecutter"]["project_slug"] == PROJECT_SLUG


def test_cruft_bake_leaves_no_template_syntax_beyond_cruft_record(
    cruft_project: CruftProject,
) -> None:
    # .cruft.json is cruft's own record of the answers, named after cookiecutter.
    found = [
        line
        for line in leftover_syntax(cruft_project.project)
        if not line.startswith(f"{CRUFT_FILE}:")
    ]

    assert found == []


def test_cruft_update_applies_a_template_change_cleanly_and_checks(
    cruft_project: CruftProject,
) -> None:
    project = cruft_project.project
    secret = secret_of(project)
    new_commit = change_template(cruft_project.template)

    cruft("update", "--skip-apply-ask", cwd=project)

    readme = (project / "README.md").read_text(encoding="utf-8")
    changelog = (project / "CHANGELOG.md").read_text(encoding="utf-8")
    record = json.loads((project / CRUFT_FILE).read_text("utf-8"))
    assert readme.endswith(f"\n{ADDED_NOTE}\n")
    assert changelog == "# Changelog of JWT Service\n"
    assert record["commit"] == new_commit
    assert secret_of(project) == secret
    assert list(project.rglob("*.rej")) == []
    cruft("check", cwd=project)
