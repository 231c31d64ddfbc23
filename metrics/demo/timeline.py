"""The demo's calendar: 36 order months ending with the last full month before `today`,
procurement cycles (annual until 2024, then the biennial 2025–26 consolidated purchase),
and the as_of date (the day before `today`: no delivery exists after it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

MONTHS = 36


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


@dataclass(frozen=True)
class Cycle:
    code: str        # "2024", "2025-2026"
    start: date
    end: date


def cycle_of(year: int) -> Cycle:
    """Annual purchases until 2024; from 2025 biennial consolidated ones (2025–26, 2027–28…)."""
    if year < 2025:
        return Cycle(str(year), date(year, 1, 1), date(year, 12, 31))
    first = year - (year - 2025) % 2
    return Cycle(f"{first}-{first + 1}", date(first, 1, 1), date(first + 1, 12, 31))


@dataclass(frozen=True)
class Timeline:
    today: date

    @property
    def as_of(self) -> date:
        return self.today - timedelta(days=1)

    @property
    def last_month(self) -> date:
        """First day of the last full month before today."""
        return add_months(date(self.today.year, self.today.month, 1), -1)

    @property
    def first_month(self) -> date:
        return add_months(self.last_month, -(MONTHS - 1))

    def months(self) -> list[date]:
        return [add_months(self.first_month, k) for k in range(MONTHS)]

    def cycles(self) -> list[Cycle]:
        seen: dict[str, Cycle] = {}
        for m in self.months():
            c = cycle_of(m.year)
            seen.setdefault(c.code, c)
        return list(seen.values())

    def months_frame(self) -> pd.DataFrame:
        """month_idx, month_start, cycle_idx, months_ago (0 = last full month)."""
        codes = [c.code for c in self.cycles()]
        months = self.months()
        return pd.DataFrame({
            "month_idx": range(MONTHS),
            "month_start": months,
            "cal_month": [m.month for m in months],
            "cycle_idx": [codes.index(cycle_of(m.year).code) for m in months],
            "months_ago": [MONTHS - 1 - k for k in range(MONTHS)],
        })
