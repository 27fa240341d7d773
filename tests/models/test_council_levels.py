"""Issue #15: the council's level is data (district, ward, department) with the words it prints; the
unit kinds of a ward's council (migration 0010 rebuilds the unit table's kind CHECK)."""
import json
import sqlite3
from dataclasses import replace

import pytest
from sqlite_utils import Database

from models.common.codes import KIND_ORDER, CouncilLevel, UnitKind, from_label, label
from models.common.errors import ValidationError
from models.people.units import Unit, get_unit, list_units, save_unit
from models.store.council_wording import level_wording, wording_changes
from models.store.db import connect
from models.store.history import list_changes
from models.store.schema import MIGRATIONS
from models.store.schema_units import UNIT_KINDS_2018, UNIT_KINDS_2025, add_ward_unit_kinds
from models.store.settings import CouncilNames, council_names, set_council_names
from models.yearend.lists import default_issuer

from .db_rows import rerun_changes_nothing

WARD_KINDS = (UnitKind.TRUNG_TAM_HCC, UnitKind.TRUONG_HOC, UnitKind.TRAM_Y_TE, UnitKind.KHU_PHO)


# --- the level and its words ------------------------------------------------------------------------

def test_a_database_without_the_setting_prints_the_district_words_of_today(db):
    names = council_names(db)
    assert names == CouncilNames()
    assert (names.level, names.total_label, names.everyone, names.council_name) == (
        CouncilLevel.DISTRICT, "Toàn quận", "toàn quận", "Hội đồng Thi đua - Khen thưởng quận Gò Vấp")
    assert names.parent_body == "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP"
    assert names.recipients == ("Thường trực Quận ủy;", "Thường trực HĐND quận;",
                                "Các cơ quan, đơn vị, UBND 16 phường;", "Lưu: VT, NV.")


def test_a_setting_saved_before_the_level_keeps_naming_the_council_by_its_place(db):
    # what Tệp > Thông tin in trên văn bản saved before the level existed: no level, area, area_name
    old = {"parent_body": "ỦY BAN NHÂN DÂN QUẬN BÌNH THẠNH", "issuing_body": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
           "place": "Bình Thạnh", "signer_authority": "KT. CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH",
           "signer_name": "Lê Văn Tám", "recipients": ["Như trên;"]}
    db.execute("INSERT INTO setting (key, value) VALUES ('council_names', ?)", [json.dumps(old)])
    names = council_names(db)
    assert (names.level, names.area, names.area_name) == (CouncilLevel.DISTRICT, "quận", "Bình Thạnh")
    assert default_issuer(names) == "Hội đồng Thi đua - Khen thưởng quận Bình Thạnh"  # as printed before
    assert names.total_label == "Toàn quận"


def test_an_unknown_stored_level_reads_as_a_district(db):
    db.execute("INSERT INTO setting (key, value) VALUES ('council_names', ?)", [json.dumps({"level": "tinh"})])
    assert council_names(db).level == CouncilLevel.DISTRICT


def test_a_ward_council_is_saved_and_read_back_with_its_words(db):
    ward = level_wording(replace(CouncilNames(), area_name="  Gò Vấp "), CouncilLevel.WARD)
    set_council_names(db, ward)
    names = council_names(db)
    assert names.level == CouncilLevel.WARD and names.area_name == "Gò Vấp"
    assert (names.total_label, names.everyone, names.council_name) == (
        "Toàn phường", "toàn phường", "Hội đồng Thi đua - Khen thưởng phường Gò Vấp")
    stored = json.loads(db.execute("SELECT value FROM setting WHERE key = 'council_names'").fetchone()[0])
    assert stored["level"] == "level_ward" and stored["area"] == "phường"


def test_an_empty_area_word_is_refused_beside_its_field_and_nothing_is_saved(db):
    with pytest.raises(ValidationError) as raised:
        set_council_names(db, replace(CouncilNames(), area="  "))
    assert raised.value.errors == {
        "area": "Từ chỉ địa bàn (ví dụ “phường”, in trong “Toàn phường”) không được để trống"}
    assert db.execute("SELECT count(*) FROM setting").fetchone() == (0,)


