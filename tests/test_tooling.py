"""Project tooling fits the variant: Docker, GitHub Actions, pre-commit, README.

Each variant below is baked once per test process. A variant that the pre-gen
hook still refuses as "not yet supported" (PostgreSQL, Redis, key pairs while
they are being built) is baked past it instead: rendered with the hooks off,
then pruned and given its `.env` by the post-gen hook's own functions. Its id
ends in `-past-pre-gen`, and changes back by itself once the option lands.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from cookiecutter.main import cookiecutter
from dockerfile_parse import DockerfileParser
from pytest_cookies.plugin import Cookies, Result

from tests.bakery import (
    MANIFEST_NAME,
    TEMPLATE_DIR,
    VALID_FREE_TEXT,
    load_hook,
    option_prompts,
    option_values,
    outer_run_free_env,
    parse_env_file,
    replay_bake,
    run,
    tail,
)
from tests.conftest import bake_with
from tests.test_bake import LEFTOVER_SYNTAX
from tests.test_install import uv_command

TOOL_PROMPTS = ("use_docker", "use_github_actions", "use_pre_commit")
TOOL_FILES = {
    "use_docker": ("Dockerfile", ".dockerignore", "compose.yaml"),
    "use_github_actions": (".github/workflows/ci.yml",),
    "use_pre_commit": (".pre-commit-config.yaml",),
}
# Words that give a tool away in the README; none may appear without the tool.
TOOL_WORDS = {
    "use_docker": (re.compile(r"docker", re.IGNORECASE), re.compile(r"\bcompose\b")),
    "use_github_actions": (
        re.compile(r"github", re.IGNORECASE),
        re.compile(r"workflow", re.IGNORECASE),
        re.compile(r"continuous integration", re.IGNORECASE),
    ),
    "use_pre_commit": (re.compile(r"pre-commit", re.IGNORECASE),),
}

ALL_OFF = dict.fromkeys(TOOL_PROMPTS, "no")
ALL_ON = dict.fromkeys(TOOL_PROMPTS, "yes")
REDIS = {"state_backend": "redis", "refresh_tokens": "yes"}
POSTGRESQL = {"database": "postgresql"}
TOOLING_VARIANTS = {
    "all-off": ALL_OFF,
    "all-on": ALL_ON,
    "docker-only": {**ALL_OFF, "use_docker": "yes"},
    "github-actions-only": {**ALL_OFF, "use_github_actions": "yes"},
    "pre-commit-only": {**ALL_OFF, "use_pre_commit": "yes"},
    "all-on-postgresql": {**ALL_ON, **POSTGRESQL},
    "all-on-redis": {**ALL_ON, **REDIS},
    "all-on-postgresql-redis": {**ALL_ON, **POSTGRESQL, **REDIS},
    "github-actions-postgresql": {**ALL_OFF, "use_github_actions": "yes", **POSTGRESQL},
    "all-on-rs256": {**ALL_ON, "jwt_algorithm": "RS256"},
}

# What a Dockerfile may send into an image from the build context.
IMAGE_INPUTS = frozenset({"pyproject.toml", "uv.lock", "README.md", "src"})
PINNED_TAG = re.compile(r"v\d+\.\d+\.\d+")
REQUIRED_HOOKS = (
    "ruff-check",
    "ruff-format",
    "mypy",
    "detect-private-key",
    "detect-secrets",
    "check-added-large-files",
)
# Tools that pre-commit runs from their own pinned hooks, not inside mypy's env.
HOOK_TOOLS = frozenset({"mypy", "ruff", "pre-commit"})
REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
WORKFLOW_COMMANDS = (
    "uv sync --locked",
    "uv run ruff check .",
    "uv run ruff format --check .",
    "uv run mypy src tests",
    "uv run pytest",
)


def full_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """The answers with every other option prompt at its default."""
    defaults = {prompt: option_values(prompt)[0] for prompt in option_prompts()}
    return {**VALID_FREE_TEXT, **defaults, **answers}


def is_refused(answers: Mapping[str, str]) -> bool:
    return load_hook("pre_gen_project").first_error(full_answers(answers)) is not None


def variant_params(prompt: str | None = None) -> list[Any]:
    """The variants (with that tool on), each id marked while pre-gen refuses it."""
    return [
        pytest.param(name, id=f"{name}-past-pre-gen" if is_refused(answers) else name)
        for name, answers in TOOLING_VARIANTS.items()
        if prompt is None or answers[prompt] == "yes"
    ]


@dataclass(frozen=True)
class Bake:
    """A baked project and the answers behind it."""

    path: Path
    answers: dict[str, str]

    def is_on(self, prompt: str) -> bool:
        return self.answers[prompt] == "yes"

    @property
    def uses_postgresql(self) -> bool:
        return self.answers["database"] == "postgresql"

    @property
    def uses_redis(self) -> bool:
        return self.answers["state_backend"] == "redis"

    @property
    def package(self) -> str:
        return self.answers["package_name"]

    def text(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def yaml(self, name: str) -> Any:
        return yaml.safe_load(self.text(name))


def bake_past_pre_gen(answers: dict[str, str], output_dir: Path) -> Path:
    """Render with the hooks off, then prune and write .env as post-gen would."""
    project = Path(
        cookiecutter(
            str(TEMPLATE_DIR),
            no_input=True,
            extra_context=answers,
            output_dir=str(output_dir),
            default_config=True,
            accept_hooks=False,
        )
    )
    post_gen = load_hook("post_gen_project")
    manifest_file = project / MANIFEST_NAME
    post_gen.prune(
        project, json.loads(manifest_file.read_text(encoding="utf-8")), answers
    )
    manifest_file.unlink()
    post_gen.write_env(project)
    return project


@pytest.fixture(scope="session")
def bake_variant(
    cookies_session: Cookies, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Bake]:
    """Bake a variant of TOOLING_VARIANTS by name, once per test process."""
    bakes: dict[str, Bake] = {}

    def bake(name: str) -> Bake:
        if name in bakes:
            return bakes[name]

        answers = full_answers(TOOLING_VARIANTS[name])
        if is_refused(answers):
            path = bake_past_pre_gen(answers, tmp_path_factory.mktemp(name))
        else:
            result: Result = bake_with(cookies_session, TOOLING_VARIANTS[name])
            assert result.exception is None, result.exception
            path = result.project_path
        bakes[name] = Bake(path, answers)
        return bakes[name]

    return bake


@pytest.fixture(params=variant_params())
def tooling_bake(
    request: pytest.FixtureRequest, bake_variant: Callable[[str], Bake]
) -> Bake:
    return bake_variant(request.param)


@pytest.fixture(params=variant_params("use_docker"))
def docker_bake(
    request: pytest.FixtureRequest, bake_variant: Callable[[str], Bake]
) -> Bake:
    return bake_variant(request.param)


@pytest.fixture(params=variant_params("use_github_actions"))
def actions_bake(
    request: pytest.FixtureRequest, bake_variant: Callable[[str], Bake]
) -> Bake:
    return bake_variant(request.param)


@pytest.fixture(params=variant_params("use_pre_commit"))
def pre_commit_bake(
    request: pytest.FixtureRequest, bake_variant: Callable[[str], Bake]
) -> Bake:
    return bake_variant(request.param)


# --- Every tool ---------------------------------------------------------------


@pytest.mark.parametrize("prompt", TOOL_PROMPTS, ids=TOOL_PROMPTS)
def test_tool_files_exist_exactly_when_chosen(tooling_bake: Bake, prompt: str) -> None:
    present = {
        name: (tooling_bake.path / name).is_file() for name in TOOL_FILES[prompt]
    }

    assert present == dict.fromkeys(TOOL_FILES[prompt], tooling_bake.is_on(prompt))


@pytest.mark.parametrize("prompt", TOOL_PROMPTS, ids=TOOL_PROMPTS)
def test_readme_names_a_tool_only_when_chosen(tooling_bake: Bake, prompt: str) -> None:
    readme = tooling_bake.text("README.md")

    mentions = [word.pattern for word in TOOL_WORDS[prompt] if word.search(readme)]

    if tooling_bake.is_on(prompt):
        assert mentions, f"the README says nothing about {prompt}"
    else:
        assert mentions == []


def test_tool_files_hold_no_template_syntax(tooling_bake: Bake) -> None:
    names = ["README.md", *(name for files in TOOL_FILES.values() for name in files)]
    found = [
        f"{name}:{number}: {line.strip()}"
        for name in names
        if (tooling_bake.path / name).is_file()
        for number, line in enumerate(tooling_bake.text(name).splitlines(), start=1)
        if LEFTOVER_SYNTAX.search(line)
    ]

    assert found == []


def test_readme_sections_leave_no_blank_line_scars(tooling_bake: Bake) -> None:
    readme = tooling_bake.text("README.md")

    assert "\n\n\n" not in readme
    assert readme.endswith("\n")
    assert not readme.endswith("\n\n")


@pytest.mark.parametrize(
    ("spelling", "on"),
    [("Yes", True), ("y", True), ("No", False), ("false", False)],
    ids=["Yes", "y", "No", "false"],
)
def test_replayed_text_boolean_drives_files_and_readme_alike(
    replay_context: dict[str, Any], tmp_path: Path, spelling: str, on: bool
) -> None:
    # A replay file hands the text to the template unconverted, and Jinja finds
    # any non-empty string true: the README must read it the way the hooks do.
    project = replay_bake(
        {**replay_context, **dict.fromkeys(TOOL_PROMPTS, spelling)}, tmp_path
    )
    readme = (project / "README.md").read_text(encoding="utf-8")

    for prompt in TOOL_PROMPTS:
        assert all((project / name).is_file() == on for name in TOOL_FILES[prompt])
        assert any(word.search(readme) for word in TOOL_WORDS[prompt]) == on


# --- Docker -------------------------------------------------------------------


def dockerfile(bake: Bake) -> DockerfileParser:
    return DockerfileParser(path=str(bake.path / "Dockerfile"))


def instructions(bake: Bake, name: str) -> list[str]:
    return [
        item["value"]
        for item in dockerfile(bake).structure
        if item["instruction"] == name
    ]


def final_stage(bake: Bake) -> list[dict[str, Any]]:
    structure = dockerfile(bake).structure
    last_from = max(
        i for i, item in enumerate(structure) if item["instruction"] == "FROM"
    )
    return structure[last_from:]


def copy_sources(value: str) -> tuple[list[str], bool]:
    """Split a COPY value into its sources; True when it copies from a stage."""
    words = shlex.split(value)
    from_stage = any(word.startswith("--from=") for word in words)
    paths = [word for word in words if not word.startswith("--")]
    return paths[:-1], from_stage


def dockerignore_patterns(bake: Bake) -> list[str]:
    lines = (line.strip() for line in bake.text(".dockerignore").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """Translate a .dockerignore pattern (Go filepath.Match plus `**`)."""
    pattern = pattern.strip("/")
    parts, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        elif pattern[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            parts.append("[^/]")
            index += 1
        elif pattern[index] == "[":
            end = pattern.index("]", index)
            parts.append(pattern[index : end + 1])
            index = end + 1
        else:
            parts.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(parts))


def is_ignored(patterns: list[str], path: str) -> bool:
    """Docker's rule: the last pattern matching the path or a parent decides."""
    segments = path.split("/")
    candidates = ["/".join(segments[: end + 1]) for end in range(len(segments))]
    ignored = False
    for pattern in patterns:
        regex = pattern_regex(pattern.removeprefix("!"))
        if any(regex.fullmatch(candidate) for candidate in candidates):
            ignored = not pattern.startswith("!")
    return ignored


