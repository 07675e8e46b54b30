{%- if cookiecutter.rbac != "none" -%}
"""The commands that change a user's password or role."""
{%- else -%}
"""The command that changes a user's password."""
{%- endif %}

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

{% if cookiecutter.rbac != "none" -%}
from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE
{% endif -%}
from {{ cookiecutter.package_name }}.config import Settings

{% if cookiecutter.rbac != "none" -%}
from .helpers import SeededUser, bearer, log_in, run_cli
{%- else -%}
from .helpers import SeededUser, log_in, run_cli
{%- endif %}

NEW_PASSWORD = "a different horse, equally stapled"


@pytest.fixture
def alice(make_user: Callable[..., SeededUser], cli_env: Settings) -> SeededUser:
    return make_user("alice")


def test_set_password_reads_the_new_password_from_stdin(
    client: TestClient,
    alice: SeededUser,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_cli(
        monkeypatch, NEW_PASSWORD + "\n", "set-password", "alice", "--password-stdin"
    )

    assert code == 0
    assert capsys.readouterr().out == (
        "Changed the password of 'alice'; its earlier tokens are void\n"
    )
    assert log_in(client, "alice", NEW_PASSWORD).status_code == 200


def test_set_password_refuses_a_short_password(
    alice: SeededUser,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_cli(monkeypatch, "short\n", "set-password", "alice", "--password-stdin")

    assert code == 1
    assert "the password must be 12 to 256 characters" in capsys.readouterr().err


def test_set_password_of_an_unknown_user_fails_naming_it(
    alice: SeededUser,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_cli(
        monkeypatch, NEW_PASSWORD, "set-password", "mallory", "--password-stdin"
    )

    assert code == 1
    assert capsys.readouterr().err == "error: there is no user named 'mallory'\n"
{%- if cookiecutter.rbac != "none" %}


def test_set_role_changes_the_role(
    client: TestClient,
    alice: SeededUser,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_cli(monkeypatch, "", "set-role", "alice", TOP_ROLE.value)

    assert code == 0
    assert f"Changed the role of 'alice' to {TOP_ROLE.value}" in capsys.readouterr().out
    token = log_in(client, "alice").json()["access_token"]
    me = client.get("/users/me", headers=bearer(token))
    assert me.json()["role"] == TOP_ROLE.value


def test_set_role_refuses_an_unknown_role(
    alice: SeededUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as excinfo:
        run_cli(monkeypatch, "", "set-role", "alice", "emperor")

    assert excinfo.value.code == 2
{%- endif %}


def test_new_password_is_never_a_command_line_argument(
    alice: SeededUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit):
        run_cli(monkeypatch, "", "set-password", "alice", "--password", NEW_PASSWORD)
