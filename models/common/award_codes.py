"""The codes of the award register: what an award is (:class:`AwardKind`) and who gave it
(:class:`AwardLevel`), each with one Vietnamese label and the other ways old spreadsheets write it."""
from __future__ import annotations

from enum import StrEnum
from functools import cache

from models.common.text import fold


class AwardKind(StrEnum):
    """What an award is; the four yearly titles keep the values of ``TitleCode``."""

    LDTT = "ldtt"
    CSTDCS = "cstdcs"
    TTLDTT = "ttldtt"
    TTLDXS = "ttldxs"
    CSTD_TINH = "cstd_tinh"
    CSTD_TOAN_QUOC = "cstd_toan_quoc"
    GIAY_KHEN = "giay_khen"
    BANG_KHEN = "bang_khen"
    CO_THI_DUA = "co_thi_dua"
    HUAN_CHUONG = "huan_chuong"
    HUY_CHUONG = "huy_chuong"
    KY_NIEM_CHUONG = "ky_niem_chuong"
    DANH_HIEU_VINH_DU = "danh_hieu_vinh_du"
    KHAC = "khac"


class AwardLevel(StrEnum):
    """Who gave the award (cấp khen), lowest first."""

    CO_SO = "co_so"
    XA = "xa"
    HUYEN = "huyen"
    TINH = "tinh"
    BO_NGANH = "bo_nganh"
    CHINH_PHU = "chinh_phu"
    NHA_NUOC = "nha_nuoc"


AWARD_LABELS: dict[str, str] = {
    AwardKind.LDTT: "Lao động tiên tiến",
    AwardKind.CSTDCS: "Chiến sĩ thi đua cơ sở",
    AwardKind.TTLDTT: "Tập thể lao động tiên tiến",
    AwardKind.TTLDXS: "Tập thể lao động xuất sắc",
    AwardKind.CSTD_TINH: "Chiến sĩ thi đua cấp tỉnh",
    AwardKind.CSTD_TOAN_QUOC: "Chiến sĩ thi đua toàn quốc",
    AwardKind.GIAY_KHEN: "Giấy khen",
    AwardKind.BANG_KHEN: "Bằng khen",
    AwardKind.CO_THI_DUA: "Cờ thi đua",
    AwardKind.HUAN_CHUONG: "Huân chương",
    AwardKind.HUY_CHUONG: "Huy chương",
    AwardKind.KY_NIEM_CHUONG: "Kỷ niệm chương",
    AwardKind.DANH_HIEU_VINH_DU: "Danh hiệu vinh dự Nhà nước",
    AwardKind.KHAC: "Hình thức khác",
    AwardLevel.CO_SO: "Cơ quan, đơn vị",
    AwardLevel.XA: "Cấp xã",
    AwardLevel.HUYEN: "Cấp huyện",
    AwardLevel.TINH: "Cấp tỉnh",
    AwardLevel.BO_NGANH: "Cấp bộ, ngành",
    AwardLevel.CHINH_PHU: "Thủ tướng Chính phủ",
    AwardLevel.NHA_NUOC: "Chủ tịch nước",
}

# Other ways a spreadsheet writes them (folded, compared word by word).
_KIND_SYNONYMS = {
    AwardKind.CSTD_TINH: ("chien si thi dua cap thanh pho", "chien si thi dua thanh pho", "chien si thi dua tinh",
                          "chien si thi dua cap bo nganh tinh", "cstd cap tinh", "cstd cap thanh pho"),
    AwardKind.LDTT: ("ldtt",), AwardKind.CSTDCS: ("cstdcs", "chien si thi dua cap co so"),
    AwardKind.TTLDTT: ("ttldtt",), AwardKind.TTLDXS: ("ttldxs",),
    AwardKind.DANH_HIEU_VINH_DU: ("anh hung lao dong", "nha giao nhan dan", "nha giao uu tu", "thay thuoc nhan dan",
                                  "thay thuoc uu tu", "nghe si nhan dan", "nghe si uu tu", "ba me viet nam anh hung"),
}
_LEVEL_SYNONYMS = {
    AwardLevel.CO_SO: ("co so", "co quan", "don vi", "thu truong co quan", "thu truong don vi"),
    AwardLevel.XA: ("xa", "phuong", "thi tran", "cap phuong", "ubnd phuong", "ubnd xa"),
    AwardLevel.HUYEN: ("huyen", "quan", "cap quan", "thi xa", "ubnd quan", "ubnd huyen", "quan huyen"),
    AwardLevel.TINH: ("tinh", "thanh pho", "cap thanh pho", "ubnd thanh pho", "ubnd tinh", "tinh thanh pho"),
    AwardLevel.BO_NGANH: ("bo", "nganh", "bo nganh", "trung uong", "cap bo", "doan the trung uong"),
    AwardLevel.CHINH_PHU: ("chinh phu", "thu tuong"),
    AwardLevel.NHA_NUOC: ("nha nuoc", "cap nha nuoc", "chu tich nuoc"),
}

# The yearly titles the council's approved lists write into the register by themselves (see
# models.awards.register.record_approved_list), at the district level. Tập thể lao động xuất sắc is only
# proposed by the district (the city's chairman awards it): it is entered when the city's decision comes.
AUTO_TITLES = (AwardKind.LDTT, AwardKind.CSTDCS, AwardKind.TTLDTT)
COLLECTIVE_KINDS = (AwardKind.TTLDTT, AwardKind.TTLDXS, AwardKind.CO_THI_DUA)


def award_label(code: str) -> str:
    return AWARD_LABELS.get(code, code)


def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(text).replace("-", " ").replace(",", " ").replace("(", " ").replace(")", " ").split())


@cache
def _kind_names() -> list[tuple[tuple[str, ...], AwardKind]]:
    names = [(_words(AWARD_LABELS[k]), k) for k in AwardKind if k != AwardKind.KHAC]
    names += [(_words(s), k) for k, synonyms in _KIND_SYNONYMS.items() for s in synonyms]
    return sorted(names, key=lambda n: -len(n[0]))  # the longest name first: "Chiến sĩ thi đua cơ sở" before "..."


def kind_of_form(form: str) -> AwardKind | None:
    """What the award written ``form`` is: a label or synonym, or one followed by more words
    ("Huân chương Lao động hạng Ba" is a Huân chương; "Bằng khen của Chủ tịch UBND Thành phố" a Bằng khen).
    ``None`` when nothing matches."""
    words = _words(form)
    if not words:
        return None
    if words == _words(AWARD_LABELS[AwardKind.KHAC]) or words == ("khac",):
        return AwardKind.KHAC
    return next((kind for name, kind in _kind_names() if words[:len(name)] == name), None)


def level_of_text(text: str) -> AwardLevel | None:
    """The level written ``text`` ("Cấp huyện", "Quận", "Thành phố"...), or the stored code; else ``None``."""
    if text in tuple(AwardLevel):
        return AwardLevel(text)
    words = _words(text)
    if words and words[0] == "cap" and len(words) > 1 and words[1:] != ("co", "so"):
        words = words[1:]  # "Cấp huyện" -> "huyện"
    for level in AwardLevel:
        if words == _words(AWARD_LABELS[level]) or words in {_words(s) for s in _LEVEL_SYNONYMS[level]}:
            return level
    return None


def kind_labels() -> list[str]:
    return [AWARD_LABELS[k] for k in AwardKind]


def level_labels() -> list[str]:
    return [AWARD_LABELS[level] for level in AwardLevel]
