"""Login flood: the per-username limit holds across two workers sharing Redis.

Bakes the project with rate_limiting=yes and state_backend=redis (or takes one
already baked, with --project), installs it with uv, creates one user and starts
the service as two uvicorn processes on loopback ports that share one Redis and
one SQLite database. Then 20 concurrent clients send 500 logins with a wrong
password for that user, alternating between the workers and each claiming its own
client address (X-Forwarded-For, which the workers trust from loopback only), so
that only the per-username limit can stop them. It prints the answers by status
and by worker, and fails unless none is a 5xx and at most the configured number
of attempts got past the limiter (answered 200 or 401). Then it waits for the
window to move on and shows that the right password works again.

Run it from the template root, with a Redis at REDIS_URL (default
redis://127.0.0.1:6379/0):

    uv run python benchmarks/login_flood.py [--limit 10] [--window 15]

Every request goes to 127.0.0.1; the flood sends exactly --requests requests,
each with a timeout, under an overall deadline, then stops.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
THIS_FILE = Path(__file__).resolve()
PACKAGE = "flood_service"
USERNAME = "flood-target"
# The passwords of a throwaway user in a throwaway database.
PASSWORD = "the right password, at last"  # noqa: S105
WRONG_PASSWORD = "a wrong password, again"  # noqa: S105
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
STARTUP_SECONDS = 60
REQUEST_TIMEOUT_SECONDS = 30
FLOOD_DEADLINE_SECONDS = 300
# TEST-NET-1 (RFC 5737): addresses for documentation, never routed. They only
# appear in a header here; every connection goes to 127.0.0.1.
CLIENT_ADDRESS_PREFIX = "192.0.2."


def main() -> None:
    args = parse_args()
    if args.role == "flood":
        report = asyncio.run(flood(args))
        sys.stdout.write(json.dumps(report) + "\n")
    elif args.role == "forget":
        forget_keys(args.redis_url, args.prefix)
    else:
        orchestrate(args)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, help="a baked project to use")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--limit", type=int, default=10, help="attempts per window")
    parser.add_argument("--window", type=int, default=15, help="window in seconds")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    )
    # The parts that run inside the baked project's environment.
    parser.add_argument("--role", choices=["flood", "forget"], help=argparse.SUPPRESS)
    parser.add_argument("--urls", nargs="*", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--password", default=WRONG_PASSWORD, help=argparse.SUPPRESS)
    parser.add_argument("--prefix", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- The orchestrator: runs in the template's environment --------------------


def orchestrate(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="login-flood-") as scratch:
        folder = Path(scratch)
        project = args.project.resolve() if args.project else bake(folder)
        package = package_of(project)
        say(f"project: {project} (package {package})")
        uv(project, "sync", "--quiet")

        prefix = f"login-flood-{uuid.uuid4().hex}:"
        env = service_env(args, folder, prefix)
        create_user(project, package, env)
        workers = [start_worker(project, package, env, folder) for _ in range(2)]
        try:
            urls = [wait_until_healthy(port, process) for port, process in workers]
            run_flood_and_recovery(args, project, urls)
        finally:
            for _, process in workers:
                process.terminate()
            for _, process in workers:
                process.wait(timeout=10)
            in_project(project, "--role", "forget", "--prefix", prefix, env=env)


def bake(folder: Path) -> Path:
    from cookiecutter.main import cookiecutter  # the template env only

    say("baking the redis variant with rate limiting ...")
    return Path(
        cookiecutter(
            str(TEMPLATE_DIR),
            no_input=True,
            output_dir=str(folder),
            extra_context={
                "project_slug": "flood-service",
                "package_name": PACKAGE,
                "rate_limiting": "yes",
                "state_backend": "redis",
            },
        )
    )


def package_of(project: Path) -> str:
    [package] = [path.parent.name for path in (project / "src").glob("*/__init__.py")]
    return package


def service_env(args: argparse.Namespace, folder: Path, prefix: str) -> dict[str, str]:
    """The workers' settings; the bake's .env still supplies the signing key."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'flood.db'}",
        "REDIS_URL": args.redis_url,
        "REDIS_KEY_PREFIX": prefix,
        "LOGIN_RATE_LIMIT_PER_USERNAME": f"{args.limit}/{args.window}seconds",
        # High, so that only the per-username limit binds.
        "LOGIN_RATE_LIMIT_PER_CLIENT": "100000/minute",
    }


