"""Table cells laid out and drawn without reportlab's general-purpose paragraph engine, with the same
output to the byte.

A table cell of a document is nearly always one run of plain text in one font (a name, a unit, a
reason). For such a cell :class:`LazyParagraph` skips the markup parser, breaks the lines itself with
cached word widths (the very algorithm of ``Paragraph.breakLines`` for one fragment: greedy, the same
space shrinkage, no hyphenation) and, when drawn, replays the PDF operators that reportlab's
``Paragraph.drawPara`` wrote the first time the same lines were drawn in the document (a list prints
"Hoàn thành xuất sắc nhiệm vụ..." thousands of times). Anything else (markup, a word wider than the
cell, indents, bullets, other wrapping modes) takes reportlab's own path, unchanged.

:class:`FastTable` is a reportlab ``Table`` whose ``_drawCell`` writes the operators of its cells
straight into the page, with the positions ``Table._drawCell`` computes: a plain cell's (replayed by
text, inside the state save and move ``Flowable.drawOn`` would write), a string cell's (the text object
``Canvas.drawString`` and its kin write) and those of a Paragraph drawn again at the same width (the
header row on every page). Rules, spans and anything else are reportlab's. At 5,000 rows this takes a
list from 1.2 s to 0.7 s (whole process, bench/bench_lists.py), the same bytes.
"""
from __future__ import annotations

import weakref

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph, Table
from reportlab.platypus.paragraph import cleanBlockQuotedText, split, strip
from reportlab.rl_config import _FUZZ, paraFontSizeHeightOffset

_ALIGNMENTS = (TA_LEFT, TA_CENTER, TA_RIGHT)
# False: every cell takes reportlab's own path (the reference the tests compare the output with).
ENABLED = True
_UNKNOWN = object()
LINES_KEPT = 4096  # texts whose lines are kept per cell style, and at most
CHARS_KEPT = 100_000  # characters of them (~1 MB with their lines: the styles live as long as the program)
# Per style (kept while the style lives): None when its cells must take reportlab's path, else
# (template fragment, space width, space shrinkage in points, ascent, descent, word width cache,
# the lines of the texts last broken: (width, text) -> lines or None).
_STYLE_INFO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _style_info(style):
    if style in _STYLE_INFO:
        return _STYLE_INFO[style]
    info = None
    simple = (
        style.alignment in _ALIGNMENTS and not style.wordWrap and not style.shaping and not style.endDots
        and not style.hyphenationLang and not style.uriWasteReduce and not style.embeddedHyphenation
        and not style.textTransform and not getattr(style, "bulletText", None) and not style.backColor
        and not style.borderWidth and not style.leftIndent and not style.rightIndent and not style.firstLineIndent
        and not style.spaceBefore and not style.spaceAfter and getattr(style, "autoLeading", "") in ("", "off", None)
        and style.splitLongWords
    )
    if simple:
        template = Paragraph("x", style).frags
        if len(template) == 1:
            f = template[0]
            space = stringWidth(" ", f.fontName, f.fontSize)
            ascent, descent = getAscentDescent(f.fontName, f.fontSize)
            info = (f, space, style.spaceShrinkage * space, ascent, descent, {}, _Kept())
    _STYLE_INFO[style] = info
    return info


class _Kept(dict):
    """The lines of the texts broken lately, (width, text) -> lines or None; all dropped at once
    when :data:`LINES_KEPT` texts or :data:`CHARS_KEPT` characters are kept (long achievement
    texts must not stay in memory after their list is printed)."""

    chars = 0

    def keep(self, key: tuple, lines) -> None:
        if len(self) >= LINES_KEPT or self.chars >= CHARS_KEPT:
            self.clear()
            self.chars = 0
        self[key] = lines
        self.chars += len(key[1])


def plain_words(text: str) -> list[str] | None:
    """The words of ``text`` as reportlab's parser would give them in one fragment, or ``None`` when
    the text holds markup (a tag; an entity, which the parser turns into fragments of its own; a
    soft hyphen)."""
    if "<" in text or "&" in text or "\xad" in text:
        return None
    if text.isprintable():  # the only white space is " ": reportlab's cleaning and split come to this
        return text.split()
    return split(strip(cleanBlockQuotedText(text)))


