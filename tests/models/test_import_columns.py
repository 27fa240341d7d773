"""The columns an import reads at once give what reading each cell gives: the same values, the same messages."""
import datetime as dt

from models.exchange.import_common import CellErrors, date_cell, date_column
from models.exchange.xlsx import Row

HEADERS = ["Mã", "Ngày sinh"]
CELLS = [dt.date(1990, 5, 1), dt.datetime(1991, 2, 3, 10, 30), "01/02/1985", "31/02/1985", "", None, 19.0, "hôm qua",
         True, "1985-07-08", dt.date(1, 1, 1)]


def test_a_date_column_gives_what_each_date_cell_gives():
    rows = [Row(n, {"Mã": f"CB{n}", "Ngày sinh": value}) for n, value in enumerate(CELLS, start=2)]
    by_cell, by_column = CellErrors(HEADERS), CellErrors(HEADERS)
    expected = [date_cell(by_cell, row, "Ngày sinh") for row in rows]
    assert date_column(by_column, rows, "Ngày sinh") == expected
    assert by_column.items == by_cell.items
    assert expected[:3] == [dt.date(1990, 5, 1), dt.date(1991, 2, 3), dt.date(1985, 2, 1)]
    assert by_cell.items[0].startswith("Dòng 5, cột Ngày sinh: ")


def test_a_column_read_by_value_gives_what_each_cell_gives():
    from models.exchange.import_common import ByValue

    def convert(value):  # a message for what is not text: the cells 1, 1.0 and True are told apart
        return (repr(value), None) if value.__class__ is str else (None, f"{value!r} ({type(value).__name__})")

    columns = [["a", "b", "a"], ["1", 1, 1.0, True, "1"], [1.0, 1, True], ["x", None, dt.date(2020, 1, 1), "x"],
               ["a", "a"], []]
    for values in columns:
        rows = [Row(n, {"Mã": value}) for n, value in enumerate(values, start=2)]
        by_cell, by_column = CellErrors(HEADERS), CellErrors(HEADERS)
        reader = ByValue(convert)
        expected = [reader(by_cell, row, "Mã") for row in rows]
        assert ByValue(convert).column(by_column, rows, "Mã") == expected
        assert by_column.items == by_cell.items