def test_dockerfile_passes_hadolint(docker_bake: Bake) -> None:
    hadolint = Path(sys.executable).with_name("hadolint")

    process = run([hadolint, "--no-color", "Dockerfile"], cwd=docker_bake.path)

    assert process.returncode == 0, tail(process)


def test_dockerfile_builds_in_stages_on_slim_python(docker_bake: Bake) -> None:
    images = dockerfile(docker_bake).parent_images

    assert len(images) >= 2
    assert all(re.fullmatch(r"python:3\.1[23]-slim", image) for image in images)


def test_dockerfile_copies_only_the_package_inputs(docker_bake: Bake) -> None:
    from_context = [
        source
        for value in instructions(docker_bake, "COPY")
        for source, from_stage in [copy_sources(value)]
        if not from_stage
        for source in source
    ]

    assert instructions(docker_bake, "ADD") == []
    assert from_context
    assert set(from_context) <= IMAGE_INPUTS
    assert not [source for source in from_context if ".env" in source]


def test_dockerignore_keeps_secrets_out_and_admits_what_is_copied(
    docker_bake: Bake,
) -> None:
    patterns = dockerignore_patterns(docker_bake)
    package = docker_bake.package
    secrets = [
        ".env",
        ".env.production",
        "private.pem",
        "keys/private.pem",
        "keys/public.pem",
        f"src/{package}/.env",
        f"src/{package}/keys/private.pem",
        f"src/{package}/signing.key",
    ]
    other_local_files = [".venv/bin/python", ".git/config", "tests/conftest.py"]
    needed = ["pyproject.toml", "uv.lock", "README.md", f"src/{package}/main.py"]

    assert [path for path in secrets if not is_ignored(patterns, path)] == []
    assert [path for path in other_local_files if not is_ignored(patterns, path)] == []
    assert [path for path in needed if is_ignored(patterns, path)] == []


