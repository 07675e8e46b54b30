"""The variants the meta-suite bakes, derived from cookiecutter.json and the hooks.

Every option prompt (a choice or a yes/no) takes part. The matrix is the named
variants `minimal` and `everything`, then pairwise rows from allpairspy so that
every pair of option values that some accepted combination holds is baked at
least once. Values the pre-gen hook lists as not yet supported take no part, so
the matrix grows by itself as that table shrinks; combinations the hook refuses
are never proposed. allpairspy has no randomness: the same inputs always give
the same rows, and so the same test ids (a meta-test checks that too).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from allpairspy import AllPairs

from tests.bakery import (
    VALID_FREE_TEXT,
    load_hook,
    option_prompts,
    option_values,
    supported_values,
)

Answers = dict[str, str]
OptionValue = tuple[str, str]
Pair = tuple[OptionValue, OptionValue]

# The value each choice prompt takes in `everything`: the one that bakes the most
# code. A meta-test fails when a choice prompt is missing here.
RICHEST_CHOICES = {
    "jwt_algorithm": "RS256",
    "rbac": "permissions",
    "state_backend": "redis",
    "database": "postgresql",
    "auth_integration": "middleware",
}
# The value a choice prompt takes in `minimal` when it offers a way to turn its
# feature off; other choice prompts keep their default there.
OFF_VALUE = "none"


@dataclass(frozen=True)
class Variant:
    """A named set of option answers; free text stays at VALID_FREE_TEXT."""

    name: str
    answers: Mapping[str, str]

    @property
    def id(self) -> str:
        return self.name

    def uses(self, prompt: str, value: str) -> bool:
        return self.answers[prompt] == value


def is_boolean(prompt: str) -> bool:
    return set(option_values(prompt)) == {"yes", "no"}


def defaults() -> Answers:
    """Every option prompt at its default."""
    return {prompt: option_values(prompt)[0] for prompt in option_prompts()}


def is_accepted(answers: Mapping[str, str]) -> bool:
    """Whether the pre-gen hook lets these option answers bake."""
    first_error = load_hook("pre_gen_project").first_error
    return first_error({**VALID_FREE_TEXT, **defaults(), **answers}) is None


@functools.cache
def accepted_combinations() -> tuple[tuple[str, ...], ...]:
    """Every combination of supported option values that pre-gen accepts.

    Rows hold the values in option_prompts() order. The full product is a few
    thousand rows, cheap enough to list outright.
    """
    prompts = option_prompts()
    product = itertools.product(*(supported_values(prompt) for prompt in prompts))
    return tuple(
        row for row in product if is_accepted(dict(zip(prompts, row, strict=True)))
    )


def pairs_of(answers: Mapping[str, str]) -> set[Pair]:
    """Every pair of option values that one set of answers holds."""
    items = sorted(answers.items())
    return set(itertools.combinations(items, 2))


@functools.cache
def reachable_pairs() -> frozenset[Pair]:
    """The pairs of option values that some accepted combination holds."""
    prompts = option_prompts()
    return frozenset(
        pair
        for row in accepted_combinations()
        for pair in pairs_of(dict(zip(prompts, row, strict=True)))
    )


@functools.cache
def accepted_prefixes() -> frozenset[tuple[str, ...]]:
    return frozenset(
        row[:length]
        for row in accepted_combinations()
        for length in range(1, len(row) + 1)
    )


def can_complete(partial_row: list[Any]) -> bool:
    """allpairspy's filter: keep a partial row only if it can still be accepted."""
    return tuple(partial_row) in accepted_prefixes()


def first_accepted(preferences: Iterable[Answers]) -> Answers:
    """The first of the candidate answers that pre-gen accepts."""
    for answers in preferences:
        if is_accepted(answers):
            return answers
    msg = "no candidate is accepted by the pre-gen hook"
    raise ValueError(msg)


