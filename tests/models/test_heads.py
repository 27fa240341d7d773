"""Yearly evaluation of each unit head (Decision 3767/QĐ-UBND): four levels, user-defined criteria."""
from dataclasses import replace

import pytest

from models.common.codes import HeadLevel
from models.common.errors import NotFound, ValidationError
from models.people.heads import (
    DEFAULT_CRITERIA,
    Criterion,
    HeadEvaluation,
    criteria_template,
    delete_evaluation,
    get_evaluation,
    list_evaluations,
    save_evaluation,
    set_criteria_template,
)

from .units_data import NV, P01, save_units
from .db_rows import rows_of

TABLES = ("head_evaluation", "head_criterion", "setting")


def _dump(db):
    return rows_of(db, TABLES)


@pytest.fixture
def units(db):
    return save_units(db, [(*P01, "Lê Văn Bình", "Chủ tịch UBND phường"), (*NV, "Đỗ Thị Ửng", "Trưởng phòng")])


CRITERIA = (
    Criterion("Cải cách hành chính, giải quyết hồ sơ đúng hạn", "Đạt"),
    Criterion("Phòng, chống tham nhũng, lãng phí", "Chưa đạt"),
    Criterion("Tiếp công dân", ""),
)


def test_save_evaluation_stores_the_level_note_and_criteria_in_order(db, units):
    saved = save_evaluation(db, HeadEvaluation(
        unit_id=units["P01"].id, year=2018, level=HeadLevel.TOT, head_name="Nguyễn Văn Cũ",
        head_title="Chủ tịch UBND phường (đến 10/2018)", note="  Hoàn thành tốt  ", criteria=CRITERIA,
    ))
    assert saved.id is not None
    assert (saved.unit_code, saved.unit_name, saved.year) == ("P01", "Ủy ban nhân dân Phường 1", 2018)
    assert (saved.level, saved.level_label) == (HeadLevel.TOT, "Hoàn thành tốt nhiệm vụ")
    assert (saved.head_name, saved.head_title) == ("Nguyễn Văn Cũ", "Chủ tịch UBND phường (đến 10/2018)")
    assert saved.note == "Hoàn thành tốt"
    assert saved.criteria == CRITERIA
    assert db.execute(
        "SELECT position, name, result FROM head_criterion WHERE evaluation_id = ? ORDER BY position",
        [saved.id],
    ).fetchall() == [(i, c.name, c.result) for i, c in enumerate(CRITERIA)]


def test_an_empty_head_name_and_title_are_taken_from_the_unit(db, units):
    saved = save_evaluation(db, HeadEvaluation(unit_id=units["NV"].id, year=2018, level=HeadLevel.XUAT_SAC))
    assert (saved.head_name, saved.head_title) == ("Đỗ Thị Ửng", "Trưởng phòng")
    only_title = save_evaluation(db, HeadEvaluation(
        unit_id=units["P01"].id, year=2018, level=HeadLevel.XUAT_SAC, head_name="Trần Văn Mới"))
    assert (only_title.head_name, only_title.head_title) == ("Trần Văn Mới", "Chủ tịch UBND phường")


def test_saving_again_for_the_same_unit_and_year_replaces_the_evaluation(db, units):
    first = save_evaluation(db, HeadEvaluation(
        unit_id=units["P01"].id, year=2018, level=HeadLevel.TOT, criteria=CRITERIA))
    second = save_evaluation(db, HeadEvaluation(
        unit_id=units["P01"].id, year=2018, level=HeadLevel.KHONG_HOAN_THANH, note="Chưa đăng ký mô hình",
        criteria=(Criterion("Chấp hành kỷ luật, kỷ cương hành chính", "Chưa đạt"),),
    ))
    assert second.id == first.id
    assert second.level == HeadLevel.KHONG_HOAN_THANH
    assert second.criteria == (Criterion("Chấp hành kỷ luật, kỷ cương hành chính", "Chưa đạt"),)
    assert db.execute("SELECT count(*) FROM head_evaluation").fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM head_criterion").fetchone() == (1,)


def test_the_same_unit_has_one_evaluation_per_year(db, units):
    save_evaluation(db, HeadEvaluation(unit_id=units["P01"].id, year=2018, level=HeadLevel.TOT))
    save_evaluation(db, HeadEvaluation(unit_id=units["P01"].id, year=2019, level=HeadLevel.HOAN_THANH))
    assert get_evaluation(db, units["P01"].id, 2018).level == HeadLevel.TOT
    assert get_evaluation(db, units["P01"].id, 2019).level == HeadLevel.HOAN_THANH