def test_dockerfile_runs_uvicorn_as_non_root_with_proxy_headers(
    docker_bake: Bake,
) -> None:
    stage = final_stage(docker_bake)
    args = dict(
        item["value"].split("=", 1)
        for item in stage
        if item["instruction"] == "ARG" and "=" in item["value"]
    )
    users = [item["value"] for item in stage if item["instruction"] == "USER"]
    command = " ".join(item["value"] for item in stage if item["instruction"] == "CMD")
    environment = " ".join(
        item["value"] for item in stage if item["instruction"] == "ENV"
    )

    user = re.sub(r"\$\{(\w+)\}", lambda match: args[match.group(1)], users[-1])
    assert user.split(":")[0] not in {"root", "0"}
    assert f'"{docker_bake.package}.main:app"' in command
    assert '"--proxy-headers"' in command
    assert "FORWARDED_ALLOW_IPS=" in environment


def test_dockerfile_health_check_polls_health_without_curl(docker_bake: Bake) -> None:
    (check,) = instructions(docker_bake, "HEALTHCHECK")

    assert "urllib.request" in check
    assert "/health" in check
    assert "curl" not in check


def compose(bake: Bake) -> dict[str, Any]:
    data: dict[str, Any] = bake.yaml("compose.yaml")
    return data


