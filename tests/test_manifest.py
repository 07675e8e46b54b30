"""The feature manifest names real prompts, real values and real paths."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.bakery import (
    manifest,
    manifest_paths,
    option_values,
    prompts,
    template_path,
)

ENTRIES = manifest()["entries"]
PATHS = manifest_paths()


def conditions(entry: dict) -> list[tuple[str, list[str]]]:
    """Every (prompt, values) test of an entry, from 'when' and 'when_any'."""
    return [
        test for kind in ("when", "when_any") for test in entry.get(kind, {}).items()
    ]


@pytest.mark.parametrize("path", PATHS, ids=PATHS)
def test_manifest_path_exists_in_template(path: str) -> None:
    assert template_path(path) is not None, f"{path} is not in the template"


def test_manifest_lists_each_path_once() -> None:
    repeated = [path for path, count in Counter(PATHS).items() if count > 1]

    assert repeated == []


@pytest.mark.parametrize(
    "entry", ENTRIES, ids=[",".join(entry["paths"]) for entry in ENTRIES]
)
def test_manifest_entry_has_conditions_of_known_prompts_and_values(
    entry: dict,
) -> None:
    assert "when" in entry or "when_any" in entry
    assert all(entry.get(kind, True) for kind in ("when", "when_any"))
    unknown = [
        f"{prompt}={value}"
        for prompt, values in conditions(entry)
        for value in values
        if prompt not in prompts() or value not in option_values(prompt)
    ]
    assert unknown == []
