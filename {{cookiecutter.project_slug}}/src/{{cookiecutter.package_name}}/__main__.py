"""Entry point of `python -m`: the command-line interface."""

from .cli import main

raise SystemExit(main())