def expected_backing_services(bake: Bake) -> set[str]:
    return {
        name
        for name, used in (
            ("postgres", bake.uses_postgresql),
            ("redis", bake.uses_redis),
        )
        if used
    }


def test_compose_names_only_the_services_the_variant_uses(docker_bake: Bake) -> None:
    services = compose(docker_bake)["services"]

    backing = expected_backing_services(docker_bake)

    assert set(services) == {"app", *backing}
    assert set(services["app"].get("depends_on", {})) == backing


def test_compose_points_the_app_at_its_backing_services(docker_bake: Bake) -> None:
    environment = compose(docker_bake)["services"]["app"]["environment"]

    database_host = "@postgres:" if docker_bake.uses_postgresql else "sqlite:////app/"
    assert database_host in environment["DATABASE_URL"]
    assert ("REDIS_URL" in environment) == docker_bake.uses_redis
    if docker_bake.uses_redis:
        assert environment["REDIS_URL"].startswith("redis://redis:")


def test_compose_reads_secrets_from_env_file_only(docker_bake: Bake) -> None:
    services = compose(docker_bake)["services"]
    secret_name = re.compile(r"PASSWORD|SECRET|TOKEN|KEY", re.IGNORECASE)

    inline = [
        f"{service}: {name}"
        for service, definition in services.items()
        for name, value in definition.get("environment", {}).items()
        if secret_name.search(name) and not str(value).startswith("${")
    ]

    assert services["app"]["env_file"] == ".env"
    assert inline == []
    assert "JWT_SECRET_KEY" not in docker_bake.text("compose.yaml")


