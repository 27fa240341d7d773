"""The self-contained folder (packaging/tdkt.spec) runs the commands and the window with no Python and no repo.

Slow (it builds the bundle, about half a minute); CI runs it like every other test.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from ui.main_window import AREAS

ROOT = Path(__file__).resolve().parent.parent
EXE = "TDKT.exe" if sys.platform == "win32" else "TDKT"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    env = dict(os.environ, TDKT_DIST=str(out / "dist"), TDKT_WORK=str(out / "work"))
    built = subprocess.run(["bash", str(ROOT / "scripts" / "build-bundle.sh")], env=env,
                           capture_output=True, text=True, timeout=900)
    if built.returncode != 0:
        try:
            import PyInstaller  # noqa: F401
        except ImportError:
            pytest.skip("không cài được pyinstaller (cần mạng tới PyPI): " + built.stderr[-500:])
        pytest.fail("build-bundle.sh failed:\n" + built.stdout[-2000:] + built.stderr[-4000:])
    exe = out / "dist" / "TDKT" / EXE
    assert exe.is_file()
    return exe


def run_bundle(exe: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if sys.platform != "win32":
        env["PATH"] = "/usr/bin:/bin"  # no .venv/bin: the bundle must not need the project's Python
    result = subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.slow
def test_bundle_runs_commands_and_window_alone(bundle, tmp_path):
    internal = bundle.parent / "_internal"
    assert not list(internal.rglob("_tkinter*")), "tkinter is excluded"
    assert (internal / "resources" / "fonts" / "LiberationSerif-Regular.ttf").is_file()
    assert (internal / "fontpkg_be_vietnam_pro" / "files" / "BeVietnamPro-Regular.ttf").is_file()

    run_bundle(bundle, tmp_path, "demo", "--db", "x.db")
    assert (tmp_path / "x.db").is_file()

    run_bundle(bundle, tmp_path, "report", "initiatives", "--db", "x.db", "--campaign", "1", "-o", "x.pdf")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "x.pdf").pages)
    assert "DANH SÁCH ĐĂNG KÝ" in text

    run_bundle(bundle, tmp_path, "--db", "x.db", "--screenshots", "shots")
    shots = sorted((tmp_path / "shots").glob("*.png"))
    assert len(shots) == len(AREAS) == 15
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in shots)


def test_closing_the_window_without_console_streams_does_not_fail(monkeypatch, capsys):
    # The Windows bundle is a window without a console: sys.stdout and sys.stderr are None there.
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    main.flush_output()  # sys.stdout.flush() raised AttributeError before
