"""mission-tui: a terminal explorer for news narratives."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mission-tui")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+source"
