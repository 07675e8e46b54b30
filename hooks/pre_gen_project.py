"""Check the answers before cookiecutter renders anything.

Each rule is a small function that returns an error message or None; the first
message found is printed as one line on stderr and the hook exits 1, which makes
cookiecutter stop and delete the half-made output folder. The hook only reads, so
running it twice gives the same verdict. Standard library only: cookiecutter runs
it with its own interpreter.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

# Cookiecutter renders this file with Jinja before running it. The answers arrive
# as JSON inside a raw string: Jinja's tojson escapes quotes and control
# characters, so no answer can end the string early. Unrendered, the module still
# imports, which lets the tests call the rules directly.
ANSWERS_JSON = r"""{{ cookiecutter | tojson }}"""

Answers = Mapping[str, Any]

SLUG_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
PACKAGE_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
# Two characters at least: one-letter names such as "i" or "o" become enum
# members that linters reject as ambiguous.
ROLE_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]+")
# The local part is a dot-atom (RFC 5322 3.2.3): no leading, trailing or double dot.
EMAIL_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`|~-]+"
EMAIL_PATTERN = re.compile(
    rf"{EMAIL_ATOM}(?:\.{EMAIL_ATOM})*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
MAX_ROLES = 20
# Longer names would push generated lines past 88 columns or, for roles, past
# the width of the users.role column.
MAX_SLUG_LENGTH = 50
MAX_PACKAGE_LENGTH = 40
MAX_ROLE_LENGTH = 32

# Import names of the generated project's dependencies, plus the test folder: a
# package with one of these names would shadow the real module.
RESERVED_PACKAGE_NAMES = frozenset(
    {
        "aiosqlite",
        "alembic",
        "anyio",
        "argon2",
        "cryptography",
        "fastapi",
        "httpx",
        "httpx2",
        "hypothesis",
        "joserfc",
        "jwt",
        "limits",
        "multipart",
        "mypy",
        "psycopg",
        "pwdlib",
        "pydantic",
        "pydantic_settings",
        "pytest",
        "python_multipart",
        "redis",
        "ruff",
        "slowapi",
        "sqlalchemy",
        "starlette",
        "test",
        "tests",
        "uvicorn",
    }
)

# Must match the lists in cookiecutter.json (a meta-test checks it). Cookiecutter
# itself checks choices given as extra context, but not those read from a replay
# file, so the hook checks them again.
CHOICES: dict[str, tuple[str, ...]] = {
    "jwt_algorithm": ("HS256", "RS256", "ES256", "EdDSA"),
    "rbac": ("roles", "permissions", "none"),
    "state_backend": ("memory", "redis"),
    "database": ("sqlite", "postgresql"),
    "auth_integration": ("dependency", "middleware"),
}
BOOLEAN_PROMPTS = (
    "refresh_tokens",
    "revocation",
    "rate_limiting",
    "use_docker",
    "use_github_actions",
    "use_pre_commit",
)
TRUE_WORDS = frozenset({"yes", "y", "true", "1"})
FALSE_WORDS = frozenset({"no", "n", "false", "0"})

# Prompts that use the state backend; redis with none of them on stores nothing.
STATEFUL_FEATURES = ("refresh_tokens", "revocation", "rate_limiting")

# Values offered by the prompts but not built yet. Each issue that builds one
# removes it from here; booleans are spelled yes/no.
NOT_YET_SUPPORTED: dict[str, tuple[str, ...]] = {}


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


def split_roles(value: str) -> list[str]:
    """Split the comma list of roles, dropping the spaces around each name."""
    return [name.strip() for name in value.split(",")]


def check_project_name(answers: Answers) -> str | None:
    name = answers.get("project_name")
    if isinstance(name, str) and name.strip():
        return None

    return "project_name is empty: give the service a name (e.g. JWT Service)"


def check_project_slug(answers: Answers) -> str | None:
    slug = answers.get("project_slug")
    if (
        isinstance(slug, str)
        and SLUG_PATTERN.fullmatch(slug)
        and len(slug) <= MAX_SLUG_LENGTH
    ):
        return None

    return (
        f"project_slug {slug!r} is invalid: use up to {MAX_SLUG_LENGTH} lowercase "
        "letters and digits in words joined by single hyphens, starting with a "
        "letter (e.g. jwt-service); unless given, it is made from project_name"
    )


def check_package_name(answers: Answers) -> str | None:
    name = answers.get("package_name")
    if not isinstance(name, str) or not PACKAGE_PATTERN.fullmatch(name):
        reason = "not a lowercase ASCII identifier"
    elif len(name) > MAX_PACKAGE_LENGTH:
        reason = f"longer than {MAX_PACKAGE_LENGTH} characters"
    elif keyword.iskeyword(name):
        reason = "a Python keyword"
    elif name in sys.stdlib_module_names:
        reason = "a standard-library module"
    elif name in RESERVED_PACKAGE_NAMES:
        reason = "the import name of a dependency or of the tests folder"
    else:
        return None

    return (
        f"package_name {name!r} is invalid ({reason}): use lowercase letters, digits "
        "and underscores, starting with a letter, that are not a keyword, a "
        "standard-library module or a dependency name (fastapi, jwt, ...)"
    )


def check_author_email(answers: Answers) -> str | None:
    email = answers.get("author_email")
    if isinstance(email, str) and EMAIL_PATTERN.fullmatch(email):
        return None

    return f"author_email {email!r} is invalid: use an address like name@example.com"


def check_roles(answers: Answers) -> str | None:
    value = answers.get("roles")
    if not isinstance(value, str) or not value.strip():
        return (
            f"roles {value!r} is empty: give 1 to {MAX_ROLES} comma-separated "
            "names, most privileged first (e.g. admin,user)"
        )

    names = split_roles(value)
    if len(names) > MAX_ROLES:
        return f"roles has {len(names)} names: give 1 to {MAX_ROLES}"

    seen: set[str] = set()
    for name in names:
        if (
            not ROLE_PATTERN.fullmatch(name)
            or keyword.iskeyword(name)
            or len(name) > MAX_ROLE_LENGTH
        ):
            return (
                f"roles: {name!r} is not a valid role name: 2 to {MAX_ROLE_LENGTH} "
                "letters, digits or underscores, starting with a letter, and not a "
                "Python keyword"
            )
        if name.lower() in seen:
            return f"roles: {name!r} is listed twice (case is ignored): list it once"
        seen.add(name.lower())
    return None


def check_choices(answers: Answers) -> str | None:
    for prompt, allowed in CHOICES.items():
        value = answers.get(prompt)
        if value not in allowed:
            return f"{prompt} {value!r} is invalid: choose one of {', '.join(allowed)}"
    return None


def check_booleans(answers: Answers) -> str | None:
    for prompt in BOOLEAN_PROMPTS:
        value = answers.get(prompt)
        if as_yes_no(value) is None:
            return f"{prompt} {value!r} is invalid: answer yes or no"
    return None


def check_state_backend_is_used(answers: Answers) -> str | None:
    if answers.get("state_backend") != "redis":
        return None
    if any(as_yes_no(answers.get(prompt)) == "yes" for prompt in STATEFUL_FEATURES):
        return None

    return (
        "state_backend=redis needs refresh_tokens, revocation or rate_limiting set "
        "to yes; with all of them off choose state_backend=memory"
    )


def check_supported(answers: Answers) -> str | None:
    for prompt, unsupported in NOT_YET_SUPPORTED.items():
        value = answers.get(prompt)
        if prompt in BOOLEAN_PROMPTS:
            value = as_yes_no(value)
            offered: tuple[str, ...] = ("yes", "no")
        else:
            offered = CHOICES[prompt]
        if value in unsupported:
            supported = [option for option in offered if option not in unsupported]
            return (
                f"{prompt}={value} is not yet supported; "
                f"supported: {', '.join(supported)}"
            )
    return None


# Format rules first, then combinations, then what is not built yet, so that a
# message always names the most basic problem.
CHECKS: tuple[Callable[[Answers], str | None], ...] = (
    check_project_name,
    check_project_slug,
    check_package_name,
    check_author_email,
    check_roles,
    check_choices,
    check_booleans,
    check_state_backend_is_used,
    check_supported,
)


def first_error(answers: Answers) -> str | None:
    """Return the message of the first rule the answers break, if any."""
    for check in CHECKS:
        error = check(answers)
        if error is not None:
            return error
    return None


def read_answers() -> dict[str, Any]:
    answers: dict[str, Any] = json.loads(ANSWERS_JSON)
    return answers


def main() -> None:
    error = first_error(read_answers())
    if error is not None:
        sys.exit(f"ERROR: {error}")


if __name__ == "__main__":
    main()
