"""Sign-in throttling: after too many wrong passwords an account, or a client, waits before it may try again.

Failures are counted per account name as typed (known or not, so the limit says nothing about which names
exist) and per client (the address the app sees). While a limit is reached, every attempt is refused without
looking at the password, also a right one: guessing cannot go on in the meantime. The counts live in the
process's memory: each app replica keeps its own, and a restart forgets them.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_ACCOUNT_FAILURES = 5
MAX_CLIENT_FAILURES = 20
WINDOW_S = 15 * 60.0
MAX_TRACKED = 10_000  # keys kept at most; the stalest go first, so spraying names cannot fill the memory


class SignInThrottled(Exception):
    """Too many failed attempts; ``wait_s`` says how long until the next one is allowed."""

    def __init__(self, wait_s: float) -> None:
        self.wait_s = wait_s
        minutes = max(1, round(wait_s / 60))
        super().__init__(
            f"te veel mislukte pogingen; probeer het over {minutes} minuten opnieuw "
            f"(too many failed attempts; try again in {minutes} minutes)"
        )

    @property
    def minutes(self) -> int:
        return max(1, round(self.wait_s / 60))


@dataclass
class SignInThrottle:
    max_account_failures: int = MAX_ACCOUNT_FAILURES
    max_client_failures: int = MAX_CLIENT_FAILURES
    window_s: float = WINDOW_S
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _keys(self, account: str, client: str) -> list[tuple[str, int]]:
        return [
            (f"account:{account.strip().lower()}", self.max_account_failures),
            (f"client:{client}", self.max_client_failures),
        ]

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times

    def check(self, account: str, client: str) -> None:
        """Raise :class:`SignInThrottled` while the account or the client has used up its attempts."""
        with self._lock:
            now = self.clock()
            wait = 0.0
            for key, limit in self._keys(account, client):
                times = self._recent(key, now)
                if len(times) >= limit:
                    wait = max(wait, times[len(times) - limit] + self.window_s - now)
            if wait > 0:
                raise SignInThrottled(wait)

    def failed(self, account: str, client: str) -> None:
        with self._lock:
            now = self.clock()
            for key, limit in self._keys(account, client):
                times = self._recent(key, now)
                times.append(now)
                while len(times) > limit:  # only the last ``limit`` failures decide the wait
                    times.popleft()
                self._failures.pop(key, None)
                self._failures[key] = times  # newest last, so the stalest keys are first
            while len(self._failures) > MAX_TRACKED:
                del self._failures[next(iter(self._failures))]

    def succeeded(self, account: str) -> None:
        """A right password clears the account's count (not the client's: one good account opens no others)."""
        with self._lock:
            self._failures.pop(f"account:{account.strip().lower()}", None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()