def test_list_evaluations_gives_one_year_by_unit_code(db, units):
    save_evaluation(db, HeadEvaluation(unit_id=units["P01"].id, year=2018, level=HeadLevel.TOT,
                                       criteria=CRITERIA))
    save_evaluation(db, HeadEvaluation(unit_id=units["NV"].id, year=2018, level=HeadLevel.XUAT_SAC))
    save_evaluation(db, HeadEvaluation(unit_id=units["NV"].id, year=2019, level=HeadLevel.HOAN_THANH))
    found = list_evaluations(db, 2018)
    assert [(e.unit_code, e.level, len(e.criteria)) for e in found] == [
        ("NV", HeadLevel.XUAT_SAC, 0), ("P01", HeadLevel.TOT, 3),
    ]
    assert list_evaluations(db, 2017) == []


def test_delete_evaluation_removes_it_with_its_criteria(db, units):
    save_evaluation(db, HeadEvaluation(unit_id=units["P01"].id, year=2018, level=HeadLevel.TOT,
                                       criteria=CRITERIA))
    delete_evaluation(db, units["P01"].id, 2018)
    assert db.execute("SELECT count(*) FROM head_criterion").fetchone() == (0,)
    with pytest.raises(NotFound, match="^Chưa có đánh giá người đứng đầu của đơn vị trong năm này$"):
        get_evaluation(db, units["P01"].id, 2018)


def test_criteria_template_is_the_default_list_until_set(db):
    assert criteria_template(db) == DEFAULT_CRITERIA
    assert len(DEFAULT_CRITERIA) == 8


def test_set_criteria_template_stores_a_cleaned_list(db):
    set_criteria_template(db, ["  Cải cách   hành chính ", "", "Dân vận khéo"])
    assert criteria_template(db) == ("Cải cách hành chính", "Dân vận khéo")


def test_set_criteria_template_refuses_duplicates_and_writes_nothing(db):
    set_criteria_template(db, ["Cải cách hành chính"])
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        set_criteria_template(db, ["Dân vận khéo", "DÂN VẬN KHÉO"])
    assert caught.value.errors == {"criteria": "Danh sách tiêu chí có mục trùng nhau"}
    assert _dump(db) == before
    assert criteria_template(db) == ("Cải cách hành chính",)


def test_criteria_are_cleaned_when_saved(db, units):
    saved = save_evaluation(db, HeadEvaluation(
        unit_id=units["P01"].id, year=2018, level=HeadLevel.TOT,
        criteria=(Criterion("  Cải cách   hành chính ", "  Đạt "),),
    ))
    assert saved.criteria == (Criterion("Cải cách hành chính", "Đạt"),)


@pytest.mark.parametrize(
    "changes, errors",
    [
        (dict(unit_id=None), {"unit_id": "Chưa chọn đơn vị"}),
        (dict(unit_id=999), {"unit_id": "Đơn vị không tồn tại"}),
        (dict(year=1999), {"year": "Năm phải từ 2000 đến 2100"}),
        (dict(year=2101), {"year": "Năm phải từ 2000 đến 2100"}),
        (dict(level=None), {"level": "Chưa chọn mức xếp loại"}),
        (dict(level="xuat_sac_lam"), {"level": "Chưa chọn mức xếp loại"}),
        (dict(criteria=(Criterion("  ", "Đạt"),)), {"criteria": "Tiêu chí không được để trống tên"}),
    ],
)
def test_a_wrong_evaluation_is_refused_and_nothing_written(db, units, changes, errors):
    save_evaluation(db, HeadEvaluation(unit_id=units["NV"].id, year=2018, level=HeadLevel.TOT,
                                       criteria=CRITERIA))
    before = _dump(db)
    ev = replace(HeadEvaluation(unit_id=units["P01"].id, year=2018, level=HeadLevel.TOT, criteria=CRITERIA),
                 **changes)
    with pytest.raises(ValidationError) as caught:
        save_evaluation(db, ev)
    assert caught.value.errors == errors
    assert _dump(db) == before


def test_a_wrong_update_keeps_the_previous_evaluation(db, units):
    saved = save_evaluation(db, HeadEvaluation(unit_id=units["P01"].id, year=2018, level=HeadLevel.TOT,
                                               criteria=CRITERIA))
    before = _dump(db)
    with pytest.raises(ValidationError):
        save_evaluation(db, replace(saved, level=None, criteria=()))
    assert _dump(db) == before
