"""The build moment: one definition for every writer (reproducible dates)."""
from __future__ import annotations

import datetime as _dt
import os

from .errors import KroppressError


def epoch_datetime(epoch: int | float | _dt.datetime | _dt.date) -> _dt.datetime:
    """The build moment (UTC, whole seconds) for an epoch in seconds or a date(time)."""
    if isinstance(epoch, _dt.datetime):
        moment = epoch if epoch.tzinfo else epoch.replace(tzinfo=_dt.timezone.utc)
        moment = moment.astimezone(_dt.timezone.utc)
    elif isinstance(epoch, _dt.date):
        moment = _dt.datetime(epoch.year, epoch.month, epoch.day, tzinfo=_dt.timezone.utc)
    else:
        moment = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
    return moment.replace(microsecond=0)


def source_epoch(book_date: str, env: dict[str, str] | os._Environ | None = None) -> int:
    """SOURCE_DATE_EPOCH if set (non-empty), else `book_date` (YYYY[-MM[-DD]]) at 00:00 UTC."""
    env = os.environ if env is None else env
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if value < 0:
            raise KroppressError(f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds since "
                                 "1970; set it to an integer such as 1700000000, or unset it")
        if value > _LAST_ZIP_TIME:
            raise KroppressError(f"SOURCE_DATE_EPOCH={raw!r} is after 2107-12-31, the last date a ZIP "
                                 "file (the EPUB) can record; set an earlier time, or unset it")
        return value
    parts = (book_date.split("-") + ["01", "01"])[:3]
    try:
        day = _dt.datetime(int(parts[0]), int(parts[1]), int(parts[2]), tzinfo=_dt.timezone.utc)
    except ValueError:
        raise KroppressError(f"book date {book_date!r} is not an ISO date; set [book] date "
                             "= YYYY-MM-DD") from None
    stamp = int(day.timestamp())
    if stamp > _LAST_ZIP_TIME:
        raise KroppressError(f"book date {book_date!r} is after 2107-12-31, the last date a ZIP file "
                             "(the EPUB) can record; set [book] date to the real publication date")
    return stamp


# ZIP timestamps (DOS dates) end with 2107; the EPUB is a ZIP file
_LAST_ZIP_TIME = int(_dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=_dt.timezone.utc).timestamp())