def test_compose_declares_exactly_the_volumes_it_mounts(docker_bake: Bake) -> None:
    data = compose(docker_bake)

    mounted = {
        volume.split(":")[0]
        for service in data["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith(".")
    }

    assert mounted == set(data.get("volumes") or {})


def test_compose_mounts_keys_read_only_for_key_pairs(docker_bake: Bake) -> None:
    volumes = compose(docker_bake)["services"]["app"].get("volumes", [])

    key_mounts = [volume for volume in volumes if volume.startswith("./keys:")]

    if docker_bake.answers["jwt_algorithm"] == "HS256":
        assert key_mounts == []
    else:
        assert key_mounts == ["./keys:/app/keys:ro"]


# --- GitHub Actions -----------------------------------------------------------


def workflow(bake: Bake) -> dict[str, Any]:
    data: dict[str, Any] = bake.yaml(".github/workflows/ci.yml")
    return data


def steps(bake: Bake) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow(bake)["jobs"]["checks"]["steps"]
    return found


def test_workflow_runs_on_push_and_pull_request(actions_bake: Bake) -> None:
    data = workflow(actions_bake)

    # YAML 1.1, which PyYAML reads, takes a bare `on` key for the boolean true.
    triggers = data.get("on", data.get(True))

    assert set(triggers) == {"push", "pull_request"}
    assert data["permissions"] == {"contents": "read"}


def test_workflow_names_only_the_services_the_variant_uses(actions_bake: Bake) -> None:
    job = workflow(actions_bake)["jobs"]["checks"]

    backing = expected_backing_services(actions_bake)

    assert set(job.get("services", {})) == backing


def test_workflow_holds_no_credentials(actions_bake: Bake) -> None:
    services = workflow(actions_bake)["jobs"]["checks"].get("services", {})
    text = actions_bake.text(".github/workflows/ci.yml")

    passwords = [
        name
        for service in services.values()
        for name in service.get("env", {})
        if "PASSWORD" in name
    ]

    assert passwords == []
    assert not re.search(r"://[^/@\s]+:[^/@\s]+@", text), "a URL with a password"


def test_workflow_gives_the_tests_their_service_urls(actions_bake: Bake) -> None:
    environment = workflow(actions_bake)["jobs"]["checks"].get("env", {})

    expected = set()
    if actions_bake.uses_postgresql:
        expected.add("TEST_DATABASE_URL")
        assert environment["TEST_DATABASE_URL"].startswith("postgresql://")
        assert "@localhost:5432/" in environment["TEST_DATABASE_URL"]
    if actions_bake.uses_redis:
        expected.add("REDIS_URL")
        assert environment["REDIS_URL"].startswith("redis://localhost:6379")
    assert set(environment) == expected


def test_workflow_lints_type_checks_and_tests(actions_bake: Bake) -> None:
    commands = [step["run"] for step in steps(actions_bake) if "run" in step]

    assert commands == list(WORKFLOW_COMMANDS)


def test_workflow_caches_uv_with_pinned_actions(actions_bake: Bake) -> None:
    jobs = workflow(actions_bake)["jobs"]

    actions = [step for job in jobs.values() for step in job["steps"] if "uses" in step]
    (setup_uv,) = [
        step
        for step in steps(actions_bake)
        if step.get("uses", "").startswith("astral-sh/setup-uv@")
    ]

    assert setup_uv["with"]["enable-cache"] is True
    assert all(re.search(r"@v\d+(\.\d+\.\d+)?$", step["uses"]) for step in actions)


def test_workflow_keeps_its_expressions_for_github(actions_bake: Bake) -> None:
    text = actions_bake.text(".github/workflows/ci.yml")

    assert "${{ github.workflow }}-${{ github.ref }}" in text
    assert "${{ matrix.python-version }}" in text


def test_workflow_builds_the_image_only_with_docker(actions_bake: Bake) -> None:
    jobs = workflow(actions_bake)["jobs"]
    text = actions_bake.text(".github/workflows/ci.yml")

    assert ("image" in jobs) == actions_bake.is_on("use_docker")
    assert ("docker" in text.lower()) == actions_bake.is_on("use_docker")


# --- pre-commit ---------------------------------------------------------------


def pre_commit_hooks(bake: Bake) -> dict[str, dict[str, Any]]:
    """Each hook of .pre-commit-config.yaml by id, with its repo's rev added."""
    return {
        hook["id"]: {**hook, "rev": repo["rev"]}
        for repo in bake.yaml(".pre-commit-config.yaml")["repos"]
        for hook in repo["hooks"]
    }


def requirement_names(requirements: list[str]) -> set[str]:
    names = set()
    for requirement in requirements:
        match = REQUIREMENT_NAME.match(requirement)
        assert match is not None, requirement
        names.add(re.sub(r"[-_.]+", "-", match.group()).lower())
    return names


def test_pre_commit_config_is_valid(pre_commit_bake: Bake) -> None:
    process = run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-config",
            ".pre-commit-config.yaml",
        ],
        cwd=pre_commit_bake.path,
    )

    assert process.returncode == 0, tail(process)


