"""The screens' "Khen thưởng qua các năm" action (units and staff). The dialog it opens
(ui.people.award_history) is imported when it is first opened: the window starts without it."""
from __future__ import annotations


def add_history_action(page, collective: bool):
    """The screen's "Khen thưởng qua các năm" action (Ctrl+H) on the record selected."""

    def show() -> None:
        record = page.selected()
        if record is None:
            return
        heading = f"{record.name} ({record.code})" if collective else f"{record.full_name} ({record.code})"
        from ui.people.award_history import HistoryDialog

        HistoryDialog(page.db, record.id, heading, collective, page).exec()

    return page.action("Khen thưởng qua các năm", show, "Ctrl+H",
                       "Xem khen thưởng, danh hiệu, xếp loại và kỷ luật qua các năm")