def test_the_usual_wording_of_a_ward_a_commune_and_a_numbered_ward():
    ward = level_wording(replace(CouncilNames(), area_name="Gò Vấp"), CouncilLevel.WARD)
    assert (ward.area, ward.parent_body, ward.place) == ("phường", "ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP", "Gò Vấp")
    assert ward.recipients == ("Thường trực Đảng ủy phường;", "Thường trực HĐND phường;",
                               "Các cơ quan, đơn vị, khu phố thuộc phường;", "Lưu: VT.")
    assert (ward.issuing_body, ward.signer_title) == (CouncilNames().issuing_body, CouncilNames().signer_title)
    commune = level_wording(replace(CouncilNames(), area="xã", area_name="Bình Chánh"), CouncilLevel.WARD)
    assert (commune.parent_body, commune.recipients[2]) == (
        "ỦY BAN NHÂN DÂN XÃ BÌNH CHÁNH", "Các cơ quan, đơn vị, ấp thuộc xã;")
    zone = level_wording(replace(CouncilNames(), area="đặc khu", area_name="Côn Đảo"), CouncilLevel.WARD)
    assert (zone.parent_body, zone.recipients[2]) == ("ỦY BAN NHÂN DÂN ĐẶC KHU CÔN ĐẢO",
                                                      "Các cơ quan, đơn vị thuộc đặc khu;")
    numbered = level_wording(replace(CouncilNames(), area_name="5"), CouncilLevel.WARD)
    assert (numbered.parent_body, numbered.place) == ("ỦY BAN NHÂN DÂN PHƯỜNG 5", "Phường 5")  # Decree 30


def test_the_usual_wording_of_a_district_and_of_a_city_department():
    district = level_wording(replace(CouncilNames(), area="huyện", area_name="Củ Chi"), CouncilLevel.DISTRICT)
    assert (district.parent_body, district.recipients[:3]) == ("ỦY BAN NHÂN DÂN HUYỆN CỦ CHI", (
        "Thường trực Huyện ủy;", "Thường trực HĐND huyện;", "Các cơ quan, đơn vị, UBND các xã, thị trấn;"))
    department = level_wording(replace(CouncilNames(), area_name="Nội vụ"), CouncilLevel.DEPARTMENT)
    assert (department.area, department.parent_body, department.place) == (
        "Sở", "SỞ NỘI VỤ", "Thành phố Hồ Chí Minh")
    assert (department.total_label, department.council_name) == ("Toàn Sở", "Hội đồng Thi đua - Khen thưởng Sở Nội vụ")


def test_whom_the_table_of_all_units_covers_follows_the_level():
    def covered(level, area):
        return replace(CouncilNames(), level=level, area=area).units_covered

    assert CouncilNames().units_covered == "Các cơ quan, đơn vị, UBND các phường"  # as printed before
    assert covered(CouncilLevel.DISTRICT, "huyện") == "Các cơ quan, đơn vị, UBND các xã, thị trấn"
    assert covered(CouncilLevel.WARD, "phường") == "Các cơ quan, đơn vị, khu phố"
    assert covered(CouncilLevel.WARD, "xã") == "Các cơ quan, đơn vị, ấp"
    assert covered(CouncilLevel.WARD, "đặc khu") == "Các cơ quan, đơn vị"
    assert covered(CouncilLevel.DEPARTMENT, "Sở") == "Các phòng, đơn vị"


def test_the_wording_changes_name_each_field_with_its_old_and_new_text():
    current = CouncilNames()
    assert wording_changes(current, level_wording(current, CouncilLevel.DISTRICT)) == [
        ("Nơi nhận", "Thường trực Quận ủy; Thường trực HĐND quận; Các cơ quan, đơn vị, UBND 16 phường; Lưu: VT, NV.",
         "Thường trực Quận ủy; Thường trực HĐND quận; Các cơ quan, đơn vị, UBND các phường; Lưu: VT, NV.")]
    ward = level_wording(current, CouncilLevel.WARD)
    assert [name for name, _, _ in wording_changes(current, ward)] == ["Từ chỉ địa bàn", "Cơ quan cấp trên", "Nơi nhận"]
    assert wording_changes(ward, ward) == []