def test_pre_commit_pins_every_hook_to_a_release(pre_commit_bake: Bake) -> None:
    hooks = pre_commit_hooks(pre_commit_bake)

    unpinned = [
        hook for hook, info in hooks.items() if not PINNED_TAG.fullmatch(info["rev"])
    ]

    assert unpinned == []
    assert [hook for hook in REQUIRED_HOOKS if hook not in hooks] == []


def test_pre_commit_ruff_matches_the_ruff_the_template_tests_with(
    pre_commit_bake: Bake,
) -> None:
    pyproject = tomllib.loads(
        (TEMPLATE_DIR / "pyproject.toml").read_text(encoding="utf-8")
    )
    (ruff_pin,) = [
        requirement
        for requirement in pyproject["dependency-groups"]["dev"]
        if requirement.startswith("ruff==")
    ]
    hooks = pre_commit_hooks(pre_commit_bake)

    assert hooks["ruff-check"]["rev"] == "v" + ruff_pin.removeprefix("ruff==")
    assert "--fix" in hooks["ruff-check"]["args"]
    assert list(hooks).index("ruff-check") < list(hooks).index("ruff-format")


def test_pre_commit_mypy_hook_installs_the_project_dependencies(
    pre_commit_bake: Bake,
) -> None:
    pyproject = tomllib.loads(pre_commit_bake.text("pyproject.toml"))
    project_requirements = [
        *pyproject["project"]["dependencies"],
        *pyproject["dependency-groups"]["dev"],
    ]

    needed = requirement_names(project_requirements) - HOOK_TOOLS
    installed = requirement_names(
        pre_commit_hooks(pre_commit_bake)["mypy"]["additional_dependencies"]
    )

    assert needed - installed == set()


# --- pre-commit hooks on a fresh bake (installs from PyPI: slow, runs in CI) ----

# pre-commit fetches these hooks from their repositories; here each runs from the
# same release on PyPI. Hook id: (package, console script, file suffixes or all).
FILE_HOOKS: dict[str, tuple[str, str, tuple[str, ...] | None]] = {
    "detect-private-key": ("pre-commit-hooks", "detect-private-key", None),
    "check-added-large-files": ("pre-commit-hooks", "check-added-large-files", None),
    "check-merge-conflict": ("pre-commit-hooks", "check-merge-conflict", None),
    "check-toml": ("pre-commit-hooks", "check-toml", (".toml",)),
    "check-yaml": ("pre-commit-hooks", "check-yaml", (".yaml", ".yml")),
    "end-of-file-fixer": ("pre-commit-hooks", "end-of-file-fixer", None),
    "trailing-whitespace": ("pre-commit-hooks", "trailing-whitespace-fixer", None),
    "detect-secrets": ("detect-secrets", "detect-secrets-hook", None),
}
MISSING_IMPORT = re.compile(r"\[import-(?:not-found|untyped)\]")


