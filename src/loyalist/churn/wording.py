"""How each reason of risk is told: plain words with the customer's own numbers.

Each function reads one customer's feature row (and the day it is as of) and returns the
sentence, or None when the reason does not apply to that customer (a promoter's NPS answer
is no reason to leave, nor is an order count that went up).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd

Row = pd.Series


def _n(value: object) -> int:
    return round(float(value))  # type: ignore[arg-type]


def _has(row: Row, *names: str) -> bool:
    return all(name in row.index and pd.notna(row[name]) for name in names)


def _on(row: Row, days: str, as_of: date) -> str:
    return (as_of - timedelta(days=_n(row[days]))).isoformat()


def _overdue(row: Row, as_of: date) -> str | None:
    if not _has(row, "recency_days"):
        return None
    days = _n(row.recency_days)
    if _has(row, "mean_gap_days"):
        return f"no order for {days} days, usually every {_n(row.mean_gap_days)}"
    if _has(row, "frequency") and _n(row.frequency) == 1:
        return f"a single order so far, {days} days ago"
    return f"no order for {days} days"


def _few_orders(row: Row, as_of: date) -> str | None:
    if not _has(row, "frequency", "tenure_days"):
        return None
    n = _n(row.frequency)
    return f"only {n} order{'s' if n != 1 else ''} in {_n(row.tenure_days)} days as a customer"


def _order_trend(row: Row, as_of: date) -> str | None:
    if not _has(row, "orders_90", "orders_prev_90"):
        return None
    now, before = _n(row.orders_90), _n(row.orders_prev_90)
    if before > now:
        return f"orders down from {before} to {now} (last 90 days vs the 90 before)"
    return "no order in the last 90 days" if now == 0 else None


def _app(row: Row, as_of: date) -> str | None:
    if not _has(row, "active_days_28", "active_days_prev_28"):
        return None
    now, before = _n(row.active_days_28), _n(row.active_days_prev_28)
    if before > now:
        return f"app use down from {before} to {now} active days (last 28 days vs the 28 before)"
    if now == 0:
        if _has(row, "days_since_activity"):
            return f"no app use for {_n(row.days_since_activity)} days"
        return "never used the app"
    return f"app used on only {now} of the last 28 days"


def _email(row: Row, as_of: date) -> str | None:
    if not _has(row, "emails_90") or _n(row.emails_90) == 0:
        return None
    sent = _n(row.emails_90)
    opened = _n(row.open_rate_90 * sent) if _has(row, "open_rate_90") else None
    if opened == 0 and _has(row, "days_since_open"):
        return f"e-mails unopened since {_on(row, 'days_since_open', as_of)}"
    if opened == 0:
        return f"never opened an e-mail ({sent} in the last 90 days)"
    return None if opened is None else f"opened {opened} of {sent} e-mails in the last 90 days"


def _nps(row: Row, as_of: date) -> str | None:
    if not _has(row, "latest_nps", "days_since_nps") or _n(row.latest_nps) > 8:
        return None  # a promoter's answer is no reason to leave
    score = _n(row.latest_nps)
    kind = "detractor" if score <= 6 else "passive"
    return f"NPS {score} ({kind}) on {_on(row, 'days_since_nps', as_of)}"


def _csat(row: Row, as_of: date) -> str | None:
    if not _has(row, "latest_csat", "days_since_csat") or _n(row.latest_csat) > 3:
        return None
    return f"CSAT {_n(row.latest_csat)} of 5 on {_on(row, 'days_since_csat', as_of)}"


def _exit(row: Row, as_of: date) -> str | None:
    if not _has(row, "days_since_exit"):
        return None
    why = f": {str(row.exit_reason).replace('_', ' ')}" if _has(row, "exit_reason") else ""
    return f"answered the exit survey on {_on(row, 'days_since_exit', as_of)}{why}"


def _value(row: Row, as_of: date) -> str | None:
    if not _has(row, "value_reason"):
        return None
    return f"comes back for {str(row.value_reason).replace('_', ' ')} (product survey)"


def _membership(row: Row, as_of: date) -> str | None:
    if not _has(row, "subscribed"):
        return None
    if _n(row.subscribed) == 1:
        plan = f"{row.plan} membership" if _has(row, "plan") else "membership"
        if _has(row, "days_to_renewal"):
            return f"{plan} up for renewal in {_n(row.days_to_renewal)} days"
        return plan
    if _has(row, "lapses") and _n(row.lapses) > 0:
        return "let a membership lapse"
    return "not a member"


def _referrals(row: Row, as_of: date) -> str | None:
    if not _has(row, "referrals_made"):
        return None
    return "has not referred anyone" if _n(row.referrals_made) == 0 else None


#: How each reason is told, by reason name.
#:
#: >>> WORDING["overdue"](pd.Series({"recency_days": 94.0, "mean_gap_days": 21.0}), date.today())
#: 'no order for 94 days, usually every 21'
WORDING: dict[str, Callable[[Row, date], str | None]] = {
    "overdue": _overdue,
    "few_orders": _few_orders,
    "order_trend": _order_trend,
    "app_use": _app,
    "email": _email,
    "nps": _nps,
    "csat": _csat,
    "exit_survey": _exit,
    "value": _value,
    "membership": _membership,
    "referrals": _referrals,
}
