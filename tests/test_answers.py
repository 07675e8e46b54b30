"""The pre-gen hook refuses bad answers with one line naming the prompt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cookiecutter.exceptions import FailedHookException
from pytest_cookies.plugin import Result

from tests.bakery import VALID_FREE_TEXT, load_hook, replay_bake
from tests.conftest import Bake
from tests.matrix import defaults

pre_gen = load_hook("pre_gen_project")

# (id, answers, prompt the message must name)
INVALID_ANSWERS = [
    ("slug-with-space", {"project_slug": "jwt service"}, "project_slug"),
    ("slug-upper-case", {"project_slug": "JWT-service"}, "project_slug"),
    ("slug-leading-digit", {"project_slug": "1-service"}, "project_slug"),
    ("slug-trailing-hyphen", {"project_slug": "service-"}, "project_slug"),
    ("slug-double-hyphen", {"project_slug": "jwt--service"}, "project_slug"),
    ("slug-51-characters", {"project_slug": "s" * 51}, "project_slug"),
    ("package-keyword", {"package_name": "class"}, "package_name"),
    ("package-stdlib", {"package_name": "json"}, "package_name"),
    ("package-dependency", {"package_name": "jwt"}, "package_name"),
    ("package-tests-folder", {"package_name": "tests"}, "package_name"),
    ("package-hyphen", {"package_name": "jwt-service"}, "package_name"),
    ("package-upper-case", {"package_name": "JwtService"}, "package_name"),
    ("package-41-characters", {"package_name": "p" * 41}, "package_name"),
    ("package-derived-keyword", {"project_name": "Class"}, "package_name"),
    ("roles-empty", {"roles": ""}, "roles"),
    ("roles-only-commas", {"roles": " , "}, "roles"),
    ("roles-empty-name", {"roles": "admin,,user"}, "roles"),
    ("roles-duplicate", {"roles": "admin,user,admin"}, "roles"),
    ("roles-duplicate-other-case", {"roles": "admin,Admin"}, "roles"),
    ("roles-21", {"roles": ",".join(f"role{i}" for i in range(21))}, "roles"),
    ("roles-bad-name", {"roles": "admin,power-user"}, "roles"),
    ("roles-leading-digit", {"roles": "admin,2fa"}, "roles"),
    ("roles-keyword", {"roles": "admin,class"}, "roles"),
    ("roles-33-characters", {"roles": "admin," + "r" * 33}, "roles"),
    ("email-no-at", {"author_email": "you.example.com"}, "author_email"),
    ("email-no-domain-dot", {"author_email": "you@localhost"}, "author_email"),
    ("email-space", {"author_email": "you @example.com"}, "author_email"),
    ("email-empty", {"author_email": ""}, "author_email"),
    ("email-double-dot", {"author_email": "a..b@example.com"}, "author_email"),
    ("email-leading-dot", {"author_email": ".ab@example.com"}, "author_email"),
    ("email-trailing-dot", {"author_email": "ab.@example.com"}, "author_email"),
    (
        "redis-without-state-features",
        {"state_backend": "redis"},
        "state_backend",
    ),
]

# Values that need a companion answer to get past the combination rules.
COMPANIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("state_backend", "redis"): {"refresh_tokens": "yes"},
}
NOT_YET_SUPPORTED = [
    (prompt, value)
    for prompt, values in pre_gen.NOT_YET_SUPPORTED.items()
    for value in values
]


def error_lines(capfd: pytest.CaptureFixture[str]) -> list[str]:
    return [
        line for line in capfd.readouterr().err.splitlines() if line.startswith("ERROR")
    ]


def assert_refused_by_hook(
    result: Result, output_root: Path, capfd: pytest.CaptureFixture[str], prompt: str
) -> str:
    """Check the hook failed with one line naming prompt and left no folder."""
    assert isinstance(result.exception, FailedHookException), result.exception
    lines = error_lines(capfd)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"ERROR: {prompt}")
    assert [folder for folder in output_root.iterdir() if any(folder.iterdir())] == []
    return lines[0]


@pytest.mark.parametrize(
    ("answers", "prompt"),
    [(answers, prompt) for _, answers, prompt in INVALID_ANSWERS],
    ids=[case_id for case_id, _, _ in INVALID_ANSWERS],
)
def test_invalid_answer_is_refused_naming_the_prompt(
    bake: Bake,
    bake_output_root: Path,
    capfd: pytest.CaptureFixture[str],
    answers: dict[str, str],
    prompt: str,
) -> None:
    result = bake(**answers)

    assert_refused_by_hook(result, bake_output_root, capfd, prompt)


@pytest.mark.parametrize("name", ["", "   "], ids=["empty", "blank"])
def test_blank_project_name_is_refused_by_name(name: str) -> None:
    # A blank name makes an empty slug, and so no project folder to bake into:
    # the hook's own rule is checked directly.
    error = pre_gen.first_error({**VALID_FREE_TEXT, "project_name": name})

    assert error == "project_name is empty: give the service a name (e.g. JWT Service)"


def test_name_without_letters_points_from_the_slug_to_the_name() -> None:
    error = pre_gen.first_error(
        {**VALID_FREE_TEXT, "project_name": "!!!", "project_slug": ""}
    )

    assert error is not None
    assert error.startswith("project_slug '' is invalid")
    assert error.endswith("unless given, it is made from project_name")


def test_value_not_yet_supported_is_refused_with_the_supported_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every offered value is built today; the table stays for the next prompt.
    monkeypatch.setattr(pre_gen, "NOT_YET_SUPPORTED", {"rbac": ("none",)})

    line = pre_gen.check_supported({"rbac": "none"})

    assert line == "rbac=none is not yet supported; supported: roles, permissions"


def test_package_name_message_names_the_rule(
    bake: Bake, bake_output_root: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    result = bake(package_name="class")

    line = assert_refused_by_hook(result, bake_output_root, capfd, "package_name")
    assert "'class' is invalid (a Python keyword)" in line
    assert "dependency name (fastapi, jwt, ...)" in line


@pytest.mark.parametrize(
    "roles",
    ["admin", " admin , user ", ",".join(f"role{i}" for i in range(20))],
    ids=["one", "spaces-around-names", "twenty"],
)
def test_valid_roles_list_bakes(bake: Bake, roles: str) -> None:
    result = bake(roles=roles)

    assert result.exception is None, result.exception


def test_unknown_choice_in_extra_context_is_refused_by_cookiecutter(
    bake: Bake, bake_output_root: Path
) -> None:
    result = bake(jwt_algorithm="HS512")

    assert isinstance(result.exception, ValueError)
    assert "jwt_algorithm" in str(result.exception)
    assert not bake_output_root.exists() or not any(bake_output_root.rglob("*"))


@pytest.mark.parametrize(
    ("prompt", "value"),
    [("jwt_algorithm", "HS512"), ("rbac", "ROLES"), ("use_docker", "maybe")],
    ids=["unknown-algorithm", "choice-wrong-case", "boolean-maybe"],
)
def test_replayed_invalid_option_is_refused_by_hook(
    replay_context: dict[str, Any],
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    prompt: str,
    value: str,
) -> None:
    with pytest.raises(FailedHookException):
        replay_bake({**replay_context, prompt: value}, tmp_path)

    lines = error_lines(capfd)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"ERROR: {prompt} {value!r} is invalid")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(
    "value", ["No", "n", "0", "false"], ids=["No", "n", "0", "false"]
)
def test_replayed_boolean_spelled_as_text_bakes(
    replay_context: dict[str, Any], tmp_path: Path, value: str
) -> None:
    project = replay_bake({**replay_context, "use_pre_commit": value}, tmp_path)

    assert (project / "pyproject.toml").is_file()


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"project_slug": "a"}, None),
        ({"project_slug": "jwt-service-2"}, None),
        ({"package_name": "a1_b"}, None),
        ({"author_email": "first.last+tag@sub.example.co"}, None),
        ({"roles": "Admin,editor_2"}, None),
        ({"state_backend": "redis", "revocation": True}, None),
    ],
    ids=[
        "slug-one-letter",
        "slug-digits",
        "package-digits",
        "email-plus-tag",
        "roles-mixed-case",
        "redis-with-revocation",
    ],
)
def test_first_error_accepts_valid_answers(
    answers: dict[str, Any], expected: str | None
) -> None:
    error = pre_gen.first_error({**VALID_FREE_TEXT, **defaults(), **answers})

    if expected is None:
        assert error is None
    else:
        assert error is not None
        assert error.startswith(expected)
