"""The built wheel works on its own: installed into a fresh venv, `mission-tui check` finds the bundled
story (and the seed its quotes are verified against) inside the package, from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 600


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    output = f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert done.returncode == 0, f"{cmd} failed ({done.returncode}):\n{output}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    cwd = tmp_path_factory.mktemp("build-cwd")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
          str(REPO)], cwd)
    (built,) = out.glob("mission_tui-*.whl")
    return built


def test_wheel_contains_the_bundled_story_and_seeds(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "mission_tui/bundled/data/iraq-transition.toml" in names
    seeds = sorted(p.name for p in (REPO / "seeds").iterdir() if p.is_file())
    assert seeds, "the repo has seed texts"
    for seed in seeds:
        assert f"mission_tui/bundled/seeds/{seed}" in names
    assert "mission_tui/cli.py" in names and "mission_tui/story/models.py" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "mission-tui = mission_tui.cli:entry" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_installed_wheel_checks_the_bundled_story(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    python = venv / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)], tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = _run([str(venv / "bin" / "mission-tui"), "check"], elsewhere)
    story = tomllib.loads((REPO / "data" / "iraq-transition.toml").read_text(encoding="utf-8"))
    title = story["story"]["title"]
    assert title in done.stdout
    assert "is valid" in done.stdout
    assert [line for line in done.stderr.splitlines() if ": warning: " not in line] == []
    # It read the copy inside the installed package, not the source tree's data/.
    assert "site-packages" in done.stdout and str(REPO / "data") not in done.stdout

    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    done = _run([str(python), "-m", "mission_tui", "--version"], elsewhere)
    assert done.stdout == f"mission-tui {version}\n"
