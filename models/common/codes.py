"""Stable codes stored in the database, each with exactly one Vietnamese label (``LABELS``)."""
from __future__ import annotations

from enum import StrEnum
from functools import cache, lru_cache

from models.common.text import fold


class UnitKind(StrEnum):
    """The kinds of unit, in the order councils list them. The kinds of a ward's council since
    01/07/2025 (migration 0010; sources in docs/council-levels.md): its offices are the cơ quan chuyên
    môn of Nghị định 150/2025/NĐ-CP (Văn phòng HĐND và UBND, Phòng Kinh tế or Phòng Kinh tế, Hạ tầng
    và Đô thị, Phòng Văn hóa - Xã hội), beside them the Trung tâm Phục vụ hành chính công; then its
    schools, health station, the Mặt trận and đoàn thể, and the khu phố (ấp in a commune)."""

    CO_QUAN = "co_quan"
    TRUNG_TAM_HCC = "trung_tam_hcc"
    SU_NGHIEP = "su_nghiep"
    TRUONG_HOC = "truong_hoc"
    TRAM_Y_TE = "tram_y_te"
    MAT_TRAN = "mat_tran"
    DANG = "dang"
    PHUONG = "phuong"
    KHU_PHO = "khu_pho"
    KHAC = "khac"


# Units are listed as councils list them: offices first, the wards (a district's) or the khu phố (a
# ward's) last.
KIND_ORDER = {kind: i for i, kind in enumerate(UnitKind)}


class CouncilLevel(StrEnum):
    """Whose emulation council the database serves (models.store.settings.CouncilNames.level)."""

    DISTRICT = "level_district"
    WARD = "level_ward"
    DEPARTMENT = "level_department"


class Gender(StrEnum):
    NAM = "nam"
    NU = "nu"


class StaffCategory(StrEnum):
    CAN_BO = "can_bo"
    CONG_CHUC = "cong_chuc"
    VIEN_CHUC = "vien_chuc"
    NGUOI_LAO_DONG = "nguoi_lao_dong"


class InitiativeKind(StrEnum):
    MO_HINH = "mo_hinh"
    SANG_KIEN = "sang_kien"
    GIAI_PHAP = "giai_phap"


class Assessment(StrEnum):
    """The council's assessment of an initiative (no value: not yet assessed)."""

    TIEU_BIEU = "tieu_bieu"
    HIEU_QUA = "hieu_qua"
    KHONG_HIEU_QUA = "khong_hieu_qua"


class AuthorRole(StrEnum):
    """An author's part in an initiative, as the unit reports it (the first author usually chủ trì)."""

    CHU_TRI = "chu_tri"
    THAM_GIA = "tham_gia"


class RecognitionBody(StrEnum):
    """Who recognised an initiative as a sáng kiến (Điều lệ Sáng kiến, Nghị định 13/2012/NĐ-CP)."""

    CO_SO = "co_so"
    QUAN = "quan"
    THANH_PHO = "thanh_pho"


class RecognitionScope(StrEnum):
    """The scope of effect (phạm vi ảnh hưởng) the recognition states."""

    DON_VI = "pham_vi_don_vi"
    QUAN = "pham_vi_quan"
    THANH_PHO = "pham_vi_thanh_pho"
    TOAN_QUOC = "pham_vi_toan_quoc"


class HeadLevel(StrEnum):
    """Evaluation of a head of unit under district Decision 3767/QĐ-UBND."""

    XUAT_SAC = "xuat_sac"
    TOT = "tot"
    HOAN_THANH = "hoan_thanh"
    KHONG_HOAN_THANH = "khong_hoan_thanh"


# The four levels of task completion are the same for heads of units (Decision 3767) and for the
# quarterly classification of staff (Decision 4631).
Level = HeadLevel

# Keys typed in the classification entry screen, as aliases of the levels (no source ties letters
# A/B/C/D to Decision 4631, so the aliases are digits and the first letter of the label).
LEVEL_KEYS = {
    HeadLevel.XUAT_SAC: ("1", "X"),
    HeadLevel.TOT: ("2", "T"),
    HeadLevel.HOAN_THANH: ("3", "H"),
    HeadLevel.KHONG_HOAN_THANH: ("4", "K"),
}
# The short forms of the levels in Vietnamese classification reports (and accepted by the imports).
LEVEL_SHORT = {
    HeadLevel.XUAT_SAC: "HTXSNV",
    HeadLevel.TOT: "HTTNV",
    HeadLevel.HOAN_THANH: "HTNV",
    HeadLevel.KHONG_HOAN_THANH: "KHTNV",
}
NOT_CLASSIFIED = "Không đánh giá"
NOT_CLASSIFIED_KEYS = ("0", "-")


