"""Sample award registers, so that the register, a person's history, the due list and the statistics
have something to show on the samples: one seeded generator (issue #17), two plans.

- :data:`DISTRICT_2018` (the 2018 sample, quận Gò Vấp): the years 2014-2017, every person recruited
  before 2014 and every unit.
- ``models.demo.sample_2026`` passes its own plan: the years 2020-2024, before the 01/07/2025 merger,
  when its people worked in the former Phường 10 and 17, their health stations, the schools and the
  Party committee, and the district still decided (``Chủ tịch UBND quận Gò Vấp``).

Over the people and units in code order: Lao động tiên tiến most years, Chiến sĩ thi đua cơ sở for
about one in six of them, the yearly rating that goes with it, a Giấy khen now and then, a Bằng khen
of the city's chairman for a few (in the 2026 plan only to people rated "Hoàn thành xuất sắc nhiệm
vụ" the two years it names), and the units' collective titles. Each award is decided in January of the
next year; its bonus is 0,3 / 1,0 / 0,8 / 1,5 times the base salary in force on the decision day,
rounded up to 10.000 đ: the project's base-salary table (``models.quarters.rules.base_salaries``,
from 01/07/2017), before it Nghị định 66/2013/NĐ-CP (1.150.000 đ from 01/07/2013) and Nghị định
47/2016/NĐ-CP (1.210.000 đ from 01/05/2016).
"""
from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from sqlite_utils import Database

from models.common.award_codes import AwardKind, AwardLevel, award_label
from models.common.text import fold
from models.quarters.rules import BaseSalary, base_salaries, base_salary_on
from models.store.records import insert_sql

# The base salaries before the project's table starts (docs/law.md lists those from 2017).
EARLIER_SALARIES = (
    BaseSalary(dt.date(2013, 7, 1), 1_150_000, "Nghị định 66/2013/NĐ-CP"),
    BaseSalary(dt.date(2016, 5, 1), 1_210_000, "Nghị định 47/2016/NĐ-CP"),
)


@dataclass(frozen=True)
class AwardPlan:
    """What :func:`build_demo_awards` writes. People recruited before the first year count; ``units``
    names the units with collective titles (``None``: every unit)."""

    years: tuple[int, ...]
    seed: int
    bang_khen_year: int  # the year of the city's Bằng khen for "2 năm liên tục" (that year and the one before)
    bang_khen_share: float = 0.03  # of the people drawn for it
    bang_khen_rated: bool = False  # only to those rated "Hoàn thành xuất sắc nhiệm vụ" both years
    units: tuple[str, ...] | None = None


DISTRICT_2018 = AwardPlan(years=(2014, 2015, 2016, 2017), seed=17, bang_khen_year=2016)


def _decision_date(year: int, number: int) -> dt.date:
    return dt.date(year + 1, 1, 10 + number % 15)


def _award(salaries, year: int, kind: AwardKind, level: AwardLevel, number: int, staff_id=None, unit_id=None,
           times=0.0, form: str = "", reason: str = "") -> dict:
    form = form or award_label(kind)
    decided = _decision_date(year, number)
    base = base_salary_on(salaries, decided)
    return {"staff_id": staff_id, "unit_id": unit_id, "year": year, "kind": str(kind), "form": form,
            "form_folded": fold(form), "level": str(level),
            "authority": "Chủ tịch UBND quận Gò Vấp" if level == AwardLevel.HUYEN else "Chủ tịch UBND Thành phố",
            "decision_number": f"{number:02d}/QĐ-UBND", "decision_date": decided.isoformat(),
            "reason": reason or f"Hoàn thành nhiệm vụ năm {year}",
            "amount": int(math.ceil(base * times / 10_000) * 10_000) if times else 0, "approval_id": None}


def _units(db: Database, codes: tuple[str, ...] | None) -> list[int]:
    if codes is None:
        return [r[0] for r in db.execute("SELECT id FROM unit ORDER BY code")]
    return [r[0] for r in db.execute(f"SELECT id FROM unit WHERE code IN ({', '.join('?' * len(codes))}) ORDER BY code",
                                     list(codes))]


def build_demo_awards(db: Database, plan: AwardPlan = DISTRICT_2018) -> None:
    """Write ``plan``'s awards and the yearly ratings that go with them (a rating already there stays)."""
    rng = random.Random(plan.seed)
    salaries = tuple(sorted(EARLIER_SALARIES + base_salaries(db), key=lambda b: b.start))
    people = [r[0] for r in db.execute("SELECT id FROM staff WHERE recruited_on IS NULL OR recruited_on < ? "
                                       "ORDER BY code", [f"{plan.years[0]}-01-01"])]
    units = _units(db, plan.units)
    bang_khen_years = (plan.bang_khen_year - 1, plan.bang_khen_year)
    awards, ratings = [], []
    for staff_id in people:
        excellent_in = set()
        for year in plan.years:
            roll = rng.random()
            if roll < 0.12:
                ratings.append((staff_id, year, "hoan_thanh"))
                continue
            excellent = roll > 0.84
            if excellent:
                excellent_in.add(year)
            ratings.append((staff_id, year, "xuat_sac" if excellent else "tot"))
            awards.append(_award(salaries, year, AwardKind.LDTT, AwardLevel.HUYEN, 11, staff_id, times=0.3,
                                 reason="Hoàn thành tốt nhiệm vụ trở lên"))
            if excellent:
                awards.append(_award(salaries, year, AwardKind.CSTDCS, AwardLevel.HUYEN, 12, staff_id, times=1.0,
                                     reason="Lao động tiên tiến và có sáng kiến được công nhận"))
            if rng.random() < 0.05:
                awards.append(_award(salaries, year, AwardKind.GIAY_KHEN, AwardLevel.HUYEN, 20, staff_id, times=0.3,
                                     form="Giấy khen của Chủ tịch UBND quận",
                                     reason="Thành tích xuất sắc trong cải cách hành chính"))
        if rng.random() < plan.bang_khen_share and (not plan.bang_khen_rated or excellent_in >= set(bang_khen_years)):
            awards.append(_award(salaries, plan.bang_khen_year, AwardKind.BANG_KHEN, AwardLevel.TINH, 35, staff_id,
                                 times=1.0, form="Bằng khen của Chủ tịch UBND Thành phố",
                                 reason="Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục ({}-{})".format(*bang_khen_years)))
    for unit_id in units:
        for year in plan.years:
            roll = rng.random()
            if roll < 0.55:
                awards.append(_award(salaries, year, AwardKind.TTLDTT, AwardLevel.HUYEN, 13, unit_id=unit_id,
                                     times=0.8, reason="Trên 50% cá nhân đạt Lao động tiên tiến"))
            elif roll < 0.8:
                awards.append(_award(salaries, year, AwardKind.TTLDXS, AwardLevel.TINH, 40, unit_id=unit_id,
                                     times=1.5, reason="Hoàn thành xuất sắc nhiệm vụ"))
    with db.atomic():
        db.conn.executemany(insert_sql("award", awards[0]), awards)
        db.conn.executemany("INSERT OR IGNORE INTO yearly_rating (staff_id, year, level) VALUES (?, ?, ?)", ratings)
