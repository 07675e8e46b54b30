"""The variant matrix bakes every value and every pair, from the template's data.

Nothing here lists prompts or values by hand: they come from cookiecutter.json,
the pre-gen hook's NOT_YET_SUPPORTED table and the feature manifest, so a new
prompt value fails these tests until the matrix bakes it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cookiecutter.main import cookiecutter

from tests.bakery import (
    MANIFEST_NAME,
    PACKAGE_FOLDER_NAMES,
    PROJECT_TEMPLATE_DIR,
    TEMPLATE_DIR,
    VALID_FREE_TEXT,
    load_hook,
    manifest,
    option_prompts,
    option_values,
    supported_values,
)
from tests.matrix import (
    RICHEST_CHOICES,
    Variant,
    accepted_combinations,
    is_accepted,
    is_boolean,
    matrix,
    pairs_of,
    reachable_pairs,
)

VARIANTS = matrix()


def covered_values() -> set[tuple[str, str]]:
    return {item for variant in VARIANTS for item in variant.answers.items()}


def named(name: str) -> Variant:
    return next(variant for variant in VARIANTS if variant.name == name)


def test_matrix_bakes_every_supported_value_of_every_option_prompt() -> None:
    missing = [
        f"{prompt}={value}"
        for prompt in option_prompts()
        for value in supported_values(prompt)
        if (prompt, value) not in covered_values()
    ]

    assert missing == []


def test_matrix_bakes_every_pair_of_values_an_accepted_answer_can_hold() -> None:
    covered = {pair for variant in VARIANTS for pair in pairs_of(variant.answers)}

    missing = sorted(reachable_pairs() - covered)

    assert missing == []


def test_every_variant_answers_every_option_prompt_and_is_accepted() -> None:
    incomplete = [v.id for v in VARIANTS if list(v.answers) != option_prompts()]
    refused = [variant.id for variant in VARIANTS if not is_accepted(variant.answers)]

    assert incomplete == []
    assert refused == []


def test_variant_ids_are_unique() -> None:
    ids = [variant.id for variant in VARIANTS]

    assert len(set(ids)) == len(ids)


def test_variant_ids_are_the_same_in_a_fresh_interpreter() -> None:
    # pytest-xdist workers collect separately: their ids must agree.
    script = (
        "import json; from tests.matrix import matrix; "
        "print(json.dumps([variant.id for variant in matrix()]))"
    )

    process = subprocess.run(
        [sys.executable, "-c", script],
        cwd=TEMPLATE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(process.stdout) == [variant.id for variant in VARIANTS]


def test_minimal_turns_every_feature_off() -> None:
    answers = named("minimal").answers

    switched_on = [
        prompt
        for prompt in option_prompts()
        if is_boolean(prompt) and answers[prompt] == "yes"
    ]

    assert switched_on == []
    assert answers["rbac"] == "none"


def test_everything_turns_every_supported_feature_on() -> None:
    answers = named("everything").answers

    left_off = [
        prompt
        for prompt in option_prompts()
        if is_boolean(prompt)
        and "yes" in supported_values(prompt)
        and answers[prompt] == "no"
    ]

    assert left_off == []


def test_everything_takes_the_richest_supported_choice() -> None:
    answers = named("everything").answers

    expected = {
        prompt: value
        for prompt, value in RICHEST_CHOICES.items()
        if value in supported_values(prompt)
    }

    assert {prompt: answers[prompt] for prompt in expected} == expected


def test_richest_choices_name_every_choice_prompt_with_an_offered_value() -> None:
    choices = [prompt for prompt in option_prompts() if not is_boolean(prompt)]

    assert sorted(RICHEST_CHOICES) == sorted(choices)
    assert all(
        value in option_values(prompt) for prompt, value in RICHEST_CHOICES.items()
    )


@pytest.mark.parametrize(
    "entry",
    manifest()["entries"],
    ids=[",".join(entry["paths"]) for entry in manifest()["entries"]],
)
def test_matrix_bakes_each_manifest_entry_both_kept_and_pruned(entry: dict) -> None:
    entry_holds = load_hook("post_gen_project").entry_holds
    prompts = option_prompts()
    possible = {
        entry_holds(entry, dict(zip(prompts, row, strict=True)))
        for row in accepted_combinations()
    }

    baked = {entry_holds(entry, variant.answers) for variant in VARIANTS}

    # An entry whose files no accepted answer keeps yet belongs to a value still
    # marked not yet supported; it joins the matrix when that value does.
    assert baked == possible


def rendered_path(template_file: Path, package: str) -> str:
    relative = template_file.relative_to(PROJECT_TEMPLATE_DIR).as_posix()
    for folder in PACKAGE_FOLDER_NAMES:
        relative = relative.replace(folder, package)
    return relative


def kept_by_no_accepted_answer(relative: str, package: str) -> bool:
    """Whether the file lies under a manifest path no accepted answer keeps."""
    entry_holds = load_hook("post_gen_project").entry_holds
    prompts = option_prompts()
    for entry in manifest()["entries"]:
        paths = [path.replace("{package}", package) for path in entry["paths"]]
        if not any(
            relative == path or relative.startswith(f"{path}/") for path in paths
        ):
            continue
        if not any(
            entry_holds(entry, dict(zip(prompts, row, strict=True)))
            for row in accepted_combinations()
        ):
            return True
    return False


def test_every_template_file_lands_in_some_bake(tmp_path: Path) -> None:
    package = VALID_FREE_TEXT["package_name"]
    baked: set[str] = set()
    for index, variant in enumerate(VARIANTS):
        project = Path(
            cookiecutter(
                str(TEMPLATE_DIR),
                no_input=True,
                extra_context={**VALID_FREE_TEXT, **variant.answers},
                output_dir=str(tmp_path / str(index)),
                default_config=True,
            )
        )
        baked |= {
            path.relative_to(project).as_posix()
            for path in project.rglob("*")
            if path.is_file()
        }

    never_baked = [
        relative
        for template_file in sorted(PROJECT_TEMPLATE_DIR.rglob("*"))
        if template_file.is_file() and template_file.name != MANIFEST_NAME
        for relative in [rendered_path(template_file, package)]
        if relative not in baked and not kept_by_no_accepted_answer(relative, package)
    ]

    assert never_baked == []
