"""The app's settings, read from Django settings and validated: invalid values are refused with
ImproperlyConfigured, never replaced by defaults (protocol v1, section 8.2)."""

import math
from dataclasses import dataclass
from typing import Optional

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MAX_DURATION_SECONDS = 31_536_000
DEFAULT_WARN_AFTER_SECONDS = 540
DEFAULT_EXPIRE_AFTER_SECONDS = 600
DEFAULT_RESOURCE_PATH = '/session-security'


@dataclass(frozen=True)
class Timeouts:
    """The timeouts of one session, in seconds; `absolute_timeout_seconds` None means none."""

    warn_after_seconds: float
    expire_after_seconds: float
    absolute_timeout_seconds: Optional[float] = None


class InvalidTimeouts(ValueError):
    """Timeouts that protocol v1 does not allow; the message says which value and why."""


def _is_duration(value) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 < value <= MAX_DURATION_SECONDS
    )


def validate_timeouts(timeouts) -> Timeouts:
    """Returns `timeouts` when valid, else raises InvalidTimeouts naming what is wrong."""
    if not isinstance(timeouts, Timeouts):
        raise InvalidTimeouts(f'timeouts must be a Timeouts, got {type(timeouts).__name__}')
    for name in ('warn_after_seconds', 'expire_after_seconds'):
        value = getattr(timeouts, name)
        if not _is_duration(value):
            raise InvalidTimeouts(
                f'{name} must be a number of seconds in (0, {MAX_DURATION_SECONDS}], got {value!r}'
            )
    if timeouts.warn_after_seconds >= timeouts.expire_after_seconds:
        raise InvalidTimeouts(
            f'warn_after_seconds ({timeouts.warn_after_seconds}) must be less than '
            f'expire_after_seconds ({timeouts.expire_after_seconds})'
        )
    absolute = timeouts.absolute_timeout_seconds
    if absolute is not None and not _is_duration(absolute):
        raise InvalidTimeouts(
            f'absolute_timeout_seconds must be None or a number of seconds in '
            f'(0, {MAX_DURATION_SECONDS}], got {absolute!r}'
        )
    return timeouts


def _string_list(name: str) -> tuple:
    value = getattr(settings, name, ())
    if isinstance(value, str) or not all(isinstance(item, str) for item in value):
        raise ImproperlyConfigured(f'{name} must be a list of strings, got {value!r}')
    return tuple(value)


@dataclass(frozen=True)
class AppSettings:
    timeouts: Timeouts
    resource_path: str
    passive_urls: tuple
    passive_url_names: tuple
    origin: Optional[str]


def read_settings() -> AppSettings:
    """The app's settings; raises ImproperlyConfigured with the setting's name when invalid."""
    try:
        timeouts = validate_timeouts(
            Timeouts(
                getattr(settings, 'SESSION_SECURITY_WARN_AFTER', DEFAULT_WARN_AFTER_SECONDS),
                getattr(settings, 'SESSION_SECURITY_EXPIRE_AFTER', DEFAULT_EXPIRE_AFTER_SECONDS),
                getattr(settings, 'SESSION_SECURITY_ABSOLUTE_TIMEOUT', None),
            )
        )
    except InvalidTimeouts as error:
        message = (
            str(error)
            .replace('warn_after_seconds', 'SESSION_SECURITY_WARN_AFTER')
            .replace('expire_after_seconds', 'SESSION_SECURITY_EXPIRE_AFTER')
            .replace('absolute_timeout_seconds', 'SESSION_SECURITY_ABSOLUTE_TIMEOUT')
        )
        raise ImproperlyConfigured(message) from None
    path = getattr(settings, 'SESSION_SECURITY_RESOURCE_PATH', DEFAULT_RESOURCE_PATH)
    if not isinstance(path, str) or not path.startswith('/') or '?' in path or '#' in path:
        raise ImproperlyConfigured(
            f'SESSION_SECURITY_RESOURCE_PATH must be a path starting with /, got {path!r}'
        )
    origin = getattr(settings, 'SESSION_SECURITY_ORIGIN', None)
    if origin is not None and (
        not isinstance(origin, str)
        or not origin.startswith(('http://', 'https://'))
        or origin.endswith('/')
        or origin.count('/') != 2
    ):
        raise ImproperlyConfigured(
            f'SESSION_SECURITY_ORIGIN must be None or scheme://host[:port] without a path, '
            f'got {origin!r}'
        )
    return AppSettings(
        timeouts=timeouts,
        resource_path=path,
        passive_urls=_string_list('SESSION_SECURITY_PASSIVE_URLS'),
        passive_url_names=_string_list('SESSION_SECURITY_PASSIVE_URL_NAMES'),
        origin=origin,
    )
