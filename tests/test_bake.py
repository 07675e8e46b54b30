"""Baking works, and the bake is clean: no template syntax, lint-free, pruned."""

from __future__ import annotations

import ast
import json
import re
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pytest_cookies.plugin import Result

from tests.bakery import (
    load_hook,
    manifest,
    option_values,
    parse_env_file,
    project_files,
    run,
    tail,
)
from tests.conftest import Bake
from tests.matrix import Variant

# `${{` opens a GitHub Actions expression, which a workflow file may hold.
LEFTOVER_SYNTAX = re.compile(r"(?<!\$)\{\{|\{%|\{#|cookiecutter", re.IGNORECASE)
SECRET_LINE = re.compile(r"^JWT_SECRET_KEY=(.*)$", re.MULTILINE)
URL_SAFE_64_BYTES = re.compile(r"[A-Za-z0-9_-]{86}")
HOUSE_RULES = {"E", "W", "F", "I", "B", "UP", "S", "EM", "G", "T20", "PT", "RUF", "SIM"}

OVERRIDES = {
    "project_name": "Ledger Gateway",
    "project_slug": "ledger-gateway",
    "package_name": "ledger_gateway",
    "description": "Keeps the books.",
    "author_name": "Ada Lovelace",
    "author_email": "ada@example.org",
    "roles": "owner, editor ,viewer",
}


def secret_of(project: Path) -> str:
    match = SECRET_LINE.search((project / ".env").read_text(encoding="utf-8"))
    assert match is not None, ".env has no JWT_SECRET_KEY line"
    return match.group(1)


def leftover_syntax(project: Path) -> list[str]:
    """Lines and paths of the bake that still hold template syntax."""
    found = []
    for path in project_files(project):
        relative = path.relative_to(project)
        if LEFTOVER_SYNTAX.search(str(relative)):
            found.append(f"path {relative}")
        data = path.read_bytes()
        if b"\0" in data:
            continue  # binary: Jinja renders no binary file, so nothing to leave
        text = data.decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if LEFTOVER_SYNTAX.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_default_bake_succeeds(default_bake: Result) -> None:
    assert default_bake.exit_code == 0
    assert default_bake.exception is None
    assert default_bake.project_path.name == "jwt-service"
    assert (default_bake.project_path / "src" / "jwt_service").is_dir()


def test_bake_with_overrides_keeps_every_override(bake: Bake) -> None:
    result = bake(**OVERRIDES)

    assert result.exception is None, result.exception
    assert {key: result.context[key] for key in OVERRIDES} == OVERRIDES
    assert result.project_path.name == "ledger-gateway"
    assert (result.project_path / "src" / "ledger_gateway").is_dir()


@pytest.mark.parametrize(
    "answer", ["no", "false", "False", "N", "0"], ids=["no", "false", "False", "N", "0"]
)
def test_boolean_prompt_accepts_each_spelling_of_no(bake: Bake, answer: str) -> None:
    result = bake(use_docker=answer)

    assert result.exception is None, result.exception
    assert result.context["use_docker"] is False


def test_bake_context_holds_every_option_answer(
    variant: Variant, variant_bake: Result
) -> None:
    post_gen = load_hook("post_gen_project")

    given = {
        prompt: post_gen.spell(variant_bake.context[prompt], option_values(prompt))
        for prompt in variant.answers
    }

    assert given == variant.answers


def test_bake_leaves_no_template_syntax(variant_bake: Result) -> None:
    assert leftover_syntax(variant_bake.project_path) == []


def test_bake_passes_ruff_check(variant_bake: Result) -> None:
    process = run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=variant_bake.project_path,
    )

    assert process.returncode == 0, tail(process)


def test_bake_passes_ruff_format_check(variant_bake: Result) -> None:
    process = run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
        cwd=variant_bake.project_path,
    )

    assert process.returncode == 0, tail(process)


ALL_LIFECYCLE = dict.fromkeys(load_hook("pre_gen_project").STATEFUL_FEATURES, "yes")
LONGEST_NAMES = {
    "project_slug": "s" * 49 + "z",
    "package_name": "p" * 39 + "z",
    "roles": ",".join(f"r{index:02d}" + "x" * 29 for index in range(20)),
}


@pytest.mark.parametrize(
    "options",
    [
        {"rbac": "roles"},
        {"rbac": "permissions", "jwt_algorithm": "RS256"},
        {"rbac": "none", "auth_integration": "middleware"},
        {"database": "postgresql", "jwt_algorithm": "ES256"},
        {**ALL_LIFECYCLE, "state_backend": "redis"},
        {**ALL_LIFECYCLE, "rbac": "permissions", "auth_integration": "middleware"},
    ],
    ids=[
        "roles",
        "permissions-rs256",
        "none-middleware",
        "postgresql-es256",
        "lifecycle-redis",
        "lifecycle-memory-permissions-middleware",
    ],
)
def test_bake_with_the_longest_allowed_names_is_ruff_clean(
    bake: Bake, options: dict[str, str]
) -> None:
    result = bake(**LONGEST_NAMES, **options)
    assert result.exception is None, result.exception

    check = run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=result.project_path,
    )
    style = run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
        cwd=result.project_path,
    )

    assert check.returncode == 0, tail(check)
    assert style.returncode == 0, tail(style)