class NotClassifiedReason(StrEnum):
    """Why a person is not classified in a quarter."""

    MOI_TUYEN = "moi_tuyen"
    THAI_SAN = "thai_san"
    OM_DAI_NGAY = "om_dai_ngay"
    CHUYEN_CONG_TAC = "chuyen_cong_tac"
    KHAC = "ly_do_khac"


class CapScope(StrEnum):
    """Whom a cap counts."""

    LEADERS = "leaders"
    ALL = "all"


class Severity(StrEnum):
    WARN = "warn"
    BLOCK = "block"


class TrackingState(StrEnum):
    """Where a participating unit stands in a campaign on a given day."""

    NOT_REGISTERED = "not_registered"  # registration deadline not passed yet
    REGISTRATION_OVERDUE = "registration_overdue"
    REGISTERED_ON_TIME = "registered_on_time"
    REGISTERED_LATE = "registered_late"
    NOT_REPORTED = "not_reported"  # report deadline passed, no report
    REPORTED_ON_TIME = "reported_on_time"
    REPORTED_LATE = "reported_late"
    ASSESSED = "assessed"


class ReviewReason(StrEnum):
    """Why a collective is proposed for criticism at the end of a campaign."""

    NOT_REGISTERED = "crit_not_registered"
    REGISTERED_LATE = "crit_registered_late"
    NOT_REPORTED = "crit_not_reported"
    REPORTED_LATE = "crit_reported_late"
    INEFFECTIVE = "crit_ineffective"
    HEAD_FAILED = "crit_head_failed"


class DisciplineForm(StrEnum):
    """Disciplinary sanctions, mildest first (the order is the severity)."""

    KHIEN_TRACH = "khien_trach"
    CANH_CAO = "canh_cao"
    HA_BAC_LUONG = "ha_bac_luong"
    GIANG_CHUC = "giang_chuc"
    CACH_CHUC = "cach_chuc"
    BUOC_THOI_VIEC = "buoc_thoi_viec"


DISCIPLINE_SEVERITY = {form: i for i, form in enumerate(DisciplineForm)}


class ListKind(StrEnum):
    """The lists a campaign's year-end review produces."""

    COMMENDATION = "commendation"
    CRITICISM = "criticism"


class TitleCode(StrEnum):
    """The yearly emulation titles (individual, then collective). The values double as the short
    aliases the command line accepts (see :func:`title_from_text`)."""

    LDTT = "ldtt"
    CSTDCS = "cstdcs"
    TTLDTT = "ttldtt"
    TTLDXS = "ttldxs"


INDIVIDUAL_TITLES = (TitleCode.LDTT, TitleCode.CSTDCS)
COLLECTIVE_TITLES = (TitleCode.TTLDTT, TitleCode.TTLDXS)


class TitleCapScope(StrEnum):
    """Whom the Chiến sĩ thi đua cơ sở cap (a share of those who earned Lao động tiên tiến) counts."""

    PER_UNIT = "cap_per_unit"
    DISTRICT = "cap_district"


class TitleRank(StrEnum):
    """Criteria ranking the people eligible for a capped title (the name always breaks the last tie)."""

    EXCELLENT_QUARTERS = "rank_excellent_quarters"
    COUNCIL_ORDER = "rank_council_order"
    YEARLY_RATING = "rank_yearly_rating"  # the year-end rating, best first (the rule sets judging by it)


class TitleJudging(StrEnum):
    """What a title rule set reads to judge Lao động tiên tiến: the quarters (the 2018 regime) or the
    year-end quality rating (Luật Thi đua, khen thưởng 2022: "hoàn thành tốt nhiệm vụ trở lên")."""

    QUARTERS = "judge_quarters"
    YEARLY_RATING = "judge_yearly_rating"


class CapBase(StrEnum):
    """The denominator of the Chiến sĩ thi đua cơ sở share."""

    LDTT = "cap_of_ldtt"  # those who earned Lao động tiên tiến (Nghị định 91/2017/NĐ-CP)
    MEMBERS = "cap_of_members"  # every person considered in the scope


class BonusBaseDay(StrEnum):
    """The day whose base salary (lương cơ sở) the bonuses use."""

    YEAR_END = "base_year_end"
    DECISION_DATE = "base_decision_date"


