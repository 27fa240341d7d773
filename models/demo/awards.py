"""Sample award register for the years before 2018 (issue #17), so that the register, a person's
history, the due list and the statistics have something to show on the sample.

Fixed by a seeded random generator, over the people and units in code order: Lao động tiên tiến most
years 2014-2017, Chiến sĩ thi đua cơ sở for about one in six of them, the yearly rating that goes with
it, a Giấy khen or a Bằng khen now and then, and the units' collective titles. Bonuses follow the base
salary of each year (0,3 / 1,0 / 0,8 / 1,5 times, rounded up to 10.000 đ).
"""
from __future__ import annotations

import math
import random

from sqlite_utils import Database

from models.common.award_codes import AwardKind, AwardLevel, award_label
from models.common.text import fold
from models.store.records import insert_sql

YEARS = (2014, 2015, 2016, 2017)
_BASE = {2014: 1_150_000, 2015: 1_150_000, 2016: 1_210_000, 2017: 1_300_000}
_SEED = 17


def _bonus(year: int, times: float) -> int:
    return int(math.ceil(_BASE[year] * times / 10_000) * 10_000)


def _award(year: int, kind: AwardKind, level: AwardLevel, number: int, staff_id=None, unit_id=None, times=0.0,
           form: str = "", reason: str = "") -> dict:
    form = form or award_label(kind)
    return {"staff_id": staff_id, "unit_id": unit_id, "year": year, "kind": str(kind), "form": form,
            "form_folded": fold(form), "level": str(level),
            "authority": "Chủ tịch UBND quận Gò Vấp" if level == AwardLevel.HUYEN else "Chủ tịch UBND Thành phố",
            "decision_number": f"{number:02d}/QĐ-UBND", "decision_date": f"{year + 1}-01-{10 + number % 15:02d}",
            "reason": reason or f"Hoàn thành nhiệm vụ năm {year}", "amount": _bonus(year, times) if times else 0,
            "approval_id": None}


def build_demo_awards(db: Database) -> None:
    rng = random.Random(_SEED)
    people = [r[0] for r in db.execute("SELECT id FROM staff WHERE recruited_on IS NULL OR recruited_on < '2014-01-01' "
                                       "ORDER BY code")]
    units = [r[0] for r in db.execute("SELECT id FROM unit ORDER BY code")]
    awards, ratings = [], []
    for staff_id in people:
        for year in YEARS:
            roll = rng.random()
            if roll < 0.12:
                ratings.append((staff_id, year, "hoan_thanh"))
                continue
            excellent = roll > 0.84
            ratings.append((staff_id, year, "xuat_sac" if excellent else "tot"))
            awards.append(_award(year, AwardKind.LDTT, AwardLevel.HUYEN, 11, staff_id, times=0.3,
                                 reason="Hoàn thành tốt nhiệm vụ trở lên"))
            if excellent:
                awards.append(_award(year, AwardKind.CSTDCS, AwardLevel.HUYEN, 12, staff_id, times=1.0,
                                     reason="Lao động tiên tiến và có sáng kiến được công nhận"))
            if rng.random() < 0.05:
                awards.append(_award(year, AwardKind.GIAY_KHEN, AwardLevel.HUYEN, 20, staff_id, times=0.3,
                                     form="Giấy khen của Chủ tịch UBND quận",
                                     reason="Thành tích xuất sắc trong cải cách hành chính"))
        if rng.random() < 0.03:
            awards.append(_award(2016, AwardKind.BANG_KHEN, AwardLevel.TINH, 35, staff_id, times=1.0,
                                 form="Bằng khen của Chủ tịch UBND Thành phố",
                                 reason="Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2015-2016)"))
    for unit_id in units:
        for year in YEARS:
            roll = rng.random()
            if roll < 0.55:
                awards.append(_award(year, AwardKind.TTLDTT, AwardLevel.HUYEN, 13, unit_id=unit_id, times=0.8,
                                     reason="Trên 50% cá nhân đạt Lao động tiên tiến"))
            elif roll < 0.8:
                awards.append(_award(year, AwardKind.TTLDXS, AwardLevel.TINH, 40, unit_id=unit_id, times=1.5,
                                     reason="Hoàn thành xuất sắc nhiệm vụ"))
    with db.atomic():
        db.conn.executemany(insert_sql("award", awards[0]), awards)
        db.conn.executemany("INSERT OR IGNORE INTO yearly_rating (staff_id, year, level) VALUES (?, ?, ?)", ratings)
