import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.app import create_app
{%- if cookiecutter.rbac != "none" %}
from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE
{%- endif %}
from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.config import Settings

from .helpers import PASSWORD, run_cli


def test_create_user_reads_the_password_from_stdin_and_the_user_can_log_in(
    cli_env: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_cli(
        monkeypatch,
        PASSWORD + "\n",
        "create-user",
        "alice",
{%- if cookiecutter.rbac != "none" %}
        "--role",
        TOP_ROLE.value,
{%- endif %}
        "--password-stdin",
    )

    assert code == 0
    assert "Created user 'alice'" in capsys.readouterr().out
    with TestClient(create_app(cli_env)) as client:
        r = client.post("/auth/token", data={"username": "alice", "password": PASSWORD})
    assert r.status_code == 200


def test_create_user_refuses_a_short_password(
    cli_env: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_cli(
        monkeypatch,
        "short\n",
        "create-user",
        "alice",
{%- if cookiecutter.rbac != "none" %}
        "--role",
        TOP_ROLE.value,
{%- endif %}
        "--password-stdin",
    )

    assert code == 1
    assert "the password must be 12 to 256 characters" in capsys.readouterr().err


def test_create_user_refuses_a_taken_username(
    cli_env: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
{%- if cookiecutter.rbac != "none" %}
    args = ("create-user", "alice", "--role", TOP_ROLE.value, "--password-stdin")
{%- else %}
    args = ("create-user", "alice", "--password-stdin")
{%- endif %}
    run_cli(monkeypatch, PASSWORD, *args)

    code = run_cli(monkeypatch, PASSWORD, *args)

    assert code == 1
    assert "username 'alice' is already taken" in capsys.readouterr().err


{%- if cookiecutter.rbac != "none" %}


def test_create_user_refuses_an_unknown_role(
    cli_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as excinfo:
        run_cli(monkeypatch, PASSWORD, "create-user", "alice", "--role", "emperor")

    assert excinfo.value.code == 2
{%- endif %}


def test_password_is_never_a_command_line_argument() -> None:
    with pytest.raises(SystemExit):
{%- if cookiecutter.rbac != "none" %}
        main(["create-user", "alice", "--role", TOP_ROLE.value, "--password", "x"])
{%- else %}
        main(["create-user", "alice", "--password", "x"])
{%- endif %}