def break_lines(words: list[str], info, width: float) -> list[tuple[float, list[str]]] | None:
    """``Paragraph.breakLines`` for one fragment without hyphenation: (unused width, words) per line;
    ``None`` when a word is wider than the line (reportlab splits it: its path is taken)."""
    frag, space, shrink, _a, _d, widths, _lines = info
    font, size = frag.fontName, frag.fontSize
    lines: list[tuple[float, list[str]]] = []
    line: list[str] = []
    current = -space
    for word in words:
        w = widths.get(word)
        if w is None:
            w = widths[word] = stringWidth(word, font, size)
        new = current + space + w
        limit = width + shrink * len(line)
        if new > limit and w > width:
            return None
        if new <= limit or not line:
            line.append(word)
            current = new
        else:
            lines.append((width - current, line))
            line = [word]
            current = w
    if line:
        lines.append((width - current, line))
    return lines


class LazyParagraph(Paragraph):
    """A Paragraph parsed only when reportlab's own path needs it; plain text is broken into lines
    by :func:`break_lines`. Keeps its last size: a table cell is wrapped when its row is measured and
    again, at the same width, when it is drawn; the second time is free. A plain cell keeps no lines
    of its own between the two, so that a long list stays small in memory: the lines of the texts
    broken lately are kept per style (:data:`LINES_KEPT` of them, :data:`CHARS_KEPT` characters at
    most), which covers a row's measure and its drawing and the units and positions a list repeats."""

    _wrapped: tuple[float, tuple[float, float]] | None = None
    _fast = False  # the last wrap broke plain text with break_lines

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1, encoding="utf8"):
        if frags is not None or bulletText is not None or style is None:
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            return
        self.caseSensitive = caseSensitive
        self.encoding = encoding
        self.style = style
        self._source = text
        self.debug = 0

    def _parse(self) -> None:
        source = self.__dict__.pop("_source")
        self._setup(source, self.style, getattr(self.style, "bulletText", None), None, cleanBlockQuotedText)

    def __getattr__(self, name):
        # Only reached for attributes not yet set: the parsed ones, on first use.
        if name in ("frags", "text", "bulletText") and "_source" in self.__dict__:
            self._parse()
            return getattr(self, name)
        raise AttributeError(name)

    def _fast_lines(self, availWidth):
        """The lines of a plain cell at ``availWidth`` (see break_lines), or ``None``."""
        if not ENABLED or "_source" not in self.__dict__ or availWidth < _FUZZ:
            return None
        info = _style_info(self.style)
        if info is None:
            return None
        # A cell is broken when its row is measured and again when it is drawn, and a list repeats
        # the same units, positions and names: the lines of the texts seen lately are kept.
        kept = info[6]
        key = (availWidth, self._source)
        lines = kept.get(key, _UNKNOWN)  # one look-up: another thread may clear the dict meanwhile
        if lines is not _UNKNOWN:
            return lines
        words = plain_words(self._source)
        lines = None if words is None else break_lines(words, info, availWidth)
        kept.keep(key, lines)
        return lines

    def wrap(self, availWidth, availHeight):
        if self._wrapped is None or self._wrapped[0] != availWidth:
            lines = self._fast_lines(availWidth)
            self._fast = lines is not None
            if lines is not None:
                self.width = availWidth
                self.height = len(lines) * self.style.leading
                size = (availWidth, self.height)
            else:
                if "_source" in self.__dict__:
                    self._parse()
                size = super().wrap(availWidth, availHeight)
            self._wrapped = (availWidth, size)
        return self._wrapped[1]

    def split(self, availWidth, availHeight):
        if "_source" in self.__dict__:
            self._parse()
        self._wrapped, self._fast = None, False
        return super().split(availWidth, availHeight)

    def draw(self):
        if not self._fast:
            return super().draw()
        canv = self.canv
        code = self.cell_code(canv)
        if code is not None:
            canv._code.extend(code)
            return None
        key = self._key()
        start = len(canv._code)
        frag, _s, _k, ascent, descent, _w, _l = _style_info(self.style)
        self._wrapWidths = [self.width, self.width]
        self.blPara = frag.clone(kind=0, lines=self._fast_lines(self.width), ascent=ascent, descent=descent,
                                 fontSize=frag.fontSize)
        self.bulletText = None
        try:
            super().draw()
        finally:
            del self.blPara, self.bulletText, self._wrapWidths
        _learn_frame(canv, self.style, canv._code[start:])
        _remember(canv, key, canv._code[start:])
        return None

    def _key(self) -> tuple:
        # The lines (so the operators) of a plain cell follow from its style, width and text.
        return self.style, self.width, self._source

    def cell_code(self, canv) -> list[str] | None:
        """The operators drawing this plain cell (wrapped on the fast path) at its origin, without
        drawing it: those drawn before for the same text at the same width, else written here (see
        :meth:`_operators`); ``None`` when reportlab must draw it (the first cell of its style)."""
        key = self._key()
        code = canv.__dict__.get("_tdkt_cell_code", _NO_CODE)[1].get(key)
        if code is None:
            lines = self._fast_lines(self.width)
            if lines is None:
                return None
            # An empty cell: reportlab's Paragraph writes nothing (not even an empty text object).
            code = self._operators(canv, lines) if lines else []
            if code is not None:
                _remember(canv, key, code)
        return code

    def _operators(self, canv, lines) -> list[str] | None:
        """What ``Paragraph.drawPara`` writes for these lines of a left-aligned cell, written here:
        the state and colour around it as drawPara wrote them for this style before (see
        _learn_frame), the text object as its ``_leftDrawParaLine`` writes it. None: draw it."""
        frame = canv.__dict__.get("_tdkt_frames", {}).get(self.style)
        if frame is None:
            return None
        before, after, tx = frame
        tx._curSubset = -1
        parts = ["BT", "1 0 0 1 %s Tm" % fp_str(0, self.height - tx._fontsize)]
        for extra, words in lines:
            text = " ".join(words)
            spaces = len(words) + text.count("\xa0") - 1
            if extra > -1e-8 or spaces <= 0:
                parts.append(tx._formatText(text) + " T*")
            else:  # a line shrunk to fit: reportlab narrows its spaces
                parts += ["%s Tw" % fp_str(extra / float(spaces)), tx._formatText(text) + " T*", "0 Tw"]
        parts.append("ET")
        return [*before, " ".join(parts), *after]


