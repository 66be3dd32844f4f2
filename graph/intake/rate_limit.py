"""How often one visitor may send the partner form: a sliding window per key, in the memory of one app process.

The form is public; the limit keeps one browser session from filling the review queue. It is not a defence
against many sessions (a proxy in front of the app can add that), and it resets when the process restarts.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class RateLimiter:
    """At most ``limit`` events per ``window_s`` seconds per key (a browser session, say)."""

    def __init__(self, limit: int = 5, window_s: float = 60.0) -> None:
        self.limit, self.window_s = limit, window_s
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events[key]
            while events and now - events[0] > self.window_s:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


# A partner sends one collaboration in a few minutes; five a minute leaves room for corrections and a second
# collaboration, and keeps one session from filling the coordinators' queue.
PARTNER_FORM_SENDS = 5
PARTNER_FORM_WINDOW_S = 60.0


def partner_form_limiter() -> RateLimiter:
    """The limit on sending the partner form, per browser session, for one app process."""
    return RateLimiter(limit=PARTNER_FORM_SENDS, window_s=PARTNER_FORM_WINDOW_S)
