"""Peak memory is the process's own, not its parent's (a real child process)."""

from __future__ import annotations

import subprocess
import sys

from newsfuse.memory import peak_rss_mb


def test_a_child_of_a_large_process_reports_its_own_peak():
    ballast = bytearray(400 * 1024 * 1024)
    for i in range(0, len(ballast), 4096):  # touch every page: resident, not just reserved
        ballast[i] = 1
    assert peak_rss_mb() >= 400
    child = subprocess.run(
        [sys.executable, "-c", "from newsfuse.memory import peak_rss_mb; print(peak_rss_mb())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert 0 < float(child.stdout) < 200
    del ballast
