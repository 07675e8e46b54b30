"""The hooks read every answer intact and agree with cookiecutter.json."""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

import pytest
from cookiecutter.environment import StrictEnvironment

from tests.bakery import HOOKS_DIR, cookiecutter_json, load_hook

HOOK_NAMES = ["pre_gen_project", "post_gen_project"]
JINJA_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%|\{#")

HOSTILE_CONTEXT: dict[str, Any] = {
    "project_name": "Ünïcødé 'single' \"double\" ''' \"\"\" \\ \\\\ end\\",
    "description": "line one\nline two\r\n\ttab \u2028 \x00 </script> & <b>",
    "author_name": "O'Brien \\\" {{ not a template }} ${x} %s",
    "roles": "admin,user",
    "use_docker": False,
    "_checkout": None,
}


def render(hook_name: str, context: dict[str, Any]) -> ModuleType:
    """Render a hook as cookiecutter does and import the result."""
    source = (HOOKS_DIR / f"{hook_name}.py").read_text(encoding="utf-8")
    environment = StrictEnvironment(context={"cookiecutter": context})
    rendered = environment.from_string(source).render(cookiecutter=context)
    module = ModuleType(f"rendered_{hook_name}")
    # S102: exec runs our own hook, rendered from a fixed test context.
    exec(compile(rendered, f"{hook_name}.py", "exec"), module.__dict__)  # noqa: S102
    return module


@pytest.mark.parametrize("hook_name", HOOK_NAMES, ids=HOOK_NAMES)
def test_rendered_hook_reads_hostile_answers_intact(hook_name: str) -> None:
    module = render(hook_name, HOSTILE_CONTEXT)

    assert module.read_answers() == HOSTILE_CONTEXT


@pytest.mark.parametrize("hook_name", HOOK_NAMES, ids=HOOK_NAMES)
def test_hook_holds_only_the_answers_expression(hook_name: str) -> None:
    source = (HOOKS_DIR / f"{hook_name}.py").read_text(encoding="utf-8")

    assert JINJA_SYNTAX.findall(source) == ["{{ cookiecutter | tojson }}"]


def test_pre_gen_choices_match_cookiecutter_json() -> None:
    choices = {
        key: tuple(value)
        for key, value in cookiecutter_json().items()
        if isinstance(value, list) and not key.startswith("_")
    }

    assert choices == load_hook("pre_gen_project").CHOICES


def test_pre_gen_boolean_prompts_match_cookiecutter_json() -> None:
    booleans = tuple(
        key for key, value in cookiecutter_json().items() if isinstance(value, bool)
    )

    assert booleans == load_hook("pre_gen_project").BOOLEAN_PROMPTS


def test_not_yet_supported_values_are_offered_values() -> None:
    pre_gen = load_hook("pre_gen_project")
    offered = {
        **pre_gen.CHOICES,
        **dict.fromkeys(pre_gen.BOOLEAN_PROMPTS, ("yes", "no")),
    }

    strays = [
        f"{prompt}={value}"
        for prompt, values in pre_gen.NOT_YET_SUPPORTED.items()
        for value in values
        if value not in offered.get(prompt, ())
    ]

    assert strays == []


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        "yes",
        "No",
        " y ",
        "N",
        "true",
        "FALSE",
        "1",
        "0",
        "maybe",
        "",
        None,
    ],
    ids=repr,
)
def test_hooks_spell_booleans_alike(value: object) -> None:
    pre_gen, post_gen = load_hook("pre_gen_project"), load_hook("post_gen_project")

    assert pre_gen.as_yes_no(value) == post_gen.as_yes_no(value)
