"""The built wheel carries every package and subpackage (models/people, ui/kit, ...) and the fonts."""
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_contains_every_source_package_and_the_fonts(tmp_path):
    # built from a copy: a stale build/ folder in the work tree must not hide a missing package
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "__pycache__", "tests", "bench", "*.sqlite3*"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist")],
        check=True, capture_output=True, cwd=tmp_path,
    )
    (wheel,) = (tmp_path / "dist").glob("tdkt-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {
        p.relative_to(ROOT).as_posix()
        for folder in ("models", "ui", "reports", "resources", "cli")
        for p in (ROOT / folder).rglob("*.py")
    }
    assert len(sources) > 100
    assert sorted(sources - names) == []
    assert sorted(n for n in names if n.endswith(".py")) == sorted(sources | {"main.py"})
    assert "main.py" in names
    assert any(n.startswith("resources/fonts/") and n.endswith(".ttf") for n in names)
    assert not any(n.startswith("tests/") for n in names)