@dataclass(frozen=True)
class StagedCopy:
    """A copy of a bake with every file staged in git, as before a first commit."""

    path: Path
    files: list[str]

    def files_for(
        self, hook: Mapping[str, Any], suffixes: tuple[str, ...] | None
    ) -> list[str]:
        """The staged files pre-commit would pass to the hook."""
        return [
            name
            for name in self.files
            if re.search(hook.get("files", ""), name)
            and not (hook.get("exclude") and re.search(hook["exclude"], name))
            and (suffixes is None or name.endswith(suffixes))
        ]


@pytest.fixture
def staged_copy(pre_commit_bake: Bake, tmp_path: Path) -> StagedCopy:
    project = tmp_path / "project"
    shutil.copytree(pre_commit_bake.path, project)
    for command in (["git", "init", "-q"], ["git", "add", "--all"]):
        process = run(command, cwd=project)
        assert process.returncode == 0, tail(process)

    listed = run(["git", "ls-files"], cwd=project)
    return StagedCopy(project, listed.stdout.splitlines())


@pytest.mark.bake_install
@pytest.mark.parametrize("hook_id", list(FILE_HOOKS), ids=list(FILE_HOOKS))
def test_pre_commit_file_hook_passes_on_a_fresh_bake(
    pre_commit_bake: Bake, staged_copy: StagedCopy, hook_id: str
) -> None:
    package, script, suffixes = FILE_HOOKS[hook_id]
    hook = pre_commit_hooks(pre_commit_bake)[hook_id]
    files = staged_copy.files_for(hook, suffixes)
    release = f"{package}=={hook['rev'].removeprefix('v')}"

    process = run(
        [
            uv_command(),
            "tool",
            "run",
            "--from",
            release,
            script,
            *hook.get("args", []),
            *files,
        ],
        cwd=staged_copy.path,
    )

    assert files
    assert process.returncode == 0, tail(process)


@pytest.mark.bake_install
def test_pre_commit_mypy_environment_resolves_every_import(
    pre_commit_bake: Bake, staged_copy: StagedCopy
) -> None:
    hook = pre_commit_hooks(pre_commit_bake)["mypy"]
    files = staged_copy.files_for(hook, (".py", ".pyi"))
    packages = [
        f"mypy=={hook['rev'].removeprefix('v')}",
        *hook["additional_dependencies"],
    ]
    with_packages = [arg for package in packages for arg in ("--with", package)]

    process = run(
        [
            uv_command(),
            "run",
            "--isolated",
            "--no-project",
            *with_packages,
            "mypy",
            *hook["args"],
            *files,
        ],
        cwd=staged_copy.path,
    )

    # Type errors are the project's own tests' business; a package missing from
    # the hook's environment is this file's.
    assert process.returncode in {0, 1}, tail(process)
    assert not MISSING_IMPORT.search(process.stdout), tail(process)


# --- The image's steps, outside Docker (installs from PyPI: slow, runs in CI) ----

# No Docker engine here: the test runs the Dockerfile's own uv steps, CMD and
# HEALTHCHECK on this machine, with the image's /app folder mapped to a temporary
# one. Key pairs and PostgreSQL need more than the image, so HS256 and SQLite.
IMAGE_ROOT = "/app"
START_TIMEOUT = 60


def stage_items(bake: Bake, stage: str) -> list[dict[str, Any]]:
    """The instructions of one named stage of the Dockerfile."""
    structure = dockerfile(bake).structure
    starts = [i for i, item in enumerate(structure) if item["instruction"] == "FROM"]
    for start, end in zip(starts, [*starts[1:], len(structure)], strict=True):
        if structure[start]["value"].endswith(f" AS {stage}"):
            return structure[start + 1 : end]
    pytest.fail(f"the Dockerfile has no stage named {stage}")


