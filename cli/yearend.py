"""The year-end and award-register commands: the campaign lists, the titles, the meeting package
(proposal, minutes, decision, certificates), the due list and the statistics."""
from __future__ import annotations

import datetime as dt

from models.common.codes import ListKind, TitleCode, title_from_text
from models.store import output

from cli.common import (
    Rejected, _check_target, _council, _exporting, _importing, _reporting, _require_campaign, _template,
    _with_db, authority, award_exchange, package, review, title_lists,
)


# --- year end: criticism and commendation lists, titles ----------------------------------------------

def _review_pdf(db, args, as_of, fmt="pdf") -> bytes:
    from reports.award_list import render_award_list

    return render_award_list(review.printable_list(db, _require_campaign(args), ListKind(args.kind), as_of), fmt=fmt)


def _require_year(args) -> int:
    if args.year is None:
        raise Rejected("Cần --year NĂM (năm xét danh hiệu)")
    if not 2000 <= args.year <= 2100:
        raise Rejected(f"--year: năm {args.year} không hợp lệ (từ 2000 đến 2100)")
    return args.year


def _title_arg(args):
    if args.title is None:
        return None
    title = title_from_text(args.title)
    if title is None:
        raise Rejected(f"--title: không có danh hiệu “{args.title}”; dùng LDTT, CSTDCS, TTLDTT hoặc TTLDXS")
    return title


def _titles_pdf(db, args, as_of: dt.date, fmt="pdf") -> bytes:
    """One title's list of the year, or the four bound in one document."""
    from reports.award_list import render_award_list, render_award_lists

    year = _require_year(args)
    title_lists.require_year_results(db, year)
    title = _title_arg(args)
    if title is None:
        return render_award_lists(title_lists.year_printable_lists(db, year, as_of),
                                  title=f"Danh sách đề nghị công nhận danh hiệu thi đua năm {year}",
                                  authorities=[authority.authority(db, year, t.value) for t in TitleCode], fmt=fmt)
    return render_award_list(title_lists.printable_list(db, year, title, as_of),
                             authority.authority(db, year, title.value), fmt=fmt)


def _package(db, args, as_of, title_needed: bool = False):
    """The meeting package of ``--campaign`` or ``--year`` (only ``--title``'s list when given)."""
    if (args.campaign is None) == (args.year is None):
        raise Rejected("Chọn một: --campaign ID (danh sách của đợt thi đua) hoặc --year NĂM (danh hiệu của năm)")
    if args.campaign is not None:
        if args.title is not None:
            raise Rejected("--title chỉ dùng với --year (danh hiệu của năm)")
        return package.campaign_package(db, args.campaign, as_of)
    year = _require_year(args)
    title = _title_arg(args)
    if title_needed and title is None:
        raise Rejected("Cần --title CODE (LDTT, CSTDCS, TTLDTT hoặc TTLDXS): mỗi danh hiệu một quyết định")
    return package.year_package(db, year, as_of, title)


def _proposal_doc(db, args, as_of, fmt) -> bytes:
    from reports.package import proposal_document
    from reports.parts import render

    return render(proposal_document(_package(db, args, as_of)), fmt)


def _minutes_doc(db, args, as_of, fmt) -> bytes:
    from reports.package import minutes_document
    from reports.parts import render

    if args.title is not None:
        raise Rejected("--title không dùng cho minutes: biên bản ghi mọi đề nghị của phiên họp")
    return render(minutes_document(_package(db, args, as_of)), fmt)


def _decision_doc(db, args, as_of, fmt) -> bytes:
    from reports.package import decision_document
    from reports.parts import bound, render

    found = _package(db, args, as_of, title_needed=args.campaign is None)
    higher = [p for p in found.proposals if not p.authority.decides_here]
    if higher and len(found.proposals) == 1:
        p = higher[0]
        raise Rejected(f"Danh hiệu “{p.label}” do {p.authority.decider} quyết định: Hội đồng chỉ lập tờ trình "
                       "đề nghị (python main.py report proposal ...), không in quyết định")
    docs = [decision_document(found, p) for p in found.proposals if p.authority.decides_here]
    return render(bound(docs, f"Quyết định - {found.subject}"), fmt)


def _certificates_doc(db, args, as_of, fmt) -> bytes:
    from reports.certificates import certificate_settings, certificates_pdf

    if args.campaign is not None:
        raise Rejected("--campaign không dùng cho certificates")
    if args.title is None:
        raise Rejected("Cần --title CODE (LDTT, CSTDCS, TTLDTT hoặc TTLDXS)")
    found = _package(db, args, as_of, title_needed=True)
    p = found.proposals[0]
    if not p.authority.decides_here:
        raise Rejected(f"Danh hiệu “{p.label}” do {p.authority.decider} quyết định tặng: giấy chứng nhận do cấp "
                       "quyết định in, Hội đồng không in")
    if fmt == "docx":  # the words of the full design, for the office to edit
        from reports.certificates import certificates_document
        from reports.parts import render

        return render(certificates_document(found, p), fmt)
    return certificates_pdf(found, p, certificate_settings(db))


YEAREND = {
    ("report", "criticism"): _reporting(_review_pdf), ("report", "commendation"): _reporting(_review_pdf),
    ("report", "titles"): _reporting(_titles_pdf), ("report", "proposal"): _reporting(_proposal_doc),
    ("report", "minutes"): _reporting(_minutes_doc), ("report", "decision"): _reporting(_decision_doc),
    ("report", "certificates"): _reporting(_certificates_doc),
}


# --- the award register: every award by year; who is due for the next one; statistics ----------------

def _year_arg(year: int | None, required: bool = False) -> int | None:
    if year is None:
        if required:
            raise Rejected("Cần --year NĂM")
        return None
    if not 1945 <= year <= 2100:
        raise Rejected(f"--year: năm {year} không hợp lệ (từ 1945 đến 2100)")
    return year


def _statistics(args) -> None:
    """``report statistics``: the PDF with its charts, or (OUT.xlsx) the numbers alone."""
    from models.analysis.statistics import compute_statistics

    year = _year_arg(args.year, required=True)
    first = _year_arg(args.from_year)
    if first is not None and first > year:
        raise Rejected(f"--from-year {first} sau --year {year}")
    kind = "xlsx" if args.out.suffix.lower() == ".xlsx" else "pdf"
    _check_target(args, kind, ".pdf (báo cáo có biểu đồ) hoặc .xlsx (chỉ số liệu)")

    def work(db):
        stats = compute_statistics(db, year, first, dt.date.today())
        if kind == "xlsx":
            from reports.statistics import write_statistics_xlsx

            return output.write_atomically(args.out, lambda out: write_statistics_xlsx(stats, out))
        from reports.statistics import render_statistics

        output.write_atomically(args.out, render_statistics(stats, _council(db), dt.date.today()))

    _with_db(args, work)
    print(f"Đã ghi {args.out}")


def _due_pdf(db, args, as_of, fmt: str = "pdf") -> bytes:
    from models.analysis.due import due_entries
    from reports.due import render_due

    year = _year_arg(args.year, required=True)
    return render_due(due_entries(db, year), year, _council(db), dt.date.today())


AWARDS = {
    ("report", "statistics"): _statistics,
    ("report", "due"): _reporting(_due_pdf),
    ("template", "awards"): _template,
    ("import", "awards"): _importing(
        lambda db, args, today: award_exchange.import_awards(db, args.file, dry_run=args.dry_run)),
    ("export", "awards"): _exporting(
        lambda db, args, out: award_exchange.export_awards(db, out, _year_arg(args.year))),
}
