"""Rate limits of the phone page, with the `limits` library (moving windows kept in memory).

In memory is enough: one server process serves the whole room, and a restart forgetting the
counts only gives a guesser a fresh minute."""

from __future__ import annotations

import time

from limits import RateLimitItemPerHour, RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

_storage = MemoryStorage()
_limiter = MovingWindowRateLimiter(_storage)

# A participant mistyping the code a few times is normal; 14 letters over 4 places is 38,416 codes,
# so 10 wrong a minute and 60 an hour per address keep a guesser at a few codes a day's workshop.
WRONG_CODES = (RateLimitItemPerMinute(10), RateLimitItemPerHour(60))


def wrong_code_blocked(address: str) -> int:
    """Seconds this address must wait before trying another code (0: it may try now)."""
    wait = 0
    for item in WRONG_CODES:
        if not _limiter.test(item, "wrong-code", address):
            reset = _limiter.get_window_stats(item, "wrong-code", address).reset_time

            wait = max(wait, int(reset - time.time()) + 1)
    return wait


def record_wrong_code(address: str) -> None:
    for item in WRONG_CODES:
        _limiter.hit(item, "wrong-code", address)


def reset() -> None:
    """Forget every count (tests)."""
    _storage.reset()
