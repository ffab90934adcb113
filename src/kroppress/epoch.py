"""The build moment: one definition for every writer (reproducible dates)."""
from __future__ import annotations

import datetime as _dt


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
