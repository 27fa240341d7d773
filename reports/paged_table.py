"""Long tables that split fast: one page-sized reportlab Table per page, header row on each.

Rows are measured in chunks of :data:`CHUNK` rows (reportlab's ``Table._calc_height`` looks for the
next row to measure from the start of the table, so one table of all the rows costs the square of
their number) and their cells wrapped and drawn by :mod:`reports.fast_cells`; a page's table takes
the cell styles its body rows share, set once for the whole table (:meth:`PagedTable._page_styles`),
rather than every command applied to every cell of every page. The pages are the same, byte for
byte, as with reportlab's own engine (``reference_layout()``, for the tests).
"""
from __future__ import annotations

from bisect import bisect_left
from contextlib import contextmanager

from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import LINECOMMANDS, CellStyle

from reports import fast_cells
from reports.fast_cells import _ROW_FREE, FastTable, LazyParagraph, body_heights

CHUNK = 256  # rows measured per reportlab Table
_REFERENCE = False  # True: one Table for all rows, reportlab's own cells (the former writer)


class CellParagraph(LazyParagraph):
    """A table cell's Paragraph: parsed only when needed, plain text wrapped with cached word widths,
    the last line breaking kept (a cell is wrapped when its row is measured and again, at the same
    width, when it is drawn; the second time is free)."""


@contextmanager
def reference_layout():
    """Inside: tables laid out and drawn by reportlab's general engine, as before the fast path
    (the tests compare the PDFs of both)."""
    global _REFERENCE
    saved = _REFERENCE, fast_cells.ENABLED
    _REFERENCE, fast_cells.ENABLED = True, False
    try:
        yield
    finally:
        _REFERENCE, fast_cells.ENABLED = saved


def _table_class():
    return Table if _REFERENCE else FastTable


# Table style commands that set no cell's style (kept in lists of their own by ``Table._addCommand``).
_NOT_CELL_STYLE = {"BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT", "ROUNDEDCORNERS", *LINECOMMANDS}


def _sets_cell_style(command: tuple) -> bool:
    return command[0] not in _NOT_CELL_STYLE


def _copied(styles: list[CellStyle]) -> list[CellStyle]:
    """Copies of a row's cell styles (``CellStyle.copy`` without its walk over ``dir()``)."""
    copies = []
    for style in styles:
        new = CellStyle.__new__(CellStyle)
        new.__dict__.update(style.__dict__)
        copies.append(new)
    return copies


def _at_row(command: tuple, row: int) -> tuple:
    """``command`` (written for a row at index 0: ``("SPAN", (0, 0), (-1, 0))``) moved to ``row``."""
    name, (c0, r0), (c1, r1), *args = command
    return (name, (c0, r0 + row), (c1, r1 + row), *args)


