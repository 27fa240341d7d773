"""Long tables that split fast: one page-sized reportlab Table per page, header row on each."""
from __future__ import annotations

from reportlab.platypus import Flowable, Table


class PagedTable(Flowable):
    """A long table laid out as one page-sized :class:`Table` per page, each starting with the
    header row.

    reportlab re-measures every remaining row each time it splits one big Table, which grows
    faster than the row count; here the rows are measured once and each page gets exactly the
    rows that fit, so no header row ever appears in the middle of a page.
    """

    def __init__(self, header: list, rows: list[list], col_widths: list[float], style: list, *,
                 _heights: list[float] | None = None, _start: int = 0):
        super().__init__()
        self._header = header
        self._rows = rows
        self._col_widths = col_widths
        self._style = style
        self._heights = _heights  # header height first, then one per row of ``rows``
        self._start = _start
        self.width = sum(col_widths)
        self.hAlign = "LEFT"

    def _measure(self) -> list[float]:
        if self._heights is None:
            whole = Table([self._header, *self._rows], colWidths=self._col_widths, style=self._style)
            whole._longTableOptimize = 0  # measure every row, not only the first page
            whole.wrap(self.width, 1e12)
            self._heights = list(whole._rowHeights)
        return self._heights

    def _table(self, start: int, stop: int) -> Table:
        heights = self._measure()
        return Table(
            [self._header, *self._rows[start:stop]],
            colWidths=self._col_widths,
            rowHeights=[heights[0], *heights[1 + start:1 + stop]],
            style=self._style,
            repeatRows=1,
            hAlign="LEFT",
        )

    def _height(self, start: int, stop: int) -> float:
        heights = self._measure()
        return heights[0] + sum(heights[1 + start:1 + stop])

    def wrap(self, availWidth, availHeight):
        self._measure()
        return self.width, self._height(self._start, len(self._rows))

    def split(self, availWidth, availHeight):
        heights = self._measure()
        used, stop = heights[0], self._start
        while stop < len(self._rows) and used + heights[1 + stop] <= availHeight + 1e-6:
            used += heights[1 + stop]
            stop += 1
        if stop == len(self._rows):
            return []  # it all fits: the frame only asks when it does not, so wait for the next one
        if stop == self._start:
            frame = getattr(self, "_frame", None)
            if frame is not None and getattr(frame, "_atTop", False):
                # One row taller than a whole page: let reportlab break inside it.
                big = Table([self._header, self._rows[stop]], colWidths=self._col_widths, style=self._style,
                            repeatRows=1, splitInRow=1, hAlign="LEFT")
                rest = self._rest(stop + 1)
                return big.split(availWidth, availHeight) + ([rest] if rest else [])
            return []
        rest = self._rest(stop)
        return [self._table(self._start, stop)] + ([rest] if rest else [])

    def _rest(self, start: int) -> PagedTable | None:
        if start >= len(self._rows):
            return None
        return PagedTable(self._header, self._rows, self._col_widths, self._style, _heights=self._heights, _start=start)

    def draw(self):
        table = self._table(self._start, len(self._rows))
        table.wrapOn(self.canv, self.width, self._height(self._start, len(self._rows)))
        table.drawOn(self.canv, 0, 0)
