"""Unit tests of the post-gen hook's pruning and .env writing on small trees."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.bakery import load_hook

post_gen = load_hook("post_gen_project")

ANSWERS = {
    "package_name": "shop",
    "rbac": "none",
    "database": "sqlite",
    "use_docker": False,
    "refresh_tokens": True,
    "revocation": False,
}

MANIFEST = {
    "entries": [
        {
            "when": {"rbac": ["roles", "permissions"]},
            "paths": ["src/{package}/auth/roles.py", "tests/test_roles.py"],
        },
        {"when": {"use_docker": ["yes"]}, "paths": ["Dockerfile", "docker"]},
        {"when": {"database": ["sqlite"]}, "paths": ["src/{package}/sqlite.py"]},
        {
            "when_any": {"refresh_tokens": ["yes"], "revocation": ["yes"]},
            "paths": ["src/{package}/state"],
        },
        {
            "when_any": {"revocation": ["yes"], "database": ["postgresql"]},
            "paths": ["src/{package}/denylist.py"],
        },
        {
            "when": {"database": ["sqlite"], "use_docker": ["yes"]},
            "paths": ["docker/sqlite-volume.txt"],
        },
    ]
}

TREE = [
    "src/shop/__init__.py",
    "src/shop/auth/roles.py",
    "src/shop/sqlite.py",
    "src/shop/state/store.py",
    "src/shop/denylist.py",
    "tests/test_roles.py",
    "tests/test_health.py",
    "Dockerfile",
    "docker/entrypoint.sh",
    "docker/sqlite-volume.txt",
    "README.md",
]

EXPECTED_AFTER_PRUNING = [
    "README.md",
    "src/shop/__init__.py",
    "src/shop/sqlite.py",
    "src/shop/state/store.py",
    "tests/test_health.py",
]


def make_tree(root: Path, files: list[str]) -> Path:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {name}\n", encoding="utf-8")
    return root


def files_under(root: Path) -> list[str]:
    return sorted(
        path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
    )


def folders_under(root: Path) -> list[str]:
    return sorted(
        path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_dir()
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "project", TREE)


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        ({"when": {"rbac": ["roles", "permissions"]}}, {"rbac": "roles"}, True),
        ({"when": {"rbac": ["roles", "permissions"]}}, {"rbac": "none"}, False),
        (
            {"when": {"rbac": ["roles"], "database": ["sqlite"]}},
            {"rbac": "roles", "database": "postgresql"},
            False,
        ),
        (
            {"when_any": {"rbac": ["roles"], "database": ["sqlite"]}},
            {"rbac": "none", "database": "sqlite"},
            True,
        ),
        (
            {"when_any": {"rbac": ["roles"], "database": ["sqlite"]}},
            {"rbac": "none", "database": "postgresql"},
            False,
        ),
        ({"when": {"use_docker": ["yes"]}}, {"use_docker": True}, True),
        ({"when": {"use_docker": ["no"]}}, {"use_docker": False}, True),
        ({"when": {"use_docker": ["yes"]}}, {"use_docker": "True"}, True),
        ({"when": {"use_docker": ["yes"]}}, {"use_docker": "n"}, False),
        (
            {
                "when": {"database": ["sqlite"]},
                "when_any": {"refresh_tokens": ["yes"], "revocation": ["yes"]},
            },
            {"database": "sqlite", "refresh_tokens": "no", "revocation": True},
            True,
        ),
        (
            {
                "when": {"database": ["sqlite"]},
                "when_any": {"refresh_tokens": ["yes"], "revocation": ["yes"]},
            },
            {"database": "postgresql", "refresh_tokens": True, "revocation": True},
            False,
        ),
        (
            {
                "when": {"database": ["sqlite"]},
                "when_any": {"refresh_tokens": ["yes"], "revocation": ["yes"]},
            },
            {"database": "sqlite", "refresh_tokens": False, "revocation": "no"},
            False,
        ),
    ],
    ids=[
        "when-one-of-values",
        "when-value-missing",
        "when-needs-every-prompt",
        "when-any-needs-one-prompt",
        "when-any-none-match",
        "boolean-true-is-yes",
        "boolean-false-is-no",
        "boolean-text-true-is-yes",
        "boolean-text-n-is-no",
        "when-and-when-any-both-hold",
        "when-and-when-any-when-fails",
        "when-and-when-any-any-fails",
    ],
)
def test_entry_holds(condition: dict, answers: dict, expected: bool) -> None:
    entry = {**condition, "paths": []}

    assert post_gen.entry_holds(entry, answers) is expected


@pytest.mark.parametrize(
    "entry",
    [
        {"paths": []},
        {"when": {}, "paths": []},
        {"when": {"rbac": ["roles"]}, "when_any": {}, "paths": []},
    ],
    ids=["no-condition", "empty-when", "empty-when-any"],
)
def test_entry_without_a_non_empty_condition_is_refused(entry: dict) -> None:
    with pytest.raises(post_gen.ManifestError, match="non-empty"):
        post_gen.entry_holds(entry, ANSWERS)


@pytest.mark.parametrize(
    "path",
    ["../outside.py", "/etc/passwd", "src/../../x", ""],
    ids=["parent", "absolute", "climbs-out", "empty"],
)
def test_manifest_path_outside_the_project_is_refused(
    tmp_path: Path, path: str
) -> None:
    with pytest.raises(post_gen.ManifestError, match="relative to the project"):
        post_gen.project_path(tmp_path, path, "shop")


def test_prune_removes_paths_whose_condition_fails(tree: Path) -> None:
    post_gen.prune(tree, MANIFEST, ANSWERS)

    assert files_under(tree) == EXPECTED_AFTER_PRUNING


def test_prune_removes_folders_it_left_empty(tree: Path) -> None:
    post_gen.prune(tree, MANIFEST, ANSWERS)

    assert folders_under(tree) == ["src", "src/shop", "src/shop/state", "tests"]


def test_prune_keeps_the_root_even_when_it_empties(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "project", ["Dockerfile"])

    post_gen.prune(root, MANIFEST, ANSWERS)

    assert root.is_dir()
    assert list(root.iterdir()) == []


def test_prune_skips_missing_paths(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "project", ["README.md", "src/shop/auth/roles.py"])

    removed = post_gen.prune(root, MANIFEST, ANSWERS)

    assert removed == [root / "src/shop/auth/roles.py"]
    assert files_under(root) == ["README.md"]


def test_prune_twice_changes_nothing_the_second_time(tree: Path) -> None:
    post_gen.prune(tree, MANIFEST, ANSWERS)

    removed = post_gen.prune(tree, MANIFEST, ANSWERS)

    assert removed == []
    assert files_under(tree) == EXPECTED_AFTER_PRUNING


def test_prune_removes_a_symlink_not_its_target(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "project", ["README.md"])
    (root / "Dockerfile").symlink_to(root / "README.md")

    post_gen.prune(root, MANIFEST, ANSWERS)

    assert files_under(root) == ["README.md"]


def test_prune_leaves_folders_it_did_not_empty(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path / "project", ["src/shop/auth/roles.py", "src/shop/auth/tokens.py"]
    )

    post_gen.prune(root, MANIFEST, ANSWERS)

    assert files_under(root) == ["src/shop/auth/tokens.py"]


ENV_EXAMPLE = "# settings\nJWT_SECRET_KEY=\nJWT_ISSUER=shop\n"


def test_write_env_fills_the_secret_and_keeps_other_lines(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text(ENV_EXAMPLE, encoding="utf-8")

    assert post_gen.write_env(tmp_path) is True

    lines = (tmp_path / ".env").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# settings"
    assert lines[1].startswith("JWT_SECRET_KEY=")
    assert len(lines[1].removeprefix("JWT_SECRET_KEY=")) == 86
    assert lines[2] == "JWT_ISSUER=shop"


def test_write_env_makes_the_file_owner_only(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text(ENV_EXAMPLE, encoding="utf-8")

    post_gen.write_env(tmp_path)

    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600


def test_write_env_never_replaces_an_existing_env(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text(ENV_EXAMPLE, encoding="utf-8")
    (tmp_path / ".env").write_text("JWT_SECRET_KEY=kept\n", encoding="utf-8")

    assert post_gen.write_env(tmp_path) is False

    assert (tmp_path / ".env").read_text(encoding="utf-8") == "JWT_SECRET_KEY=kept\n"


def test_write_env_without_example_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"\.env\.example is missing"):
        post_gen.write_env(tmp_path)


def test_fresh_signing_keys_differ() -> None:
    first = post_gen.with_fresh_signing_key(ENV_EXAMPLE)
    second = post_gen.with_fresh_signing_key(ENV_EXAMPLE)

    assert first != second