def stage_env(items: list[dict[str, Any]], root: Path) -> dict[str, str]:
    """The stage's ENV values, with /app moved to root."""
    pairs = [
        word.split("=", 1)
        for item in items
        if item["instruction"] == "ENV"
        for word in shlex.split(item["value"])
    ]
    return {name: value.replace(IMAGE_ROOT, str(root)) for name, value in pairs}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(params=["all-on", "docker-only"], ids=["all-on", "docker-only"])
def image_root(
    request: pytest.FixtureRequest, bake_variant: Callable[[str], Bake], tmp_path: Path
) -> tuple[Bake, Path]:
    """The builder stage's uv steps, run on a copy of what COPY sends in."""
    bake = bake_variant(request.param)
    project = tmp_path / "project"
    shutil.copytree(bake.path, project)
    locked = run([uv_command(), "lock"], cwd=project, timeout=900)
    assert locked.returncode == 0, tail(locked)

    root = tmp_path / "app"
    root.mkdir()
    items = stage_items(bake, "builder")
    environment = {**outer_run_free_env(), **stage_env(items, root)}
    for item in items:
        words = shlex.split(item["value"])
        if item["instruction"] == "COPY":
            for source in words[:-1]:
                copy = shutil.copytree if (project / source).is_dir() else shutil.copy
                copy(project / source, root / source)
        elif item["instruction"] == "RUN" and "uv" in words:
            # pip installs uv in the image; the uv running these tests stands in.
            command = words[words.index("uv") + 1 :]
            process = run(
                [uv_command(), *command], cwd=root, env=environment, timeout=900
            )
            assert process.returncode == 0, tail(process)

    return bake, root


@pytest.mark.bake_install
def test_image_steps_install_a_service_that_migrates_and_passes_its_health_check(
    image_root: tuple[Bake, Path], tmp_path: Path
) -> None:
    bake, root = image_root
    runtime = stage_items(bake, "runtime")
    # What the runtime stage sees: only the environment built into .venv.
    for built in [path for path in root.iterdir() if path.name != ".venv"]:
        shutil.rmtree(built) if built.is_dir() else built.unlink()
    (root / "data").mkdir()
    compose_env = compose(bake)["services"]["app"]["environment"]
    environment = {
        **outer_run_free_env(),
        **parse_env_file((bake.path / ".env").read_text(encoding="utf-8")),
        **{
            name: value.replace(IMAGE_ROOT, str(root))
            for name, value in compose_env.items()
        },
        **stage_env(runtime, root),
    }
    environment["PATH"] = environment["PATH"].replace("${PATH}", os.environ["PATH"])
    # The migrations ship inside the installed package: the image can run them.
    migrated = run(
        ["python", "-m", bake.package, "migrate"],
        cwd=root,
        env=environment,
        timeout=120,
    )
    assert migrated.returncode == 0, tail(migrated)
    port = str(free_port())
    (cmd,) = [
        json.loads(item["value"]) for item in runtime if item["instruction"] == "CMD"
    ]
    (check,) = [
        item["value"] for item in runtime if item["instruction"] == "HEALTHCHECK"
    ]
    probe = json.loads(check.split("CMD", 1)[1])
    # Loopback only, on a free port: this machine is no container.
    cmd[cmd.index("--host") + 1] = "127.0.0.1"
    cmd[cmd.index("--port") + 1] = port
    probe = [word.replace(":8000/", f":{port}/") for word in probe]

    log = tmp_path / "uvicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            cmd, cwd=root, env=environment, stdout=output, stderr=output
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            healthy = False
            while not healthy and time.monotonic() < deadline and server.poll() is None:
                time.sleep(0.5)
                checked = subprocess.run(
                    probe, env=environment, capture_output=True, check=False
                )
                healthy = checked.returncode == 0
        finally:
            server.terminate()
            server.wait(timeout=10)

    assert healthy, log.read_text(encoding="utf-8")[-3000:]
