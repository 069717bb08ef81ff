"""memory: the peak resident memory of this process, as ``newsfuse index`` and the benchmarks
report it.

Read from ``VmHWM`` in ``/proc/self/status`` rather than ``getrusage``: Linux keeps
``ru_maxrss`` across ``execve``, so a process started by a large one (a benchmark that built a
100k-article store, a Dask nanny) reports its parent's peak as its own (measured here: a child of
a 1.5 GB parent printed 1,444 MB while its own peak was 13 MB). ``VmHWM`` belongs to the
process's address space, which ``execve`` replaces.
"""

from __future__ import annotations

import sys


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (``ru_maxrss`` where /proc is absent)."""
    try:
        with open("/proc/self/status", encoding="utf-8", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # Unix only, like ru_maxrss itself

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS
