"""`mission-tui` with the loader's file-size cap lifted, for benchmark stories bigger than the cap.

    python benchmarks/explorer_uncapped.py FILE [mission-tui options]

Used by run.py only when a generated story is larger than `loader.MAX_FILE_BYTES`; the table says so.
Everything else is the real command-line entry point.
"""

from __future__ import annotations

import sys

from mission_tui.story import loader

if __name__ == "__main__":
    loader.MAX_FILE_BYTES = 1 << 40
    from mission_tui.cli import main

    sys.argv = ["mission-tui", *sys.argv[1:]]
    raise SystemExit(main())
