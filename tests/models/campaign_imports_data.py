"""What the import tests of initiatives and head evaluations share: the council fixture, its files."""
import datetime as dt

import pytest

from models.campaigns.campaigns import Campaign, save_campaign
from models.campaigns.imports_campaigns import HEAD_HEADERS, INITIATIVE_HEADERS
from models.common.codes import Gender, StaffCategory, UnitKind
from models.people.staff import Staff, add_staff
from models.people.units import set_unit_active

from .units_data import NV, P01, P03, save_units
from .db_rows import rows_of
from .imports_data import write_xlsx as _xlsx

TODAY = dt.date(2019, 3, 1)
CAMPAIGN_NAME = "Đợt thi đua cao điểm về Cải cách hành chính"
FIELD_IT = "Ứng dụng công nghệ thông tin trong quản lý, dịch vụ công trực tuyến"
FIELD_DAN_VAN = "Dân vận khéo và thực hiện quy chế dân chủ cơ sở"
# Every table of migrations 0001 and 0002.
TABLES = (
    "unit", "staff", "staff_unit", "setting", "campaign", "campaign_field", "campaign_unit",
    "initiative", "initiative_author", "head_evaluation", "head_criterion",
)
ASSESSMENT_CHOICES = "Tiêu biểu xuất sắc, Hiệu quả, Không hiệu quả"
LEVEL_CHOICES = (
    "Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ"
)


def _dump(db):
    return rows_of(db, TABLES)


def _initiatives_file(tmp_path, rows, name="mo_hinh.xlsx"):
    return _xlsx(tmp_path / name, INITIATIVE_HEADERS, rows)


def _heads_file(tmp_path, rows, name="nguoi_dung_dau.xlsx"):
    return _xlsx(tmp_path / name, HEAD_HEADERS, rows)


@pytest.fixture
def council(db):
    """P01, P03, P04 and the dissolved CU take part in the campaign (max 1); NV does not."""
    units = save_units(db, [
        (*P01, "Lê Văn Bình", "Chủ tịch UBND phường"),
        (*P03, "Trần Thị Cúc", "Chủ tịch UBND phường"),
        ("P04", "Ủy ban nhân dân Phường 4", UnitKind.PHUONG),
        ("CU", "Ban Quản lý chợ", UnitKind.SU_NGHIEP),
        (*NV, "Đỗ Thị Ửng", "Trưởng phòng"),
    ])
    campaign = save_campaign(db, Campaign(
        name=CAMPAIGN_NAME, year=2018, start_date=dt.date(2018, 11, 2),
        registration_deadline=dt.date(2018, 11, 3), report_deadline=dt.date(2019, 1, 27),
    ), unit_ids=[units[c].id for c in ("P01", "P03", "P04", "CU")])
    set_unit_active(db, units["CU"].id, False)
    author = add_staff(db, Staff(code="CB01", full_name="Nguyễn Văn An", gender=Gender.NAM,
                                 category=StaffCategory.CONG_CHUC, unit_id=units["P01"].id,
                                 recruited_on=dt.date(2010, 1, 1)), TODAY)
    return db, units, campaign, author


GOOD_ROWS = [
    ["P01", "Ứng dụng phần mềm một cửa điện tử", "Mô hình", "ung dung cong nghe thong tin trong quan ly, "
     "dich vu cong truc tuyen", dt.date(2018, 11, 3), dt.date(2019, 1, 27), "tiêu biểu xuất sắc"],
    ["p03", "Dân vận khéo trong chỉnh trang đô thị", "SÁNG KIẾN", FIELD_DAN_VAN, "05/11/2018", "", "Chưa đánh giá"],
    ["P04", "Số hóa hồ sơ lưu trữ", "Giải pháp", "", "2018-11-02", "28/01/2019", ""],
    ["CU", "Công khai giá tại chợ", "Mô hình", "", "02/11/2018", "20/01/2019", "Không hiệu quả"],
]
