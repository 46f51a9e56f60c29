"""What every workaround in this package shares: the versions it was written for, and its switch."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WRITTEN_FOR = {"textual": "8.2.8", "rich": "15.0.0"}
"""The only versions whose private names the patches here were written against (and tested on)."""

STOCK_ENV = "MISSION_TUI_STOCK_TEXTUAL"
"""Set to 1: install nothing; the app runs on stock Textual (more bytes per frame, same behaviour)."""

OFF_ENV = "MISSION_TUI_COMPAT_OFF"
"""Comma-separated patch names to leave off (e.g. `output,borders`): how each is measured."""


@dataclass(eq=False)
class Patch:
    """One workaround's switch. Helpers read `active` on every call, so turning a patch off puts them
    back on their public-API path at once. `apply`/`revert`: for a patch that replaces something
    process-wide (a Textual method), run when it is turned on and off."""

    name: str
    apply: Callable[[], None] | None = None
    revert: Callable[[], None] | None = None
    active: bool = False

    def __bool__(self) -> bool:
        return self.active

    def turn_on(self) -> None:
        if not self.active:
            if self.apply is not None:
                self.apply()
            self.active = True

    def turn_off(self) -> None:
        if self.active:
            if self.revert is not None:
                self.revert()
            self.active = False


def installed_version(package: str) -> str | None:
    """The installed version of `package`, if it is the one the patches expect; None otherwise.

    Looks for pip's `<name>-<version>.dist-info` beside the package (a stat, not the ~30-80 ms that
    importlib.metadata takes on a cold start), and asks importlib.metadata only if that is missing.
    """
    import importlib.util

    spec = importlib.util.find_spec(package)
    wanted = WRITTEN_FOR[package]
    if spec is not None and spec.origin is not None:
        site = Path(spec.origin).parent.parent
        if (site / f"{package}-{wanted}.dist-info").is_dir():
            return wanted
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def stock_reason(environ: Mapping[str, str] | None = None) -> str | None:
    """Why nothing may be patched (the environment asks for stock Textual, or the versions differ);
    None when the patches may be installed."""
    env = os.environ if environ is None else environ
    if env.get(STOCK_ENV, "").strip() not in ("", "0"):
        return f"{STOCK_ENV} is set"
    for package, wanted in WRITTEN_FOR.items():
        found = installed_version(package)
        if found != wanted:
            return f"{package} {found or 'not found'} installed; the patches were written for {wanted}"
    return None


def switched_off(environ: Mapping[str, str] | None = None) -> set[str]:
    env = os.environ if environ is None else environ
    return {name.strip() for name in env.get(OFF_ENV, "").split(",") if name.strip()}


@dataclass(eq=False)
class Replaced:
    """A method of a framework class replaced process-wide while its patch is on. `stock` is the
    class's own method (kept from the first time the patch is turned on), for the replacement to call."""

    owner: type
    name: str
    replacement: Callable[..., Any]
    stock: Callable[..., Any] | None = None

    def apply(self) -> None:
        if self.stock is None:
            self.stock = self.owner.__dict__[self.name]
        setattr(self.owner, self.name, self.replacement)

    def revert(self) -> None:
        if self.stock is not None:
            setattr(self.owner, self.name, self.stock)


def replacing(name: str, *methods: Replaced) -> Patch:
    """A patch that is exactly these methods replaced while it is on."""

    def apply() -> None:
        for method in methods:
            method.apply()

    def revert() -> None:
        for method in methods:
            method.revert()

    return Patch(name, apply=apply, revert=revert)
