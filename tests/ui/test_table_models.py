from PySide6.QtCore import Qt

from models.people.staff import list_staff
from models.people.units import list_units
from ui.people.staff_page import StaffTableModel
from ui.kit.table_model import RECORD_ROLE
from ui.people.units_page import UnitsTableModel


def test_units_table_model_passes_qt_model_tester(qtmodeltester, sample_db):
    model = UnitsTableModel()
    model.set_records(list_units(sample_db))
    qtmodeltester.check(model)
    model.sort(UnitsTableModel.COL_NAME, Qt.SortOrder.DescendingOrder)
    model.set_search("phuong")
    qtmodeltester.check(model)


def test_staff_table_model_passes_qt_model_tester(qtmodeltester, sample_db):
    model = StaffTableModel()
    model.set_records(list_staff(sample_db))
    model.sort(StaffTableModel.COL_NAME)
    qtmodeltester.check(model)


def test_names_sort_by_given_name_in_vietnamese_alphabet_order(sample_db):
    model = StaffTableModel()
    model.set_records(list_staff(sample_db))
    model.sort(StaffTableModel.COL_NAME)
    names = [model.index(r, StaffTableModel.COL_NAME).data() for r in range(model.rowCount())]
    # An < Ánh (tone), then Dũng < Đào < Đức (d before đ, then a < u).
    assert names == ["Phạm Thị An", "Nguyễn Văn Ánh", "Lê Văn Dũng", "Trần Thị Đào", "Đỗ Minh Đức"]
    model.sort(StaffTableModel.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert model.index(0, StaffTableModel.COL_NAME).data() == "Đỗ Minh Đức"


def test_unit_names_sort_with_numbers_by_value(sample_db):
    model = UnitsTableModel()
    model.set_records(list_units(sample_db))
    model.sort(UnitsTableModel.COL_NAME)
    names = [model.index(r, UnitsTableModel.COL_NAME).data() for r in range(model.rowCount())]
    assert names == ["Phòng Nội vụ", "Quận đoàn", "Ủy ban nhân dân Phường 1", "Ủy ban nhân dân Phường 10"]


def test_search_ignores_case_and_diacritics_and_keeps_the_sort(sample_db):
    model = StaffTableModel()
    model.set_records(list_staff(sample_db))
    model.sort(StaffTableModel.COL_NAME)
    model.set_search("THI")
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["Phạm Thị An", "Trần Thị Đào"]
    model.set_search("dao")
    assert model.rowCount() == 1
    assert model.index(0, 0).data(RECORD_ROLE).code == "CB02"
    model.set_search("")
    assert model.rowCount() == 5


def test_the_ranking_reads_the_names_of_the_records_set_last(sample_db):
    import dataclasses

    model = StaffTableModel()
    people = list_staff(sample_db)
    last = max(people, key=lambda p: p.code)  # the last row by code: first only when ranked first
    model.set_records(people)
    model.sort(StaffTableModel.COL_CODE)
    model.set_search("an v")
    assert "An Văn Mới" not in [model.index(r, 1).data() for r in range(model.rowCount())]
    renamed = [dataclasses.replace(p, full_name="An Văn Mới", name_folded="an van moi") if p is last else p
               for p in people]
    model.set_records(renamed)
    model.set_search("an v")
    assert model.rowCount() > 1
    assert model.index(0, StaffTableModel.COL_NAME).data() == "An Văn Mới"  # its name starts with the search
