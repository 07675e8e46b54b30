"""What the meta-tests share: where the template lives, its hooks and manifest,
the variants to bake, and running commands inside a bake."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
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
    "project_slug": "jwt-service",
    "package_name": "jwt_service",
    "author_email": "you@example.com",
    "roles": "admin,user",
}

# Variables of the outer test run that must not leak into a bake's own tools.
OUTER_RUN_VARIABLES = frozenset({"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH"})


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


def covering_variants() -> list[dict[str, str]]:
    """Variants that together bake every supported value of every option prompt.

    Variant i takes the i-th supported value of each prompt (wrapping around), so
    the first is the default; combinations the pre-gen hook refuses are skipped,
    and a meta-test checks that every value is still covered.
    """
    values = {prompt: supported_values(prompt) for prompt in option_prompts()}
    first_error = load_hook("pre_gen_project").first_error
    variants = []
    for index in range(max(len(options) for options in values.values())):
        variant = {
            prompt: options[index % len(options)] for prompt, options in values.items()
        }
        if first_error({**VALID_FREE_TEXT, **variant}) is None:
            variants.append(variant)
    return variants


# Token lifecycle combinations the covering variants miss (they bake every
# feature on with Redis, or none): each feature alone on each backend, and every
# feature in memory. All are baked and linted; INSTALLED_LIFECYCLE_VARIANTS are
# also installed and their tests run, the Redis ones against REDIS_URL.
ALL_LIFECYCLE = {"refresh_tokens": "yes", "revocation": "yes", "rate_limiting": "yes"}
LIFECYCLE_VARIANTS: list[dict[str, str]] = [
    {feature: "yes", "state_backend": backend}
    for backend in ("memory", "redis")
    for feature in ALL_LIFECYCLE
] + [{**ALL_LIFECYCLE, "state_backend": "memory"}]
INSTALLED_LIFECYCLE_VARIANTS: list[dict[str, str]] = [
    {**ALL_LIFECYCLE, "state_backend": "memory"},
    {"refresh_tokens": "yes", "state_backend": "redis"},
]


def variant_id(variant: Mapping[str, str]) -> str:
    """Name a variant by the values that differ from the defaults."""
    changed = [
        f"{prompt}={value}"
        for prompt, value in variant.items()
        if value != option_values(prompt)[0]
    ]
    return ",".join(changed) or "default"


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


def run(
    args: Sequence[str | Path],
    cwd: Path,
    timeout: float = 600,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command inside a bake, capturing its output as text."""
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=outer_run_free_env(),
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