_NO_CODE: tuple[set, dict] = (set(), {})


def _remember(canv, key: tuple, code, store: str = "_tdkt_cell_code") -> None:
    """Keep the operators of a cell for the next cell with the same ``key`` once it has been drawn
    twice (a unit's name, a common position), not for each person's name: 20,000 of those would
    only fill the memory."""
    seen, cache = canv.__dict__.setdefault(store, (set(), {}))
    marker = hash(key)
    if marker in seen:
        cache[key] = code
    else:
        seen.add(marker)


def _learn_frame(canv, style, written: list[str]) -> None:
    """Remember how drawPara framed a left-aligned cell of ``style`` on this canvas (state saved,
    colour set, one text object, state restored), so that the next cells are written directly."""
    frames = canv.__dict__.setdefault("_tdkt_frames", {})
    if style in frames or style.alignment != TA_LEFT or not paraFontSizeHeightOffset:
        return
    frag = _style_info(style)[0]
    if (len(written) != 4 or written[0] != "q" or written[3] != "Q" or not written[2].startswith("BT ")
            or getattr(frag, "us_lines", None) or getattr(frag, "link", None)
            or not getFont(frag.fontName)._dynamicFont):
        frames[style] = None
        return
    tx = PDFTextObject(canv)
    tx.setFont(frag.fontName, frag.fontSize, style.leading)
    frames[style] = (written[:2], written[3:], tx)