def create_user(project: Path, package: str, env: dict[str, str]) -> None:
    role = run(
        [
            *uv_run(project),
            "python",
            "-c",
            f"from {package}.auth.roles import TOP_ROLE; print(TOP_ROLE.value)",
        ],
        cwd=project,
        env=env,
    ).stdout.strip()
    run(
        [
            *uv_run(project),
            "python",
            "-m",
            package,
            "create-user",
            USERNAME,
            "--role",
            role,
            "--password-stdin",
        ],
        cwd=project,
        env=env,
        stdin=PASSWORD + "\n",
    )


def start_worker(
    project: Path, package: str, env: dict[str, str], folder: Path
) -> tuple[int, subprocess.Popen[bytes]]:
    port = free_port()
    command = [
        *uv_run(project),
        "uvicorn",
        f"{package}.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        # Trust X-Forwarded-For from loopback only: the flood's clients name
        # their own addresses that way.
        "--proxy-headers",
        "--forwarded-allow-ips",
        "127.0.0.1",
    ]
    with (folder / f"worker-{port}.log").open("wb") as log:
        # A fixed command built here, run without a shell.
        process = subprocess.Popen(  # noqa: S603
            command, cwd=project, env=env, stdout=log, stderr=log
        )
    return port, process


def wait_until_healthy(port: int, process: subprocess.Popen[bytes]) -> str:
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the worker on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return url
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the worker on port {port} did not start in {STARTUP_SECONDS}s")


def run_flood_and_recovery(
    args: argparse.Namespace, project: Path, urls: list[str]
) -> None:
    say(
        f"flood: {args.requests} logins with a wrong password for one user, "
        f"{args.concurrency} concurrent clients, 2 workers, limit "
        f"{args.limit} per {args.window}s"
    )
    report = run_in_project(
        args, project, "--role", "flood", "--urls", *urls, "--password", WRONG_PASSWORD
    )
    print_report(report)

    statuses = Counter({int(code): n for code, n in report["statuses"].items()})
    past_limiter = statuses[200] + statuses[401]
    failures = []
    if any(code >= 500 for code in statuses) or report["errors"]:
        failures.append("some requests failed or answered 5xx")
    if past_limiter > args.limit:
        failures.append(f"{past_limiter} attempts got past a limit of {args.limit}")
    if statuses[429] and report["retry_after"]["min"] < 1:
        failures.append("a 429 came without a usable Retry-After")
    if report["elapsed_seconds"] >= args.window:
        failures.append("the flood outlasted the window, so the bound is not tested")

    say(f"waiting {args.window + 1}s for the window to move on ...")
    time.sleep(args.window + 1)
    after = run_in_project(
        args,
        project,
        "--role",
        "flood",
        "--urls",
        urls[1],
        "--password",
        PASSWORD,
        "--requests",
        "1",
        "--concurrency",
        "1",
    )
    say(f"after the window: the right password answers {dict(after['statuses'])}")
    if after["statuses"] != {"200": 1}:
        failures.append("the right password did not work after the window")

    if failures:
        sys.exit("FAILED: " + "; ".join(failures))
    say(f"OK: {past_limiter} of {args.requests} attempts passed the limiter")


def run_in_project(
    args: argparse.Namespace, project: Path, *role_args: str
) -> dict[str, Any]:
    options = ["--requests", str(args.requests), "--concurrency", str(args.concurrency)]
    output = in_project(project, *options, *role_args)
    report: dict[str, Any] = json.loads(output.splitlines()[-1])
    return report


