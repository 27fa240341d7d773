"""The table model folds its records' search text only when a search needs it (a year-end list of
20,000 people opens without folding 20,000 names), and searches as before once it does."""
from ui.kit.table_model import Column, RecordTableModel


class _Names(RecordTableModel):
    columns = [Column("Họ và tên", lambda r: r)]
    folded = 0

    def haystack(self, record) -> str:
        type(self).folded += 1
        return super().haystack(record)


def test_records_are_folded_on_the_first_search_only(qtbot):
    model = _Names()
    model.set_records(["Nguyễn Văn Ánh", "Trần Thị Đào", "Lê Văn Minh"])
    assert _Names.folded == 0 and model.rowCount() == 3
    model.set_search("dao")
    assert [model.record(r) for r in range(model.rowCount())] == ["Trần Thị Đào"]
    model.set_search("van")
    assert [model.record(r) for r in range(model.rowCount())] == ["Nguyễn Văn Ánh", "Lê Văn Minh"]
    assert _Names.folded == 3
    model.set_records(["Phạm Văn Đức"])
    assert model.rowCount() == 1 and model.record(0) == "Phạm Văn Đức"  # the search "van" still applies
    assert _Names.folded == 4
