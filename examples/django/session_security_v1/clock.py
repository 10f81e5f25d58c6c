"""The server clock of the app, in epoch milliseconds. Tests replace `now_ms` on this module
(for example with unittest.mock.patch.object) to move time without sleeping."""

import time


def now_ms() -> int:
    """Wall-clock time in whole milliseconds since the Unix epoch (UTC, no time zone)."""
    return time.time_ns() // 1_000_000