class Achievement(StrEnum):
    """What, besides Lao động tiên tiến, can make a person Chiến sĩ thi đua cơ sở (a rule set names
    the ones it accepts; one of them is enough)."""

    SANG_KIEN = "ach_sang_kien"  # an initiative recognised at the cơ sở (from the campaigns' initiatives)
    DE_TAI = "ach_de_tai"  # a research work accepted and applied in the unit
    GIAI_PHAP = "ach_giai_phap"  # a work solution recognised by the competent authority


# Keyed by member; StrEnum members hash as their value, so values must be unique across enums
# (a test checks it).
LABELS: dict[StrEnum, str] = {
    UnitKind.CO_QUAN: "Cơ quan chuyên môn",
    UnitKind.TRUNG_TAM_HCC: "Trung tâm Phục vụ hành chính công",
    UnitKind.SU_NGHIEP: "Đơn vị sự nghiệp",
    UnitKind.TRUONG_HOC: "Trường học",
    UnitKind.TRAM_Y_TE: "Trạm y tế",
    UnitKind.MAT_TRAN: "Mặt trận - Đoàn thể",
    UnitKind.DANG: "Tổ chức cơ sở Đảng",
    UnitKind.PHUONG: "Phường",
    UnitKind.KHU_PHO: "Khu phố - Ấp",
    UnitKind.KHAC: "Khác",
    CouncilLevel.DISTRICT: "Cấp quận, huyện",
    CouncilLevel.WARD: "Cấp phường, xã, đặc khu",
    CouncilLevel.DEPARTMENT: "Sở, ban, ngành thành phố",
    Gender.NAM: "Nam",
    Gender.NU: "Nữ",
    StaffCategory.CAN_BO: "Cán bộ",
    StaffCategory.CONG_CHUC: "Công chức",
    StaffCategory.VIEN_CHUC: "Viên chức",
    StaffCategory.NGUOI_LAO_DONG: "Người lao động",
    InitiativeKind.MO_HINH: "Mô hình",
    InitiativeKind.SANG_KIEN: "Sáng kiến",
    InitiativeKind.GIAI_PHAP: "Giải pháp",
    Assessment.TIEU_BIEU: "Tiêu biểu xuất sắc",
    Assessment.HIEU_QUA: "Hiệu quả",
    Assessment.KHONG_HIEU_QUA: "Không hiệu quả",
    RecognitionBody.CO_SO: "Hội đồng sáng kiến cơ sở",
    RecognitionBody.QUAN: "Hội đồng sáng kiến cấp quận/phường",
    RecognitionBody.THANH_PHO: "Hội đồng sáng kiến cấp thành phố",
    RecognitionScope.DON_VI: "Trong cơ quan, đơn vị",
    RecognitionScope.QUAN: "Toàn quận/phường",
    RecognitionScope.THANH_PHO: "Toàn thành phố",
    RecognitionScope.TOAN_QUOC: "Toàn quốc",
    AuthorRole.CHU_TRI: "Chủ trì",
    AuthorRole.THAM_GIA: "Tham gia",
    HeadLevel.XUAT_SAC: "Hoàn thành xuất sắc nhiệm vụ",
    HeadLevel.TOT: "Hoàn thành tốt nhiệm vụ",
    HeadLevel.HOAN_THANH: "Hoàn thành nhiệm vụ",
    HeadLevel.KHONG_HOAN_THANH: "Không hoàn thành nhiệm vụ",
    NotClassifiedReason.MOI_TUYEN: "Mới tuyển dụng",
    NotClassifiedReason.THAI_SAN: "Nghỉ thai sản",
    NotClassifiedReason.OM_DAI_NGAY: "Nghỉ ốm dài ngày",
    NotClassifiedReason.CHUYEN_CONG_TAC: "Chuyển công tác",
    NotClassifiedReason.KHAC: "Lý do khác",
    CapScope.LEADERS: "Lãnh đạo, quản lý",
    CapScope.ALL: "Toàn đơn vị",
    Severity.WARN: "Cảnh báo",
    Severity.BLOCK: "Chặn (không cho chốt)",
    TrackingState.NOT_REGISTERED: "Chưa đăng ký",
    TrackingState.REGISTRATION_OVERDUE: "Chưa đăng ký (quá hạn)",
    TrackingState.REGISTERED_ON_TIME: "Đăng ký đúng hạn",
    TrackingState.REGISTERED_LATE: "Đăng ký trễ hạn",
    TrackingState.NOT_REPORTED: "Không báo cáo kết quả",
    TrackingState.REPORTED_ON_TIME: "Báo cáo đúng hạn",
    TrackingState.REPORTED_LATE: "Báo cáo trễ hạn",
    TrackingState.ASSESSED: "Đã đánh giá",
    ReviewReason.NOT_REGISTERED: "Không đăng ký mô hình, sáng kiến, giải pháp",
    ReviewReason.REGISTERED_LATE: "Đăng ký trễ hạn",
    ReviewReason.NOT_REPORTED: "Không báo cáo kết quả",
    ReviewReason.REPORTED_LATE: "Báo cáo kết quả trễ hạn",
    ReviewReason.INEFFECTIVE: "Thực hiện không hiệu quả",
    ReviewReason.HEAD_FAILED: "Người đứng đầu không hoàn thành nhiệm vụ",
    DisciplineForm.KHIEN_TRACH: "Khiển trách",
    DisciplineForm.CANH_CAO: "Cảnh cáo",
    DisciplineForm.HA_BAC_LUONG: "Hạ bậc lương",
    DisciplineForm.GIANG_CHUC: "Giáng chức",
    DisciplineForm.CACH_CHUC: "Cách chức",
    DisciplineForm.BUOC_THOI_VIEC: "Buộc thôi việc",
    ListKind.COMMENDATION: "Danh sách nêu gương",
    ListKind.CRITICISM: "Danh sách phê bình",
    TitleCode.LDTT: "Lao động tiên tiến",
    TitleCode.CSTDCS: "Chiến sĩ thi đua cơ sở",
    TitleCode.TTLDTT: "Tập thể lao động tiên tiến",
    TitleCode.TTLDXS: "Tập thể lao động xuất sắc",
    TitleCapScope.PER_UNIT: "Từng đơn vị",
    TitleCapScope.DISTRICT: "Chung tất cả đơn vị",  # level-neutral: the whole district, ward or department
    TitleRank.EXCELLENT_QUARTERS: "Số quý Hoàn thành xuất sắc nhiệm vụ",
    TitleRank.COUNCIL_ORDER: "Thứ tự ưu tiên của Hội đồng",
    TitleRank.YEARLY_RATING: "Mức xếp loại cuối năm",
    TitleJudging.QUARTERS: "Kết quả xếp loại các quý",
    TitleJudging.YEARLY_RATING: "Xếp loại chất lượng cuối năm",
    CapBase.LDTT: "số người đạt Lao động tiên tiến",
    CapBase.MEMBERS: "số cá nhân được xét",
    BonusBaseDay.YEAR_END: "Ngày 31/12 của năm xét",
    BonusBaseDay.DECISION_DATE: "Ngày quyết định khen thưởng",
    Achievement.SANG_KIEN: "Sáng kiến được công nhận ở cơ sở",
    Achievement.DE_TAI: "Đề tài, đề án, công trình khoa học đã nghiệm thu và áp dụng tại đơn vị",
    Achievement.GIAI_PHAP: "Giải pháp công tác được cấp có thẩm quyền công nhận",
}

