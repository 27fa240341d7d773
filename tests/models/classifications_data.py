"""The district of the quarterly classification tests (``district`` is a fixture) and P01's Q3/2018 results."""
import datetime as dt
from dataclasses import replace
from types import SimpleNamespace

import pytest

from models.quarters.classifications import Entry, save_quarter
from models.common.codes import Gender, HeadLevel, NotClassifiedReason, StaffCategory
from models.people.staff import Staff, add_staff, update_staff

from .units_data import NV, P01, P03, save_unit_ids


XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH


# code, full name, gender, position, leader, unit, recruited (None: 01/01/2010), ended, salary coefficient
PEOPLE = [
    ("CB01", "Nguyễn Văn An", Gender.NAM, "Chủ tịch UBND phường", True, "P01", None, None, 4.98),
    ("CB02", "Trần Thị Bình", Gender.NU, "Phó Chủ tịch UBND phường", True, "P01", None, None, 4.32),
    ("CB03", "Lê Văn Cường", Gender.NAM, "Phó Chủ tịch UBND phường", True, "P01", None, None, 3.99),
    ("CB04", "Phạm Thị Dung", Gender.NU, "Chỉ huy trưởng Quân sự phường", True, "P01", None, None, 3.66),
    ("CB05", "Hoàng Văn Em", Gender.NAM, "Công chức Văn phòng - Thống kê", False, "P01", None, None, 3.0),
    ("CB06", "Đỗ Thị Giang", Gender.NU, "Công chức Tư pháp - Hộ tịch", False, "P01", None, None, 2.67),
    ("CB07", "Bùi Văn Hải", Gender.NAM, "Công chức Địa chính - Xây dựng", False, "P01", None, None, 2.34),
    ("CB08", "Phạm Văn Tám", Gender.NAM, "Công chức Văn hóa - Xã hội", False, "P01", None, None, 3.33),
    ("CB09", "Võ Thị Chín", Gender.NU, "Công chức Tài chính - Kế toán", False, "P01", None,
     dt.date(2018, 7, 31), 3.33),
    ("CB10", "Đặng Văn Mười", Gender.NAM, "Công chức Văn phòng - Thống kê", False, "P01",
     dt.date(2018, 9, 10), None, None),
    ("CB11", "Ngô Văn Khánh", Gender.NAM, "Chủ tịch UBND phường", True, "P03", None, None, 4.65),
    ("CB12", "Dương Thị Lan", Gender.NU, "Công chức Tư pháp - Hộ tịch", False, "P03", None, None, 2.67),
]
P01_LEADERS = ["CB01", "CB02", "CB03", "CB04"]
# P01's roster for Q3/2018: leaders, then by given name (Chín, Em, Giang, Hải, Mười); CB08 moved
# to P03 on 15/08/2018, CB09 left on 31/07/2018, CB10 was recruited on 10/09/2018.
P01_Q3 = P01_LEADERS + ["CB09", "CB05", "CB06", "CB07", "CB10"]


@pytest.fixture
def district(db, today):
    """P01 (4 leaders, 6 others incl. a mover, a leaver and a newcomer), P03 (2 people), NV (empty)."""
    units = save_unit_ids(db, [P01, P03, NV])
    staff = {}
    for code, name, gender, position, leader, unit, recruited, ended, salary in PEOPLE:
        staff[code] = add_staff(db, Staff(
            code=code, full_name=name, gender=gender, category=StaffCategory.CONG_CHUC, unit_id=units[unit],
            position=position, is_leader=leader, recruited_on=recruited or dt.date(2010, 1, 1), ended_on=ended,
            salary_coefficient=salary,
        ), today)
    staff["CB08"] = update_staff(db, replace(staff["CB08"], unit_id=units["P03"]), today,
                                 move_from=dt.date(2018, 8, 15))
    ids = {code: s.id for code, s in staff.items()}
    return SimpleNamespace(db=db, today=today, units=units, ids=ids, staff=staff)


def _classify_p01_q3(d, leaders=(XS, XS, TOT, TOT), submitted_on=None):
    """Everyone of P01 in Q3/2018: the leaders as given, the leaver and the newcomer not classified."""
    entries = [Entry(d.ids[c], level) for c, level in zip(P01_LEADERS, leaders)] + [
        Entry(d.ids["CB05"], XS, note="Hoàn thành vượt chỉ tiêu cải cách hành chính"),
        Entry(d.ids["CB06"], TOT),
        Entry(d.ids["CB07"], HT),
        Entry(d.ids["CB09"], reason=NotClassifiedReason.KHAC, note="Nghỉ hưu từ 01/08/2018"),
        Entry(d.ids["CB10"], reason=NotClassifiedReason.MOI_TUYEN, note="Tuyển dụng ngày 10/09/2018"),
    ]
    save_quarter(d.db, d.units["P01"], 2018, 3, entries, submitted_on, d.today)
