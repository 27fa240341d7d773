"""The app's side of bench_lists.py: read a list's rows (JSON), print it as the council's PDF.

    .venv/bin/python bench/render_list.py list-N.json OUT.pdf
"""
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.yearend.printable import PrintableList, PrintedEntry  # noqa: E402
from reports.award_list import render_award_list  # noqa: E402


def main(source: str, out: str) -> None:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    people = tuple(PrintedEntry("staff", r["id"], r["name"], r["position_unit"], data["text"], group=r["group"])
                   for r in data["rows"])
    printable = PrintableList(
        kind="title", title="Danh sách cá nhân đạt danh hiệu Lao động tiên tiến năm 2024",
        subtitle="", parent_body="ỦY BAN NHÂN DÂN THÀNH PHỐ", issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        place="Thành phố Hồ Chí Minh", as_of=dt.date(2025, 1, 15), collectives=(), individuals=people,
        text_heading="Danh hiệu", approval=None, draft_signer=None,
        total_line=f"Tổng số: {len(people):,} cá nhân.".replace(",", "."))
    Path(out).write_bytes(render_award_list(printable))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
