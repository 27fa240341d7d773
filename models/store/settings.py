"""The council's settings: names printed on documents, the head-evaluation criteria, ..."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING

from models.common.codes import CouncilLevel
from models.common.text import blank_fields, clean

if TYPE_CHECKING:  # printing a list needs no database (see models.yearend.printable)
    from sqlite_utils import Database


@dataclass(frozen=True)
class CouncilNames:
    """What every official document prints in its header and signature block, and the council's
    level with the words that name its area: ``area`` "quận" prints "Toàn quận" (the total line of a
    table, :attr:`total_label`), "toàn quận" (:attr:`everyone`) and, with ``area_name``, the
    council's own name "Hội đồng Thi đua - Khen thưởng quận Gò Vấp" (:attr:`council_name`). The
    defaults are the 2018 Gò Vấp district council's; :mod:`models.store.council_wording` holds the
    usual wording of each level."""

    parent_body: str = "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP"
    issuing_body: str = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    place: str = "Gò Vấp"
    signer_authority: str = "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    recipients: tuple[str, ...] = ("Thường trực Quận ủy;", "Thường trực HĐND quận;", "Các cơ quan, đơn vị, UBND 16 phường;", "Lưu: VT, NV.")
    level: CouncilLevel = CouncilLevel.DISTRICT
    area: str = "quận"  # "phường", "xã", "đặc khu", "huyện", "Sở", "Ban"
    area_name: str = "Gò Vấp"  # a setting saved before the level existed: its place (as printed then)

    @property
    def total_label(self) -> str:
        """The bold last line of a table of units: "Toàn quận", "Toàn phường"."""
        return f"Toàn {self.area}"

    @property
    def everyone(self) -> str:
        """All units together, inside a sentence: "toàn quận", "toàn phường"."""
        return f"toàn {self.area}"

    @property
    def units_covered(self) -> str:
        """Whom a table of all the council's units covers (under its title): "Các cơ quan, đơn vị,
        UBND các phường" (a district), "Các cơ quan, đơn vị, khu phố" (a ward), "Các phòng, đơn vị"."""
        if self.level == CouncilLevel.DEPARTMENT:
            return "Các phòng, đơn vị"
        below = {"quận": "UBND các phường", "huyện": "UBND các xã, thị trấn", "phường": "khu phố", "xã": "ấp"}
        return ", ".join(["Các cơ quan, đơn vị"] + ([below[self.area]] if self.area in below else []))

    @property
    def council_name(self) -> str:
        """"Hội đồng Thi đua - Khen thưởng quận Gò Vấp": the reference line's "của ..."."""
        name = clean(self.area_name)
        return f"Hội đồng Thi đua - Khen thưởng {clean(self.area)} {name}" if name else "Hội đồng Thi đua - Khen thưởng"


def get_setting(db: Database, key: str, default=None):
    row = db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def set_setting(db: Database, key: str, value) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value, ensure_ascii=False)],
        )


def council_names(db: Database) -> CouncilNames:
    stored = get_setting(db, "council_names", {}) or {}
    known = {f.name for f in fields(CouncilNames)}
    values = {k: v for k, v in stored.items() if k in known}
    if "recipients" in values:
        values["recipients"] = tuple(values["recipients"])
    if "area_name" not in values and "place" in values:
        values["area_name"] = values["place"]  # saved before the level: the council's name used the place
    try:
        values["level"] = CouncilLevel(values.get("level", CouncilLevel.DISTRICT))
    except ValueError:
        values["level"] = CouncilLevel.DISTRICT
    return replace(CouncilNames(), **values)


def check_council_names(names: CouncilNames) -> dict[str, str]:
    """What the printed documents cannot do without, by field."""
    return blank_fields(names, {
        "parent_body": "Tên cơ quan cấp trên (dòng đầu bên trái) không được để trống",
        "issuing_body": "Tên cơ quan ban hành không được để trống",
        "place": "Địa danh ghi trước ngày tháng (ví dụ “Gò Vấp”) không được để trống",
        "signer_title": "Chức vụ người ký không được để trống",
        "area": "Từ chỉ địa bàn (ví dụ “phường”, in trong “Toàn phường”) không được để trống",
    })


def set_council_names(db: Database, names: CouncilNames) -> None:
    """Save what every document prints in its header and signature block; refused (nothing
    written) when a required line is empty."""
    errors = check_council_names(names)
    if errors:
        from models.common.errors import ValidationError

        raise ValidationError(errors)
    cleaned = replace(
        names,
        **{f.name: clean(getattr(names, f.name)) for f in fields(CouncilNames) if f.name not in ("recipients", "level")},
        recipients=tuple(r for r in (clean(x) for x in names.recipients) if r), level=CouncilLevel(names.level),
    )
    value = asdict(cleaned)
    value["recipients"] = list(cleaned.recipients)
    value["level"] = str(cleaned.level)
    set_setting(db, "council_names", value)