class FastTable(Table):
    """A Table writing the operators of its plain cells itself: :class:`LazyParagraph` cells of plain
    text (their cached operators inside the state save and move ``Flowable.drawOn`` writes) and
    one-line strings (the text object ``Canvas.drawString`` and its kin write). The geometry is
    ``Table._drawCell``'s (one flowable per cell, its style's padding and alignment); everything
    else (rules, spans, other cells) is reportlab's."""

    def _drawCell(self, cellval, cellstyle, pos, size):
        if cellstyle.href or cellstyle.destination:
            return super()._drawCell(cellval, cellstyle, pos, size)
        if type(cellval) is str:
            if self._draw_string(cellval, cellstyle, pos, size):
                return None
            return super()._drawCell(cellval, cellstyle, pos, size)
        para = cellval[0] if isinstance(cellval, (tuple, list)) and len(cellval) == 1 else cellval
        if isinstance(para, LazyParagraph):
            w, h = para.wrap(size[0] - cellstyle.leftPadding - cellstyle.rightPadding,
                             size[1] - cellstyle.topPadding - cellstyle.bottomPadding)
        if not isinstance(para, LazyParagraph) or not para._fast:
            if not isinstance(para, Paragraph) or not self._draw_paragraph(para, cellstyle, pos, size):
                super()._drawCell(cellval, cellstyle, pos, size)
            return None
        canv = self.canv
        at = _origin(cellstyle, pos, size, w, h)
        if at is None:
            return super()._drawCell(cellval, cellstyle, pos, size)
        x, y = at
        self._use_style(cellstyle)
        code = para.cell_code(canv)
        if code is None:
            para.drawOn(canv, x, y)
            return None
        # What Flowable.drawOn writes around the cell (saveState, translate after a "q", restoreState):
        # the cell's operators leave the canvas's own state as it was.
        canv._code += ["q", "1 0 0 1 %s cm" % fp_str(x, y), *code, "Q"]
        return None

    def _draw_paragraph(self, para: Paragraph, cellstyle, pos, size) -> bool:
        """A cell holding one other Paragraph (the header's, a heading with markup): drawn by
        reportlab the first times, then its operators written again wherever the same paragraph is
        drawn at the same width (the header on every page). False: leave it to ``Table._drawCell``."""
        if para.getSpaceBefore() or para.getSpaceAfter() or any(
                getattr(f, "link", None) or getattr(f, "cbDefn", None) for f in getattr(para, "frags", ())):
            return False  # links and callbacks act outside the page's operators
        canv = self.canv
        width = size[0] - cellstyle.leftPadding - cellstyle.rightPadding
        key = (para, width)
        known = canv.__dict__.get("_tdkt_paragraphs", _NO_CODE)[1].get(key)
        if known is None:
            w, h = para.wrapOn(canv, width, size[1] - cellstyle.topPadding - cellstyle.bottomPadding)
        else:
            w, h, code = known
        at = _origin(cellstyle, pos, size, w, h)
        if at is None:
            return False
        self._use_style(cellstyle)
        move = "1 0 0 1 %s cm" % fp_str(*at)
        if known is not None:
            canv._code += ["q", move, *code, "Q"]
            return True
        start = len(canv._code)
        para.drawOn(canv, *at)
        written = canv._code[start:]
        if len(written) > 2 and written[0] == "q" and written[1] == move and written[-1] == "Q":
            _remember(canv, key, (w, h, written[2:-1]), "_tdkt_paragraphs")
        return True

    def _use_style(self, cellstyle) -> None:
        """The fill colour and font of ``cellstyle``, set as ``Table._drawCell`` sets them."""
        if self._curcellstyle is not cellstyle:
            cur = self._curcellstyle
            if cur is None or cellstyle.color != cur.color:
                self.canv.setFillColor(cellstyle.color)
            if (cur is None or cellstyle.leading != cur.leading or cellstyle.fontname != cur.fontname
                    or cellstyle.fontsize != cur.fontsize):
                self.canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle

    def _draw_string(self, text: str, cellstyle, pos, size) -> bool:
        """A cell holding a string, written as ``Table._drawCell`` draws it (one ``drawString`` and
        its kin per line) for a TrueType font; False: leave it to reportlab."""
        just, valign = cellstyle.alignment, cellstyle.valign
        if (cellstyle.direction or cellstyle.shaping or just not in ("LEFT", "CENTRE", "CENTER", "RIGHT")
                or valign not in ("TOP", "MIDDLE", "BOTTOM") or not getFont(cellstyle.fontname)._dynamicFont):
            return False
        self._use_style(cellstyle)
        canv = self.canv
        colpos, rowpos = pos
        colwidth, rowheight = size
        lines = text.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + len(lines) * leading) / 2.0 - fontsize
        tx = _text_object(canv)
        for line in lines:
            if just == "LEFT":
                x = colpos + cellstyle.leftPadding
            else:
                w = stringWidth(line, canv._fontname, canv._fontsize)
                if just == "RIGHT":
                    x = colpos + colwidth - cellstyle.rightPadding - w
                else:
                    x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5 - 0.5 * w
            tx._curSubset = -1
            canv._code.append("BT 1 0 0 1 %s Tm %s T* ET" % (fp_str(x, y), tx._formatText(line)))
            y -= leading
        return True


