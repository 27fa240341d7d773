"""The one place that finds the program's resource files (fonts, sample data).

Never build resource paths from the working directory: the program may be started from anywhere.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Absolute path of a file shipped in ``resources/`` (it is not checked to exist)."""
    return ROOT.joinpath(*parts)


def ui_font_files() -> list[Path]:
    """The Be Vietnam Pro files the screens use (from the fontpkg-be-vietnam-pro package)."""
    import fontpkg_be_vietnam_pro as pkg

    wanted = ("Regular", "Italic", "Medium", "SemiBold", "Bold", "BoldItalic")
    return [pkg.ROOT / "files" / f"BeVietnamPro-{w}.ttf" for w in wanted]


UI_FONT_FAMILY = "Be Vietnam Pro"


def bundled_serif_files() -> dict[str, Path]:
    """Liberation Serif (metric-compatible with Times New Roman), by style."""
    base = ROOT / "fonts"
    return {
        "regular": base / "LiberationSerif-Regular.ttf",
        "bold": base / "LiberationSerif-Bold.ttf",
        "italic": base / "LiberationSerif-Italic.ttf",
        "bolditalic": base / "LiberationSerif-BoldItalic.ttf",
    }