# --- the unit kinds of a ward ------------------------------------------------------------------------

def test_the_ward_kinds_have_labels_and_sit_among_the_kinds_in_the_councils_order():
    assert [label(k) for k in WARD_KINDS] == [
        "Trung tâm Phục vụ hành chính công", "Trường học", "Trạm y tế", "Khu phố - Ấp"]
    order = sorted(UnitKind, key=KIND_ORDER.get)
    assert order[:2] == [UnitKind.CO_QUAN, UnitKind.TRUNG_TAM_HCC] and order[-2:] == [UnitKind.KHU_PHO, UnitKind.KHAC]
    # the labels and codes the import accepted before are still accepted, the new ones too
    for text, kind in (("Cơ quan chuyên môn", UnitKind.CO_QUAN), ("phuong", UnitKind.PHUONG), ("Khác", UnitKind.KHAC),
                       ("khu pho - ap", UnitKind.KHU_PHO), ("TRẠM Y TẾ", UnitKind.TRAM_Y_TE),
                       ("truong_hoc", UnitKind.TRUONG_HOC)):
        assert from_label(UnitKind, text) == kind


def test_a_unit_of_each_ward_kind_is_saved_and_read_back(db):
    for i, kind in enumerate(WARD_KINDS):
        saved = save_unit(db, Unit(code=f"W{i}", name=f"Đơn vị {label(kind)}", kind=kind))
        assert get_unit(db, saved.id).kind == kind
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('X', 'X', 'x', 'to_dan_pho')")


def _database_of_2018(path):
    """A database file as the program left it before migration 0010, with a unit, a person in it and
    a classification pointing at the unit."""
    old = Database(path)
    old.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(old, stop_before="0010_ward_unit_kinds")
    old.execute("INSERT INTO unit (code, name, name_folded, kind, head_name) "
                "VALUES ('P05', 'Phường 5', 'phuong 5', 'phuong', 'Lê Văn A')")
    old.execute("INSERT INTO staff (code, full_name, name_folded, gender, category) "
                "VALUES ('CB1', 'Nguyễn Văn An', 'nguyen van an', 'nam', 'can_bo')")
    old.execute("INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (1, 1, '2018-01-01')")
    old.execute("INSERT INTO classification (staff_id, unit_id, year, quarter, level) VALUES (1, 1, 2018, 3, 'tot')")
    old.conn.commit()
    old.close()


def test_migration_0010_upgrades_a_2018_database_keeping_its_rows_and_references(tmp_path):
    path = tmp_path / "old.sqlite3"
    _database_of_2018(path)
    db = connect(path)
    (unit,) = list_units(db)
    assert (unit.code, unit.name, unit.kind, unit.head_name) == ("P05", "Phường 5", UnitKind.PHUONG, "Lê Văn A")
    assert db.execute("SELECT staff_id, unit_id FROM staff_unit").fetchall() == [(1, 1)]
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):  # the references to the rebuilt table still hold
        db.execute("DELETE FROM unit WHERE id = 1")
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'unit'").fetchone()[0]
    assert UNIT_KINDS_2025 in sql and UNIT_KINDS_2018 not in sql
    assert db.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'unit' AND type = 'index' "
                      "AND sql IS NOT NULL").fetchall() == [("unit_name_folded",)]
    save_unit(db, Unit(code="KP1", name="Khu phố 1", kind=UnitKind.KHU_PHO))  # recorded in the history
    assert [c.action for c in list_changes(db, table="unit")][:1] == ["insert"]
    db.close()


def test_migration_0010_run_again_changes_nothing(tmp_path):
    path = tmp_path / "old.sqlite3"
    _database_of_2018(path)
    rerun_changes_nothing(path, add_ward_unit_kinds, ["unit"])


def test_migration_0010_writes_its_value_lists_without_reading_the_enums():
    import ast
    from pathlib import Path

    import models.store.schema_units as schema_units

    source = Path(schema_units.__file__).read_text(encoding="utf-8")
    assert "models.common.codes" not in {n.module for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)}
    assert UNIT_KINDS_2025 == "kind IN (" + ", ".join(f"'{k.value}'" for k in UnitKind) + ")"
