"""Bandit finds nothing of medium or high severity in any baked variant."""

from __future__ import annotations

import json
import sys

from pytest_cookies.plugin import Result

from tests.bakery import run, tail


def test_bake_has_no_medium_or_high_bandit_finding(variant_bake: Result) -> None:
    command = [sys.executable, "-m", "bandit", "--recursive", ".", "--quiet"]

    process = run(
        [*command, "--severity-level", "medium", "--format", "json"],
        cwd=variant_bake.project_path,
    )
    report = json.loads(process.stdout or "{}")

    assert report.get("errors") == [], tail(process)
    assert report["metrics"]["_totals"]["loc"] > 0, "bandit scanned no code"
    findings = [
        f"{found['filename']}:{found['line_number']} {found['test_id']} "
        f"{found['issue_severity']}: {found['issue_text']}"
        for found in report["results"]
    ]
    assert findings == []
