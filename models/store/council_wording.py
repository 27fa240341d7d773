"""The usual wording of each council level, which Tệp > Thông tin in trên văn bản offers to fill in
when the level changes (the user's own text is never replaced without asking).

Since 01/07/2025 Ho Chi Minh City has no districts: its wards, communes and the special zone report
to the city (Nghị quyết 1685/NQ-UBTVQH15; see docs/council-levels.md), so a council is a district's
(the 2018 databases), a ward's, commune's or the special zone's, or a city department's.
"""
from __future__ import annotations

from dataclasses import replace

from models.common.codes import CouncilLevel
from models.common.text import clean, nfc
from models.store.settings import CouncilNames

# The words naming a council's area, the usual one first; "Toàn {word}" closes its tables.
AREA_WORDS: dict[CouncilLevel, tuple[str, ...]] = {
    CouncilLevel.DISTRICT: ("quận", "huyện"),
    CouncilLevel.WARD: ("phường", "xã", "đặc khu"),
    CouncilLevel.DEPARTMENT: ("Sở", "Ban"),
}
CITY = "Thành phố Hồ Chí Minh"  # the place a city department dates its documents at


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def level_wording(names: CouncilNames, level: CouncilLevel) -> CouncilNames:
    """``names`` with what a council of ``level`` usually prints: the area word (kept when it is one
    of the level's), the parent body, the place and the recipients, from the area's name. The
    issuing body, the signer and the area's name stay as they are."""
    area = names.area if names.area in AREA_WORDS[level] else AREA_WORDS[level][0]
    name = clean(names.area_name)
    body = f"{area} {name}".strip()
    if level == CouncilLevel.DEPARTMENT:
        parent, place = body, CITY
        recipients = (f"Lãnh đạo {area};", f"Các phòng, đơn vị thuộc {area};", "Lưu: VT.")
    else:
        parent = f"Ủy ban nhân dân {body}"
        # Decree 30/2020/NĐ-CP: a ward named by a number is dated "Phường 5, ngày ...".
        place = f"{_capital(area)} {name}" if name.isdigit() else name
        if level == CouncilLevel.WARD:
            below = {"phường": "khu phố", "xã": "ấp"}.get(area)
            recipients = (f"Thường trực Đảng ủy {area};", f"Thường trực HĐND {area};",
                          f"Các cơ quan, đơn vị{', ' + below if below else ''} thuộc {area};", "Lưu: VT.")
        else:
            below = "phường" if area == "quận" else "xã, thị trấn"
            recipients = (f"Thường trực {_capital(area)} ủy;", f"Thường trực HĐND {area};",
                          f"Các cơ quan, đơn vị, UBND các {below};", "Lưu: VT, NV.")
    return replace(names, level=level, area=area, parent_body=nfc(parent).upper(), place=place or names.place,
                   recipients=recipients)


# The fields :func:`level_wording` may change, with the names the question lists them by.
WORDING_FIELDS = {
    "area": "Từ chỉ địa bàn", "parent_body": "Cơ quan cấp trên", "place": "Địa danh", "recipients": "Nơi nhận",
}


def wording_changes(current: CouncilNames, proposed: CouncilNames) -> list[tuple[str, str, str]]:
    """(field's Vietnamese name, current text, proposed text) of each field ``proposed`` would
    replace; the recipients as their lines joined with " "."""
    def text(names: CouncilNames, name: str) -> str:
        value = getattr(names, name)
        return " ".join(value) if isinstance(value, tuple) else value

    return [(label, text(current, name), text(proposed, name)) for name, label in WORDING_FIELDS.items()
            if getattr(current, name) != getattr(proposed, name)]
