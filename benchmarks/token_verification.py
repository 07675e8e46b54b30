"""Tokens verified per second: the service's own path next to bare PyJWT.

Bakes one project per signing algorithm into a temporary folder, installs each
into its own environment with uv, and inside it times two loops over the same
valid access token:

- service: `TokenService.decode_access_token`, every check the routes rely on
  (key lookup by `kid`, signature, exp/iat/iss/aud, typ, claim types);
- bare: `jwt.decode` with the preloaded verification key, the pinned algorithm,
  audience and issuer.

It prints both rates and their ratio. Run it from the template root:

    uv run python benchmarks/token_verification.py [--seconds 1.0]
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
ALGORITHMS = ("HS256", "RS256", "ES256", "EdDSA")
PACKAGE = "bench_service"

# Runs inside each baked project's environment; prints one JSON line.
MEASURE = """
import json, secrets, sys, tempfile, time
from pathlib import Path
from types import SimpleNamespace

import jwt

from bench_service.auth import keys as keys_module
from bench_service.auth.roles import Role
from bench_service.auth.tokens import TokenService
from bench_service.config import Settings

seconds = float(sys.argv[1])
if keys_module.ALGORITHM == "HS256":
    key_settings = {"jwt_secret_key": secrets.token_urlsafe(64)}
else:
    folder = Path(tempfile.mkdtemp())
    private, public = keys_module.write_key_pair(folder)
    key_settings = {"jwt_private_key_file": private, "jwt_public_key_file": public}
settings = Settings(_env_file=None, **key_settings)
keys = keys_module.load_keys(settings)
service = TokenService(settings, keys)
token = service.issue_access_token(SimpleNamespace(id=1, role=list(Role)[0])).token
key = keys.verification_key_for(token)


def service_path():
    service.decode_access_token(token)


def bare_pyjwt():
    jwt.decode(
        token,
        key,
        algorithms=[keys.algorithm],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )


# Calls per CPU-second over one slice: CPU time shrugs off other load.
def rate(function):
    count, started = 0, time.process_time()
    while (elapsed := time.process_time() - started) < seconds / ROUNDS:
        for _ in range(50):
            function()
        count += 50
    return count / elapsed


ROUNDS = 7
for _ in range(200):
    service_path()
    bare_pyjwt()
best = {"service": 0.0, "bare": 0.0}
# Interleaved rounds, so that both loops see the same machine conditions.
for _ in range(ROUNDS):
    best["service"] = max(best["service"], rate(service_path))
    best["bare"] = max(best["bare"], rate(bare_pyjwt))
print(json.dumps(best))
"""


def bake(algorithm: str, output: Path) -> Path:
    project = cookiecutter(
        str(TEMPLATE_DIR),
        no_input=True,
        output_dir=str(output),
        extra_context={
            "project_slug": f"bench-{algorithm.lower()}",
            "package_name": PACKAGE,
            "jwt_algorithm": algorithm,
        },
    )
    return Path(project)


def measure(project: Path, seconds: float) -> dict[str, float]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"}
    }
    # S603/S607: fixed argument lists naming uv, resolved from PATH like a shell.
    subprocess.run(
        ["uv", "sync", "--quiet", "--no-dev"],  # noqa: S607
        cwd=project,
        env=env,
        check=True,
    )
    result = subprocess.run(  # noqa: S603
        ["uv", "run", "--no-sync", "python", "-c", MEASURE, str(seconds)],  # noqa: S607
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    rates: dict[str, float] = json.loads(result.stdout)
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=1.0, help="timing per loop (default 1.0)"
    )
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for algorithm in ALGORITHMS:
            rates = measure(bake(algorithm, Path(folder)), args.seconds)
            rows.append((algorithm, rates["service"], rates["bare"]))

    out = sys.stdout
    out.write(f"{'algorithm':<10}{'service/s':>12}{'bare PyJWT/s':>14}{'ratio':>8}\n")
    for algorithm, service, bare in rows:
        out.write(
            f"{algorithm:<10}{service:>12,.0f}{bare:>14,.0f}{bare / service:>8.2f}\n"
        )
    out.write("ratio = bare rate / service rate: the slowdown of the service path.\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
