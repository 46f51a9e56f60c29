"""mission-tui: a terminal explorer for news narratives."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__` on demand: importlib.metadata costs ~25 ms of start-up that most runs never use."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("mission-tui")
        except PackageNotFoundError:  # running from a source tree without an install
            return "0.0.0+source"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
