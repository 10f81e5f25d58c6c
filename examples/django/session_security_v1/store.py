"""Activity records in the database. Each function is one atomic statement (or a create that
loses cleanly to a concurrent one), so concurrent requests of one session never lose an update,
never move the last activity backwards and never revive a tombstone. Database errors become
StoreUnavailable, which the middleware answers with 503 (fail closed)."""

import functools
from dataclasses import dataclass
from typing import Optional

from django.db import DatabaseError, IntegrityError, transaction

from .models import ActivityRecord

# Live records outlive their idle timeout by this much; afterwards the session is over anyway.
RECORD_TTL_MARGIN_MS = 60_000
# Tombstones are kept longer than any request can be in flight, so a late save is refused.
TOMBSTONE_TTL_MS = 24 * 60 * 60 * 1000
SWEEP_INTERVAL_MS = 60_000

_last_sweep_ms = [float('-inf')]


class StoreUnavailable(Exception):
    """The activity store could not be read or written; the message is for the log only."""


@dataclass(frozen=True)
class Record:
    last_activity_ms: int
    started_at_ms: int
    ended_reason: str  # '' while the session is live

    @property
    def ended(self) -> bool:
        return self.ended_reason != ''


def _fails_closed(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except DatabaseError as error:
            raise StoreUnavailable(f'the activity store failed: {error}') from error

    return wrapper


def _record(row: ActivityRecord) -> Record:
    return Record(row.last_activity_ms, row.started_at_ms, row.ended_reason)


@_fails_closed
def get(token: str) -> Optional[Record]:
    row = ActivityRecord.objects.filter(token=token).first()
    return None if row is None else _record(row)


@_fails_closed
def start(token: str, now_ms: int, ttl_ms: int) -> Record:
    """Creates the record of a new session (last activity = sign-in = now)."""
    _sweep(now_ms)
    ActivityRecord.objects.create(
        token=token, last_activity_ms=now_ms, started_at_ms=now_ms, keep_until_ms=now_ms + ttl_ms
    )
    return Record(now_ms, now_ms, '')


@_fails_closed
def advance(token: str, to_ms: int, min_step_ms: int, now_ms: int, ttl_ms: int) -> bool:
    """Moves the last activity forward to `to_ms` when that is at least `min_step_ms` (and at
    least 1 ms) newer than the stored value; never backwards, never on a tombstone, never
    creates a record. Answers whether it wrote."""
    updated = ActivityRecord.objects.filter(
        token=token,
        ended_reason='',
        last_activity_ms__lte=to_ms - max(1, min_step_ms),
    ).update(last_activity_ms=to_ms, keep_until_ms=max(now_ms, to_ms) + ttl_ms)
    return updated == 1


@_fails_closed
def end(token: str, reason: str, now_ms: int, session_key: str = '') -> bool:
    """Turns the record into a tombstone with `reason` (the first reason wins; a missing record
    gets a tombstone too). Answers True only to the one call that ended a live record, so that a
    session's end is announced once. `session_key`: see ActivityRecord.ended_session_key."""
    keep_until_ms = now_ms + TOMBSTONE_TTL_MS
    ended = ActivityRecord.objects.filter(token=token, ended_reason='').update(
        ended_reason=reason, keep_until_ms=keep_until_ms, ended_session_key=session_key or ''
    )
    if ended == 1:
        return True
    if not ActivityRecord.objects.filter(token=token).exists():
        try:
            with transaction.atomic():
                ActivityRecord.objects.create(
                    token=token,
                    last_activity_ms=now_ms,
                    started_at_ms=now_ms,
                    ended_reason=reason,
                    keep_until_ms=keep_until_ms,
                )
        except IntegrityError:
            pass  # a concurrent request wrote the record first: its reason wins
    return False


@_fails_closed
def reason_ended_with_key(session_key: str) -> Optional[str]:
    """Why the session that had `session_key` ended, while its tombstone is kept, or None."""
    return (
        ActivityRecord.objects.filter(ended_session_key=session_key)
        .exclude(ended_reason='')
        .values_list('ended_reason', flat=True)
        .first()
    )


def _sweep(now_ms: int) -> None:
    """Deletes records past their keep-until time, at most once a minute per process."""
    if abs(now_ms - _last_sweep_ms[0]) < SWEEP_INTERVAL_MS:
        return
    _last_sweep_ms[0] = now_ms
    ActivityRecord.objects.filter(keep_until_ms__lt=now_ms).delete()
