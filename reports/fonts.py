"""Fonts for the official documents: Times New Roman when the system has it, else Liberation Serif.

Liberation Serif is metric-compatible with Times New Roman (same line breaks and page breaks) and
ships with the program under the SIL Open Font License (resources/fonts).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from resources import bundled_serif_files

STYLES = ("regular", "bold", "italic", "bolditalic")
# File names of Times New Roman as Windows, macOS and Linux (ttf-mscorefonts) install it.
_TIMES_NAMES = {
    "regular": ("times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf"),
    "bold": ("timesbd.ttf", "Times New Roman Bold.ttf", "Times_New_Roman_Bold.ttf"),
    "italic": ("timesi.ttf", "Times New Roman Italic.ttf", "Times_New_Roman_Italic.ttf"),
    "bolditalic": ("timesbi.ttf", "Times New Roman Bold Italic.ttf", "Times_New_Roman_Bold_Italic.ttf"),
}


@dataclass(frozen=True)
class FontFamily:
    """The reportlab names of one registered family; use ``regular`` as the base font name."""

    name: str
    regular: str
    bold: str
    italic: str
    bolditalic: str
    files: dict[str, Path]


def system_font_dirs() -> list[Path]:
    """Where the operating system keeps fonts (existing folders only)."""
    home = Path.home()
    candidates = []
    if sys.platform.startswith("win"):
        candidates.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            candidates.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        candidates += [Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), home / "Library/Fonts"]
    else:
        candidates += [
            Path("/usr/share/fonts/truetype/msttcorefonts"),
            Path("/usr/share/fonts/truetype/msttcorefonts-installer"),
            Path("/usr/share/fonts/TTF"),
            home / ".local/share/fonts",
            home / ".fonts",
        ]
    return [d for d in candidates if d.is_dir()]


def find_times_new_roman(dirs: list[Path] | None = None) -> dict[str, Path] | None:
    """The four Times New Roman files, or ``None`` unless all four are found."""
    found: dict[str, Path] = {}
    folders = system_font_dirs() if dirs is None else dirs
    for style, names in _TIMES_NAMES.items():
        for folder in folders:
            hit = next((folder / n for n in names if (folder / n).is_file()), None)
            if hit is None:  # case-insensitive file systems aside, try a lower-case match
                lower = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
                hit = next((lower[n.lower()] for n in names if n.lower() in lower), None)
            if hit is not None:
                found[style] = hit
                break
    return found if len(found) == len(STYLES) else None


def _register(name: str, files: dict[str, Path]) -> FontFamily:
    names = {style: f"{name}-{style}" for style in STYLES}
    for style in STYLES:
        if names[style] not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(names[style], str(files[style])))
    addMapping(names["regular"], 0, 0, names["regular"])
    addMapping(names["regular"], 1, 0, names["bold"])
    addMapping(names["regular"], 0, 1, names["italic"])
    addMapping(names["regular"], 1, 1, names["bolditalic"])
    return FontFamily(name, names["regular"], names["bold"], names["italic"], names["bolditalic"], files)


def document_fonts(search_dirs: list[Path] | None = None) -> FontFamily:
    """Register and return the documents' serif family: Times New Roman if installed, else the
    bundled Liberation Serif. Both print every Vietnamese letter."""
    times = find_times_new_roman(search_dirs)
    if times is not None:
        try:
            return _register("TimesNewRoman", times)
        except Exception:  # a damaged or non-TrueType file: fall back rather than fail the report
            pass
    return _register("LiberationSerif", bundled_serif_files())
