"""Shape the rendered project to the answers, then give it a fresh secret.

Cookiecutter runs this inside the new project. It removes the paths that the
feature manifest ties to answers not chosen, deletes the manifest, and writes
`.env` from `.env.example` with a new random signing secret. Both steps can run
again safely: missing paths are skipped and an existing `.env` is never replaced.
Standard library only: cookiecutter runs it with its own interpreter.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

# Rendered by cookiecutter before the hook runs; see pre_gen_project.py for why a
# raw string holding tojson output is safe. Unrendered, the module imports fine.
ANSWERS_JSON = r"""{{ cookiecutter | tojson }}"""

Answers = Mapping[str, Any]

MANIFEST_NAME = ".template-manifest.json"
PACKAGE_PLACEHOLDER = "{package}"
ENV_EXAMPLE_NAME = ".env.example"
ENV_NAME = ".env"
SIGNING_KEY_LINE = re.compile(r"^JWT_SECRET_KEY=.*$", re.MULTILINE)
SIGNING_KEY_BYTES = 64

# The same words pre_gen_project accepts. Hooks run from temporary copies and
# cannot import each other; a meta-test checks that both spell answers alike.
TRUE_WORDS = frozenset({"yes", "y", "true", "1"})
FALSE_WORDS = frozenset({"no", "n", "false", "0"})
BOOLEAN_SPELLINGS = frozenset({"yes", "no"})


class ManifestError(ValueError):
    """Raised when the feature manifest is malformed."""


def as_yes_no(value: Any) -> str | None:
    """Spell a boolean answer as yes or no; None when it is not a boolean."""
    if isinstance(value, bool):
        return "yes" if value else "no"

    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return "yes"
    if word in FALSE_WORDS:
        return "no"
    return None


def spell(value: Any, allowed: Iterable[str]) -> str | None:
    """Spell an answer the way the manifest lists it (booleans as yes/no)."""
    if set(allowed) <= BOOLEAN_SPELLINGS:
        return as_yes_no(value)
    return str(value)


def conditions_of(entry: Mapping[str, Any]) -> list[tuple[Callable[..., bool], dict]]:
    """Return an entry's tests, each with how to combine them (all or any)."""
    conditions = [
        (all if kind == "when" else any, entry[kind])
        for kind in ("when", "when_any")
        if kind in entry
    ]
    if not conditions or not all(tests for _, tests in conditions):
        msg = f"manifest entry needs a non-empty 'when', 'when_any' or both: {entry}"
        raise ManifestError(msg)
    return conditions


def entry_holds(entry: Mapping[str, Any], answers: Answers) -> bool:
    """Tell whether the answers meet the entry's conditions (both, when two)."""
    return all(
        combine(
            spell(answers.get(prompt), allowed) in allowed
            for prompt, allowed in tests.items()
        )
        for combine, tests in conditions_of(entry)
    )


def project_path(root: Path, manifest_path: str, package: str) -> Path:
    """Turn a manifest path into a path under root, refusing ones that leave it."""
    relative = PurePosixPath(manifest_path.replace(PACKAGE_PLACEHOLDER, package))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        msg = f"manifest path {manifest_path!r} must be relative to the project"
        raise ManifestError(msg)

    return root.joinpath(*relative.parts)


def paths_to_remove(
    root: Path, manifest: Mapping[str, Any], answers: Answers
) -> list[Path]:
    """List the paths of every manifest entry whose condition fails."""
    package = str(answers["package_name"])
    return [
        project_path(root, path, package)
        for entry in manifest["entries"]
        if not entry_holds(entry, answers)
        for path in entry["paths"]
    ]


def remove_path(path: Path) -> bool:
    """Delete a file, link or folder tree; False when it was already gone."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    else:
        return False
    return True


def remove_empty_parents(folder: Path, root: Path) -> None:
    """Delete folder and its ancestors below root while they are empty."""
    while folder != root and folder.is_relative_to(root) and folder.is_dir():
        if any(folder.iterdir()):
            return
        folder.rmdir()
        folder = folder.parent


def prune(root: Path, manifest: Mapping[str, Any], answers: Answers) -> list[Path]:
    """Remove what the answers exclude; return the paths actually removed."""
    removed = []
    for path in paths_to_remove(root, manifest, answers):
        if remove_path(path):
            removed.append(path)
        remove_empty_parents(path.parent, root)
    return removed


def with_fresh_signing_key(env_text: str) -> str:
    """Fill the JWT_SECRET_KEY line with a new url-safe random secret."""
    secret = secrets.token_urlsafe(SIGNING_KEY_BYTES)
    return SIGNING_KEY_LINE.sub(lambda _: f"JWT_SECRET_KEY={secret}", env_text)


def write_env(root: Path) -> bool:
    """Create .env from .env.example, readable by the owner only.

    Returns False, and touches nothing, when .env already exists: it may hold the
    secret that signed tokens already handed out.
    """
    if (root / ENV_NAME).exists():
        return False

    example = root / ENV_EXAMPLE_NAME
    if not example.is_file():
        msg = f"{ENV_EXAMPLE_NAME} is missing from the project; cannot write {ENV_NAME}"
        raise FileNotFoundError(msg)

    text = with_fresh_signing_key(example.read_text(encoding="utf-8"))
    # O_EXCL: never replace a file that appeared meanwhile; 0o600 from the start,
    # so the secret is never readable by others, not even briefly.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        descriptor = os.open(root / ENV_NAME, flags, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as env_file:
        env_file.write(text)
    return True


def read_answers() -> dict[str, Any]:
    answers: dict[str, Any] = json.loads(ANSWERS_JSON)
    return answers


def main() -> None:
    root = Path.cwd()
    answers = read_answers()

    manifest_file = root / MANIFEST_NAME
    try:
        if manifest_file.exists():
            manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
            prune(root, manifest, answers)
            manifest_file.unlink()

        write_env(root)
    except (ManifestError, FileNotFoundError) as exc:
        sys.exit(f"ERROR: {exc}")


if __name__ == "__main__":
    main()