def test_bake_ruff_config_uses_house_rules(default_bake: Result) -> None:
    pyproject = tomllib.loads(
        (default_bake.project_path / "pyproject.toml").read_text(encoding="utf-8")
    )
    ruff = pyproject["tool"]["ruff"]

    assert ruff["line-length"] == 88
    assert set(ruff["lint"]["select"]) >= HOUSE_RULES


def test_bake_keeps_exactly_the_manifest_paths_its_answers_select(
    variant_bake: Result,
) -> None:
    post_gen = load_hook("post_gen_project")
    project = variant_bake.project_path
    package = variant_bake.context["package_name"]

    wrong = []
    for entry in manifest()["entries"]:
        keep = post_gen.entry_holds(entry, variant_bake.context)
        for path in entry["paths"]:
            if post_gen.project_path(project, path, package).exists() != keep:
                wrong.append(f"{path}: expected {'present' if keep else 'absent'}")

    assert wrong == []


def test_bake_drops_the_manifest(default_bake: Result) -> None:
    assert not (default_bake.project_path / ".template-manifest.json").exists()


def test_bake_writes_env_with_fresh_secret_readable_by_owner_only(
    default_bake: Result,
) -> None:
    env = default_bake.project_path / ".env"

    assert URL_SAFE_64_BYTES.fullmatch(secret_of(default_bake.project_path))
    assert stat.S_IMODE(env.stat().st_mode) == 0o600


def test_env_matches_example_but_for_the_secret(default_bake: Result) -> None:
    project = default_bake.project_path
    example = (project / ".env.example").read_text(encoding="utf-8")
    env = (project / ".env").read_text(encoding="utf-8")

    assert SECRET_LINE.sub("", env) == SECRET_LINE.sub("", example)


def test_two_bakes_get_different_secrets(bake: Bake) -> None:
    first, second = bake(), bake()

    assert first.exception is None, first.exception
    assert second.exception is None, second.exception
    assert secret_of(first.project_path) != secret_of(second.project_path)


def test_bake_prints_no_secret(bake: Bake, capfd: pytest.CaptureFixture[str]) -> None:
    result = bake()
    output = capfd.readouterr()

    assert result.exception is None, result.exception
    secret = secret_of(result.project_path)
    assert secret not in output.out
    assert secret not in output.err


def test_env_is_git_ignored(default_bake: Result, tmp_path: Path) -> None:
    # A copy, so the shared bake stays free of a .git folder.
    project = tmp_path / "project"
    subprocess.run(["cp", "-a", default_bake.project_path, project], check=True)
    run(["git", "init", "-q"], cwd=project)

    process = run(["git", "check-ignore", "-q", ".env"], cwd=project)

    assert process.returncode == 0, tail(process)


# A section heading after text on its line: a template tag ate the line break.
GLUED_HEADING = re.compile(r"[^\s#]#{2,6} \S")


def check_markdown(text: str) -> None:
    """Refuse the scars a template tag can leave in Markdown."""
    fences = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            fences += 1
        elif fences % 2 == 0 and GLUED_HEADING.search(line):
            msg = f"line {number} has a heading glued to text: {line!r}"
            raise ValueError(msg)
    if fences % 2:
        msg = "a code fence is never closed"
        raise ValueError(msg)
    if "\n\n\n" in text:
        msg = "two blank lines in a row"
        raise ValueError(msg)


PARSERS: dict[str, Callable[[str], object]] = {
    ".py": ast.parse,
    ".toml": tomllib.loads,
    ".json": json.loads,
    ".yml": yaml.safe_load,
    ".yaml": yaml.safe_load,
    ".env.example": parse_env_file,
    ".env": parse_env_file,
    ".md": check_markdown,
}


def parse_error(path: Path) -> str | None:
    """Parse a file by its kind; return the error, or None if it parses."""
    parse = PARSERS.get(path.name) or PARSERS.get(path.suffix)
    if parse is None:
        return None
    try:
        parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, ValueError, yaml.YAMLError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def unparsable_files(project: Path) -> list[str]:
    return [
        f"{path.relative_to(project)}: {error}"
        for path in project_files(project)
        if (error := parse_error(path)) is not None
    ]


def test_bake_files_parse_by_their_kind(variant_bake: Result) -> None:
    assert unparsable_files(variant_bake.project_path) == []


def test_bake_compiles(variant_bake: Result, tmp_path: Path) -> None:
    # Byte code goes to a folder of this test's, not into the shared bake.
    process = run(
        [sys.executable, "-m", "compileall", "-q", "src", "tests"],
        cwd=variant_bake.project_path,
        env={"PYTHONPYCACHEPREFIX": str(tmp_path)},
    )

    assert process.returncode == 0, tail(process)
