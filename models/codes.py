"""Stable codes stored in the database, each with exactly one Vietnamese label (``LABELS``)."""
from __future__ import annotations

from enum import StrEnum

from .text import fold


class UnitKind(StrEnum):
    CO_QUAN = "co_quan"
    SU_NGHIEP = "su_nghiep"
    MAT_TRAN = "mat_tran"
    DANG = "dang"
    PHUONG = "phuong"
    KHAC = "khac"


class Gender(StrEnum):
    NAM = "nam"
    NU = "nu"


class StaffCategory(StrEnum):
    CAN_BO = "can_bo"
    CONG_CHUC = "cong_chuc"
    VIEN_CHUC = "vien_chuc"
    NGUOI_LAO_DONG = "nguoi_lao_dong"


LABELS: dict[StrEnum, str] = {
    UnitKind.CO_QUAN: "Cơ quan chuyên môn",
    UnitKind.SU_NGHIEP: "Đơn vị sự nghiệp",
    UnitKind.MAT_TRAN: "Mặt trận - Đoàn thể",
    UnitKind.DANG: "Tổ chức cơ sở Đảng",
    UnitKind.PHUONG: "Phường",
    UnitKind.KHAC: "Khác",
    Gender.NAM: "Nam",
    Gender.NU: "Nữ",
    StaffCategory.CAN_BO: "Cán bộ",
    StaffCategory.CONG_CHUC: "Công chức",
    StaffCategory.VIEN_CHUC: "Viên chức",
    StaffCategory.NGUOI_LAO_DONG: "Người lao động",
}

YES, NO = "Có", "Không"


def label(code: StrEnum) -> str:
    """The Vietnamese label of a code."""
    return LABELS[code]


def labels_of(enum: type[StrEnum]) -> list[str]:
    return [LABELS[member] for member in enum]


def from_label(enum: type[StrEnum], text: str) -> StrEnum | None:
    """The member whose label is ``text``, ignoring case, diacritics and spacing; else ``None``.

    The stored code itself ("co_quan") is accepted too.
    """
    wanted = fold(text).replace("-", " ").split()
    for member in enum:
        if fold(LABELS[member]).replace("-", " ").split() == wanted or member.value == text:
            return member
    return None
