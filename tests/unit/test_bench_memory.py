"""The benchmarks' memory columns: a process's peak resident memory, this one's or a server's."""

from __future__ import annotations

import os
import subprocess
import sys

from bench.common import peak_mb, process_peak_mb


def test_another_processs_peak_memory_is_read_as_linux_reports_it() -> None:
    own = process_peak_mb(os.getpid())
    assert own is not None and abs(own - peak_mb()) < 0.05 * peak_mb() + 5
    # A process that held 200 MB once still reports it as its peak after letting it go.
    holds_then_lets_go = "import sys; b = bytearray(200 * 2**20); del b; print('ok', flush=True); sys.stdin.read()"
    child = subprocess.Popen(
        [sys.executable, "-c", holds_then_lets_go],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == b"ok\n"
        child_peak = process_peak_mb(child.pid)
        assert child_peak is not None and child_peak >= 200
    finally:
        child.kill()
        child.wait()


def test_a_process_that_is_gone_has_no_peak() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert process_peak_mb(child.pid) is None
