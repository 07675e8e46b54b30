"""What the meta-tests share: where the template lives, its hooks and manifest,
baking, and running commands inside a bake. The variants are in matrix.py."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from cookiecutter.main import cookiecutter

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
HOOKS_DIR = TEMPLATE_DIR / "hooks"
PROJECT_TEMPLATE_DIR = TEMPLATE_DIR / "{{cookiecutter.project_slug}}"
MANIFEST_NAME = ".template-manifest.json"
PACKAGE_FOLDER_NAMES = (
    "{{cookiecutter.package_name}}",
    "{{ cookiecutter.package_name }}",
)

# Answers that pass pre_gen_project; variants add their option values on top.
VALID_FREE_TEXT = {
    "project_name": "JWT Service",
    "project_slug": "jwt-service",
    "package_name": "jwt_service",
    "author_email": "you@example.com",
    "roles": "admin,user",
}

# Variables of the outer test run that must not leak into a bake's own tools.
# The database URLs too: only a postgresql bake gets one, and from this run's
# TEST_DATABASE_URL (see postgresql_url).
OUTER_RUN_VARIABLES = frozenset(
    {
        "VIRTUAL_ENV",
        "UV_PROJECT_ENVIRONMENT",
        "PYTHONPATH",
        "TEST_DATABASE_URL",
        "DATABASE_URL",
    }
)


@functools.cache
def load_hook(name: str) -> ModuleType:
    """Import hooks/<name>.py unrendered; its Jinja line is only read in main()."""
    spec = importlib.util.spec_from_file_location(
        f"hook_{name}", HOOKS_DIR / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def cookiecutter_json() -> dict[str, Any]:
    text = (TEMPLATE_DIR / "cookiecutter.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def prompts() -> list[str]:
    """Every key the user answers, in the order cookiecutter asks."""
    return [key for key in cookiecutter_json() if not key.startswith("_")]


def option_values(prompt: str) -> list[str]:
    """The values a choice or boolean prompt offers, default first."""
    default = cookiecutter_json()[prompt]
    if isinstance(default, bool):
        return ["yes", "no"] if default else ["no", "yes"]
    return list(default)


def option_prompts() -> list[str]:
    return [
        key for key in prompts() if isinstance(cookiecutter_json()[key], bool | list)
    ]


def supported_values(prompt: str) -> list[str]:
    unsupported = load_hook("pre_gen_project").NOT_YET_SUPPORTED.get(prompt, ())
    return [value for value in option_values(prompt) if value not in unsupported]


@functools.cache
def manifest() -> dict[str, Any]:
    text = (PROJECT_TEMPLATE_DIR / MANIFEST_NAME).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def manifest_paths() -> list[str]:
    return [path for entry in manifest()["entries"] for path in entry["paths"]]


def template_path(manifest_path: str) -> Path | None:
    """Find a manifest path in the template, trying both folder-name spacings."""
    for folder in PACKAGE_FOLDER_NAMES:
        candidate = PROJECT_TEMPLATE_DIR / manifest_path.replace("{package}", folder)
        if candidate.exists():
            return candidate
    return None


def project_files(root: Path) -> Iterator[Path]:
    """Every file under root, in a stable order."""
    return (path for path in sorted(root.rglob("*")) if path.is_file())


def outer_run_free_env() -> dict[str, str]:
    """The environment for tools run inside a bake, without the outer run's."""
    return {
        name: value
        for name, value in os.environ.items()
        if name not in OUTER_RUN_VARIABLES and not name.startswith("PYTEST_")
    }


ENV_LINE = re.compile(r"[A-Z][A-Z0-9_]*=[^\s'\"]*")


def parse_env_file(text: str) -> dict[str, str]:
    """Read a .env file as the service does, refusing lines it could misread."""
    settings = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not ENV_LINE.fullmatch(line):
            msg = f"line {number} is not NAME=value: {line!r}"
            raise ValueError(msg)
        name, value = line.split("=", 1)
        settings[name] = value
    return settings


def postgresql_url() -> str | None:
    """The PostgreSQL server that postgresql bakes test against, if any.

    `.ci/run` starts one and exports TEST_DATABASE_URL; each bake's tests create
    and drop a database of their own on it.
    """
    return os.environ.get("TEST_DATABASE_URL") or None


def run(
    args: Sequence[str | Path],
    cwd: Path,
    timeout: float = 600,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command inside a bake, capturing its output as text.

    env adds to (or overrides) the outer run's environment, less its own tools'.
    """
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env={**outer_run_free_env(), **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def tail(process: subprocess.CompletedProcess[str], lines: int = 60) -> str:
    """The end of a command's output, for an assertion message."""
    output = (process.stdout + process.stderr).splitlines()
    return "\n".join(
        [f"$ {' '.join(process.args)} -> exit {process.returncode}", *output[-lines:]]
    )


def replay_bake(context: Mapping[str, Any], folder: Path) -> Path:
    """Bake from a replay file, with cookiecutter's settings and output in folder.

    Cookiecutter checks choices and booleans given as extra context, but takes a
    replay file's answers as written, so they reach the hooks unconverted.
    """
    config = folder / "config.yaml"
    config.write_text(
        f"replay_dir: {folder / 'replay'}\ncookiecutters_dir: {folder / 'cc'}\n",
        encoding="utf-8",
    )
    output = folder / "out"
    output.mkdir(exist_ok=True)
    replay_file = folder / "replay.json"
    replay_file.write_text(json.dumps({"cookiecutter": context}), encoding="utf-8")

    project = cookiecutter(
        str(TEMPLATE_DIR),
        replay=str(replay_file),
        output_dir=str(output),
        config_file=str(config),
    )
    return Path(project)
