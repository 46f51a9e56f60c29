"""`python -m mission_tui` runs the same CLI as the `mission-tui` console script."""

from .cli import entry

raise SystemExit(entry())