YES, NO = "Có", "Không"


def label(code: StrEnum) -> str:
    """The Vietnamese label of a code."""
    return LABELS[code]


def labels_of(enum: type[StrEnum]) -> list[str]:
    return [LABELS[member] for member in enum]


@lru_cache(maxsize=4096)  # an import asks the same few labels again on every row
def from_label(enum: type[StrEnum], text: str) -> StrEnum | None:
    """The member whose label is ``text``, ignoring case, diacritics and spacing; else ``None``.

    The stored code itself ("co_quan") is accepted too.
    """
    folded = _folded_labels(enum)
    return folded.get(tuple(fold(text).replace("-", " ").split())) or next(
        (member for member in enum if member.value == text), None)


@cache
def _folded_labels(enum: type[StrEnum]) -> dict[tuple[str, ...], StrEnum]:
    return {tuple(fold(LABELS[m]).replace("-", " ").split()): m for m in enum}


def title_from_text(text: str) -> TitleCode | None:
    """The title named by ``text``: a short alias (LDTT, CSTDCS, TTLDTT, TTLDXS, any case) or the
    label ("Lao động tiên tiến", ignoring case and diacritics); ``None`` when it names none."""
    alias = str(text).strip().lower()
    found = next((t for t in TitleCode if t.value == alias), None)
    return found or from_label(TitleCode, str(text))


def level_from_text(text: str) -> HeadLevel | None:
    """The level named by ``text``: its label ("Hoàn thành tốt nhiệm vụ", ignoring case and
    diacritics), its stored code ("tot") or its short form ("HTTNV", any case); else ``None``."""
    short = str(text).strip().upper()
    found = next((level for level, s in LEVEL_SHORT.items() if s == short), None)
    return found or from_label(HeadLevel, str(text))