class PagedTable(Flowable):
    """A long table laid out as one page-sized :class:`Table` per page, each starting with the
    header row.

    reportlab re-measures every remaining row each time it splits one big Table, which grows
    faster than the row count; here the rows are measured once and each page gets exactly the
    rows that fit, so no header row ever appears in the middle of a page.

    ``row_styles`` maps a row of ``rows`` to style commands written as if that row were row 0
    (a group heading spanning the table: ``[("SPAN", (0, 0), (-1, 0))]``); they follow the row
    to whichever page it lands on. A row in ``keep_with_next`` is never the last row of a page
    (a group heading moves to the page of its first member). ``continued`` maps a group heading's
    row to the row printed under the header when a page starts inside that group ("Phòng Nội vụ
    (tiếp theo)"), with the heading's style; the group runs to the next heading.
    """

    def __init__(self, header: list, rows: list[list], col_widths: list[float], style: list, *,
                 row_styles: dict[int, list[tuple]] | None = None, keep_with_next: frozenset[int] = frozenset(),
                 continued: dict[int, list] | None = None,
                 _heights: list[float] | None = None, _start: int = 0, _extra: dict | None = None,
                 _keys: tuple[list[int], list[int]] | None = None, _cells: list | None = None):
        super().__init__()
        self._header = header
        self._rows = rows
        self._col_widths = col_widths
        self._style = style
        self._row_styles = row_styles or {}
        self._keep_with_next = keep_with_next
        self._heights = _heights  # header height first, then one per row of ``rows``
        self._start = _start
        self._continued = continued or {}
        self._extra = {} if _extra is None else _extra  # heading row -> its continuation row's height
        # The rows with styles of their own and the group headings, in order (shared by the pages).
        self._keys = _keys or (sorted(self._row_styles), sorted(self._continued))
        self.width = sum(col_widths)
        self.hAlign = "LEFT"
        # The cell styles of the header and of a body row, and the other commands (see _page_styles);
        # computed once for all the pages.
        self._cells = [] if _cells is None else _cells

    def _templates(self) -> tuple[list, list, list] | None:
        """(the header's cell styles, a body row's, the style's commands that set no cell style), when
        the style's cell commands address the header alone, the body from its first row or every row
        (then every row under the header has the same cell styles); ``None`` otherwise."""
        if not self._cells:
            template = None
            if not _REFERENCE and all(not _sets_cell_style(cmd) or (cmd[1][1], cmd[2][1]) in _ROW_FREE
                                      for cmd in self._style):
                probe = Table([self._header, self._header], colWidths=self._col_widths,
                              style=[cmd for cmd in self._style if _sets_cell_style(cmd)])
                template = (*probe._cellStyles, [cmd for cmd in self._style if not _sets_cell_style(cmd)])
            self._cells.append(template)
        return self._cells[0]

    def _page_styles(self, rows: int, extra: list) -> tuple[list, list] | None:
        """The cell styles of a page of ``rows`` rows under the header, and the commands left to apply
        (the style's own lines and spans, then ``extra``): the body rows share one row of cell styles
        built once, instead of each page's Table setting every cell's style command by command (the
        same styles: a row addressed by a cell command of ``extra`` gets copies of its own)."""
        template = self._templates()
        if template is None:
            return None
        header, body, others = template
        styles = [header] + [body] * rows
        for cmd in extra:
            if _sets_cell_style(cmd):
                r0, r1 = cmd[1][1], cmd[2][1]
                if r0 < 0 or r1 < 0 or isinstance(r0, str) or isinstance(r1, str):
                    return None
                for r in range(r0, min(r1, rows) + 1):
                    if styles[r] is body or styles[r] is header:
                        styles[r] = _copied(styles[r])
        return styles, others + extra

    def _style_for(self, start: int, stop: int, heading: int | None = None) -> list:
        """The table style of rows ``start``..``stop`` printed under the header row (and under the
        continuation of ``heading``'s group, when given)."""
        return self._style + self._extra_style(start, stop, heading)

    def _extra_style(self, start: int, stop: int, heading: int | None = None) -> list:
        """The style commands of rows ``start``..``stop`` and of ``heading``'s continuation (see
        :meth:`_style_for`), after the table's own."""
        if not self._row_styles:
            return []
        shift = 1 if heading is None else 2
        styled = self._keys[0]
        extra = [_at_row(cmd, shift + r - start) for r in styled[bisect_left(styled, start):bisect_left(styled, stop)]
                 for cmd in self._row_styles[r]]
        if heading is not None:
            extra = [_at_row(cmd, 1) for cmd in self._row_styles.get(heading, ())] + extra
        return extra

    def _heading_of(self, start: int) -> int | None:
        """The group heading whose continuation opens a page starting at row ``start``, if any."""
        if not self._continued or start in self._continued:
            return None
        heads = self._keys[1]
        before = bisect_left(heads, start)
        if not before:
            return None
        heading = heads[before - 1]  # the last heading above row ``start``
        if heading not in self._extra:
            row = Table([self._continued[heading]], colWidths=self._col_widths,
                        style=self._style + [_at_row(cmd, 0) for cmd in self._row_styles.get(heading, ())])
            row.wrap(self.width, 1e12)
            self._extra[heading] = row._rowHeights[0]
        return heading

    def _top(self, start: int) -> float:
        """The height above row ``start`` on its page: the header row and any continuation."""
        heading = self._heading_of(start)
        return self._measure()[0] + (self._extra[heading] if heading is not None else 0.0)

    def _measure(self) -> list[float]:
        if self._heights is None:
            fast = None if _REFERENCE else body_heights(self._header, self._rows, self._col_widths, self._style,
                                                        set(self._row_styles))
            if fast is None:
                self._heights = self._measured(list(range(len(self._rows))))
            else:
                header, heights = fast
                styled = sorted(self._row_styles)
                heights.update(zip(styled, self._measured(styled)[1:]))
                self._heights = [header, *(heights[i] for i in range(len(self._rows)))]
        return self._heights

    def _measured(self, indexes: list[int]) -> list[float]:
        """The header's height, then those of the rows at ``indexes``, measured by reportlab in
        tables of at most CHUNK rows (each row with its own style commands)."""
        size = len(self._rows) if _REFERENCE else CHUNK
        heights: list[float] = []
        for start in range(0, max(len(indexes), 1), size):
            part = indexes[start:start + size]
            style = self._style + [_at_row(cmd, 1 + k) for k, r in enumerate(part) for cmd in self._row_styles.get(r, ())]
            chunk = Table([self._header, *(self._rows[r] for r in part)], colWidths=self._col_widths, style=style)
            chunk._longTableOptimize = 0  # measure every row, not only the first page
            chunk.wrap(self.width, 1e12)
            heights += chunk._rowHeights if not heights else chunk._rowHeights[1:]
        return heights

    def _table(self, start: int, stop: int) -> Table:
        heights = self._measure()
        heading = self._heading_of(start)
        top = [self._header] if heading is None else [self._header, self._continued[heading]]
        top_heights = [heights[0]] if heading is None else [heights[0], self._extra[heading]]
        data = [*top, *self._rows[start:stop]]
        extra = self._extra_style(start, stop, heading)
        page = self._page_styles(len(data) - 1, extra)
        cell_styles, style = (None, self._style + extra) if page is None else page
        return _table_class()(data, colWidths=self._col_widths, rowHeights=[*top_heights, *heights[1 + start:1 + stop]],
                              style=style, repeatRows=1, hAlign="LEFT", cellStyles=cell_styles)

    def _height(self, start: int, stop: int, limit: float | None = None) -> float:
        """The height of rows ``start``..``stop`` on a page; past ``limit``, any height above it (the
        rest of a long table is not added up on every page)."""
        heights = self._measure()
        top = self._top(start)
        if limit is not None:
            used = top
            for i in range(1 + start, 1 + stop):
                used += heights[i]
                if used > limit:
                    return used
        return top + sum(heights[1 + start:1 + stop])

    def wrap(self, availWidth, availHeight):
        self._measure()
        return self.width, self._height(self._start, len(self._rows), availHeight)

    def split(self, availWidth, availHeight):
        heights = self._measure()
        used, stop = self._top(self._start), self._start
        while stop < len(self._rows) and used + heights[1 + stop] <= availHeight + 1e-6:
            used += heights[1 + stop]
            stop += 1
        if stop == len(self._rows):
            return []  # it all fits: the frame only asks when it does not, so wait for the next one
        at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
        # A heading at the foot of a page goes over with its first row (unless it heads the page).
        while stop - 1 in self._keep_with_next and (stop - 1 > self._start or (stop > self._start and not at_top)):
            stop -= 1
        if stop == self._start:
            if at_top:
                # One row taller than a whole page: let reportlab break inside it.
                big = Table([self._header, self._rows[stop]], colWidths=self._col_widths,
                            style=self._style_for(stop, stop + 1), repeatRows=1, splitInRow=1, hAlign="LEFT")
                rest = self._rest(stop + 1)
                return big.split(availWidth, availHeight) + ([rest] if rest else [])
            return []
        rest = self._rest(stop)
        return [self._table(self._start, stop)] + ([rest] if rest else [])

    def _rest(self, start: int) -> PagedTable | None:
        if start >= len(self._rows):
            return None
        return PagedTable(self._header, self._rows, self._col_widths, self._style, row_styles=self._row_styles,
                          keep_with_next=self._keep_with_next, continued=self._continued, _heights=self._heights,
                          _start=start, _extra=self._extra, _keys=self._keys, _cells=self._cells)

    def draw(self):
        table = self._table(self._start, len(self._rows))
        table.wrapOn(self.canv, self.width, self._height(self._start, len(self._rows)))
        table.drawOn(self.canv, 0, 0)