def falling_back(wanted: Answers) -> list[Answers]:
    """The wanted answers, then ever more of them put back to their defaults."""
    candidates = [wanted]
    current = dict(wanted)
    for prompt in option_prompts():
        current = {**current, prompt: defaults()[prompt]}
        candidates.append(current)
    return candidates


def supported_or_default(prompt: str, value: str) -> str:
    return value if value in supported_values(prompt) else defaults()[prompt]


def minimal() -> Variant:
    """Every feature off: yes/no prompts say no, 'none' where a choice offers it."""
    wanted = {}
    for prompt in option_prompts():
        if is_boolean(prompt):
            wanted[prompt] = "no"
        elif OFF_VALUE in option_values(prompt):
            wanted[prompt] = supported_or_default(prompt, OFF_VALUE)
        else:
            wanted[prompt] = defaults()[prompt]
    return Variant("minimal", first_accepted(falling_back(wanted)))


def everything() -> Variant:
    """Every supported feature on, each choice at its richest supported value."""
    wanted = {
        prompt: supported_or_default(
            prompt, "yes" if is_boolean(prompt) else RICHEST_CHOICES[prompt]
        )
        for prompt in option_prompts()
    }
    return Variant("everything", first_accepted(falling_back(wanted)))


def label(answers: Mapping[str, str]) -> str:
    """The answers that differ from the defaults, short: `RS256,postgresql,docker`."""
    changed = [
        prompt.removeprefix("use_") if is_boolean(prompt) else value
        for prompt, value in answers.items()
        if value != defaults()[prompt]
    ]
    return ",".join(changed) or "defaults"


def pairwise_rows() -> list[Answers]:
    prompts = option_prompts()
    generator = AllPairs(
        [supported_values(prompt) for prompt in prompts], filter_func=can_complete
    )
    return [dict(zip(prompts, row, strict=True)) for row in generator]


def top_up(rows: list[Answers]) -> list[Answers]:
    """Add accepted combinations until every reachable pair is covered.

    allpairspy covers them all on its own so far; this keeps the promise should a
    future constraint leave it a pair short.
    """
    prompts = option_prompts()
    missing = set(reachable_pairs()) - {pair for row in rows for pair in pairs_of(row)}
    while missing:
        best = max(
            accepted_combinations(),
            key=lambda row: len(
                missing & pairs_of(dict(zip(prompts, row, strict=True)))
            ),
        )
        answers = dict(zip(prompts, best, strict=True))
        rows.append(answers)
        missing -= pairs_of(answers)
    return rows


@functools.cache
def matrix() -> tuple[Variant, ...]:
    """minimal, everything, then the numbered pairwise rows not already named."""
    named = [minimal(), everything()]
    rows = [
        row
        for row in top_up(pairwise_rows())
        if all(dict(row) != dict(variant.answers) for variant in named)
    ]
    width = len(str(len(rows)))
    numbered = [
        Variant(f"pairwise-{index:0{width}d}-{label(row)}", row)
        for index, row in enumerate(rows, start=1)
    ]
    return (*named, *numbered)


def stateful_extras() -> tuple[Variant, ...]:
    """Each stateful feature alone on each backend, and all of them in memory.

    Pairs never bake a lone feature on a backend, which is where one feature could
    lean on another by mistake; these go through every check the matrix does,
    their own test run included.
    """
    features = load_hook("pre_gen_project").STATEFUL_FEATURES
    backends = supported_values("state_backend")
    wanted = {
        f"{feature}-alone-{backend}": {feature: "yes", "state_backend": backend}
        for backend in backends
        for feature in features
    }
    wanted["stateful-all-memory"] = {
        **dict.fromkeys(features, "yes"),
        "state_backend": "memory",
    }
    taken = [dict(variant.answers) for variant in matrix()]
    extras = []
    for name, answers in wanted.items():
        full = {**defaults(), **answers}
        if is_accepted(full) and full not in taken:
            extras.append(Variant(name, full))
            taken.append(full)
    return tuple(extras)