def _origin(cellstyle, pos, size, w: float, h: float) -> tuple[float, float] | None:
    """Where ``Table._drawCell`` draws a cell's one flowable of size ``w`` x ``h`` (no space before
    or after it); ``None`` for an alignment it refuses."""
    colpos, rowpos = pos
    colwidth, rowheight = size
    valign = cellstyle.valign
    if valign == "TOP":
        y = rowpos + rowheight - cellstyle.topPadding
    elif valign == "BOTTOM":
        y = rowpos + cellstyle.bottomPadding + h
    else:
        y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
    y -= h
    just = cellstyle.alignment
    if just == "LEFT":
        x = colpos + cellstyle.leftPadding
    elif just == "RIGHT":
        x = colpos + colwidth - cellstyle.rightPadding - w
    elif just in ("CENTRE", "CENTER"):
        x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - w) / 2.0
    else:
        return None
    return x, y


def _text_object(canv) -> PDFTextObject:
    """A text object in the canvas's current font, as ``Canvas.beginText`` makes one."""
    key = (canv._fontname, canv._fontsize, canv._leading)
    objects = canv.__dict__.setdefault("_tdkt_text_objects", {})
    tx = objects.get(key)
    if tx is None:
        tx = objects[key] = PDFTextObject(canv)
    return tx


# Style commands whose effect does not depend on which body row a cell is in, as long as they
# address the header row alone, the body rows from the first, or every row.
_ROW_FREE = {(0, 0), (0, -1), (1, -1)}
_ROW_BOUND = {"SPAN", "ROWBACKGROUNDS", "COLBACKGROUNDS", "NOSPLIT", "BLOCKSPAN"}


def body_heights(header: list, rows: list[list], col_widths: list[float], style: list,
                 skip: set[int]) -> tuple[float, dict[int, float]] | None:
    """The header's height and each row's (but those in ``skip``) as ``Table._calc_height`` measures
    them, without a Table: every body row has the cell styles of the first. ``None`` when the style
    or a cell is not of the simple kinds (the caller measures with reportlab's tables then)."""
    for command in style:
        name, (_c0, r0), (_c1, r1) = command[:3]
        if name in _ROW_BOUND or (r0, r1) not in _ROW_FREE:
            return None
    probe = Table([header, rows[0] if rows else header], colWidths=col_widths, style=style)
    head_styles, body_styles = probe._cellStyles
    header_height = _row_height(header, head_styles, col_widths)
    if header_height is None:
        return None
    heights: dict[int, float] = {}
    for i, row in enumerate(rows):
        if i in skip:
            continue
        h = _row_height(row, body_styles, col_widths)
        if h is None:
            return None
        heights[i] = h
    return header_height, heights


def _row_height(row, styles, widths) -> float | None:
    h = 0.0
    for v, s, w in zip(row, styles, widths):
        if v is None or isinstance(v, str):
            t = (s.leading or 1.2 * s.fontsize) * len((v is not None and str(v) or "").split("\n"))
        elif isinstance(v, Paragraph) and not v.style.spaceBefore and not v.style.spaceAfter:
            t = v.wrap(w - s.leftPadding - s.rightPadding, 72000 - s.topPadding - s.bottomPadding)[1]
        else:
            return None
        t += s.bottomPadding + s.topPadding
        if t > h:
            h = t
    return h
