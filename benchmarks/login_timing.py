"""Login time for an unknown username next to a wrong password for a real one.

A login that answered faster for unknown usernames would tell an attacker which
usernames exist, whatever the response body says. The service spends one Argon2
verification on a dummy hash for unknown usernames; this script checks that the
two failures take the same time.

It bakes the default project into a temporary folder, installs it with uv,
creates a user with the project's own CLI, and inside the project's environment
times interleaved failed logins through the application (in process, so the
network adds no noise). It prints both medians and their ratio, and exits 1 when
the ratio leaves 0.8 to 1.25. Run it from the template root:

    uv run python benchmarks/login_timing.py [--rounds 60]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cookiecutter.main import cookiecutter

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
PACKAGE = "bench_service"
USERNAME = "alice"
# A throwaway account in a throwaway bake.
PASSWORD = "correct horse battery staple"  # noqa: S105
LOWEST, HIGHEST = 0.8, 1.25

# Runs inside the baked project's environment; prints one JSON line.
MEASURE = """
import json, statistics, sys, time

from fastapi.testclient import TestClient

from bench_service.app import create_app

rounds = int(sys.argv[1])
attempts = {
    "unknown user": {"username": "nobody-by-this-name", "password": "wrong password!"},
    "wrong password": {"username": "alice", "password": "wrong password!"},
}
timings = {name: [] for name in attempts}
with TestClient(create_app()) as client:
    for form in attempts.values():
        for _ in range(3):
            client.post("/auth/token", data=form)
    # Interleaved, so that both kinds see the same machine conditions.
    for _ in range(rounds):
        for name, form in attempts.items():
            started = time.perf_counter()
            response = client.post("/auth/token", data=form)
            timings[name].append(time.perf_counter() - started)
            assert response.status_code == 401, response.text
print(json.dumps({name: statistics.median(times) for name, times in timings.items()}))
"""


def bake(output: Path) -> Path:
    project = cookiecutter(
        str(TEMPLATE_DIR),
        no_input=True,
        output_dir=str(output),
        extra_context={"project_slug": "bench-login", "package_name": PACKAGE},
    )
    return Path(project)


def in_project(
    project: Path, *command: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"}
    }
    # S603/S607: fixed argument lists naming uv, resolved from PATH like a shell.
    result = subprocess.run(  # noqa: S603
        ["uv", "run", "--no-sync", *command],  # noqa: S607
        cwd=project,
        env=env,
        input=stdin,
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        msg = f"{' '.join(command[:4])} failed:\n{result.stderr}"
        raise SystemExit(msg)
    return result


def measure(project: Path, rounds: int) -> dict[str, float]:
    # The dev group holds the test client the measurement drives the app with.
    subprocess.run(["uv", "sync", "--quiet"], cwd=project, check=True)  # noqa: S607
    in_project(
        project,
        *("python", "-m", PACKAGE, "create-user", USERNAME),
        *("--role", "user", "--password-stdin"),
        stdin=PASSWORD + "\n",
    )
    result = in_project(project, "python", "-c", MEASURE, str(rounds))
    medians: dict[str, float] = json.loads(result.stdout)
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="attempts of each kind")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        medians = measure(bake(Path(folder)), args.rounds)

    unknown, wrong = medians["unknown user"], medians["wrong password"]
    ratio = unknown / wrong
    verdict = "ok" if LOWEST <= ratio <= HIGHEST else "OUT OF RANGE"
    out = sys.stdout
    out.write(f"failed logins, {args.rounds} of each kind, interleaved\n")
    out.write(f"{'unknown user':<16}median {unknown * 1000:8.1f} ms\n")
    out.write(f"{'wrong password':<16}median {wrong * 1000:8.1f} ms\n")
    out.write(
        f"ratio unknown / wrong: {ratio:.2f} "
        f"(must stay within {LOWEST} to {HIGHEST}): {verdict}\n"
    )
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    raise SystemExit(main())