def in_project(
    project: Path, *arguments: str, env: dict[str, str] | None = None
) -> str:
    """Run this file in the baked project's environment, where httpx2 lives."""
    command = [*uv_run(project), "python", str(THIS_FILE), *arguments]
    return run(command, cwd=project, env=env).stdout


def run(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run a command, exiting with its output when it fails."""
    # Fixed commands built in this file, run without a shell.
    process = subprocess.run(  # noqa: S603
        command, cwd=cwd, env=env, input=stdin, capture_output=True, text=True
    )
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stdout}{process.stderr}")
    return process


def print_report(report: dict[str, Any]) -> None:
    elapsed = report["elapsed_seconds"]
    total = sum(report["statuses"].values()) + report["errors"]
    say(f"  {total} requests in {elapsed:.2f}s ({total / elapsed:.0f} per second)")
    for code, count in sorted(report["statuses"].items()):
        say(f"  {code}: {count}")
    if report["errors"]:
        say(f"  transport errors: {report['errors']}")
    for url, statuses in sorted(report["by_worker"].items()):
        say(f"  {url}: {dict(sorted(statuses.items()))}")
    if report["retry_after"]["count"]:
        low, high = report["retry_after"]["min"], report["retry_after"]["max"]
        say(f"  Retry-After on 429: {low}..{high}s")


def uv(project: Path, *arguments: str) -> None:
    run([uv_executable(), *arguments], cwd=project)


def uv_run(project: Path) -> list[str]:
    return [uv_executable(), "run", "--no-sync", "--project", str(project)]


def uv_executable() -> str:
    return os.environ.get("UV", "uv")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# --- The flood and the clean-up: run in the baked project's environment -------


async def flood(args: argparse.Namespace) -> dict[str, Any]:
    import httpx2  # in the bake's env only

    attempts = iter(range(args.requests))
    statuses: Counter[str] = Counter()
    by_worker: dict[str, Counter[str]] = {url: Counter() for url in args.urls}
    retry_after: list[int] = []
    errors = 0

    async def client(number: int, http: httpx2.AsyncClient) -> None:
        nonlocal errors
        headers = {"X-Forwarded-For": f"{CLIENT_ADDRESS_PREFIX}{number + 1}"}
        # One shared iterator: the clients together send exactly args.requests.
        for attempt in attempts:
            url = args.urls[attempt % len(args.urls)]
            form = {"username": USERNAME, "password": args.password}
            try:
                r = await http.post(f"{url}/auth/token", data=form, headers=headers)
            except httpx2.HTTPError:
                errors += 1
                continue
            statuses[str(r.status_code)] += 1
            by_worker[url][str(r.status_code)] += 1
            if r.status_code == 429:
                retry_after.append(int(r.headers.get("retry-after", "0")))

    started = time.monotonic()
    async with (
        httpx2.AsyncClient(timeout=REQUEST_TIMEOUT_SECONDS) as http,
        asyncio.timeout(FLOOD_DEADLINE_SECONDS),
    ):
        await asyncio.gather(*(client(n, http) for n in range(args.concurrency)))
    elapsed = time.monotonic() - started

    return {
        "elapsed_seconds": elapsed,
        "statuses": dict(statuses),
        "errors": errors,
        "by_worker": {url: dict(counts) for url, counts in by_worker.items()},
        "retry_after": {
            "count": len(retry_after),
            "min": min(retry_after, default=0),
            "max": max(retry_after, default=0),
        },
    }


def forget_keys(redis_url: str, prefix: str) -> None:
    """Delete what the run left in Redis; it would expire, but not at once."""
    import redis  # in the bake's env only

    with redis.Redis.from_url(redis_url) as client:
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)


if __name__ == "__main__":
    main()
