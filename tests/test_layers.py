"""models/ and reports/ are the domain and its documents: they never import Qt."""
import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module in ("models", "ui", "reports"):  # `from models import yearend`: the package named
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_models_and_reports_source_never_imports_pyside6_or_ui():
    offenders = []
    for folder in ("models", "reports", "cli"):  # cli: the commands main.py runs, Qt-free like the domain
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in _imported_modules(path):
                if name.split(".")[0] in ("PySide6", "ui", "shiboken6"):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_importing_every_domain_and_report_module_loads_no_qt():
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for folder in ("models", "reports")
        for p in sorted((ROOT / folder).rglob("*.py"))
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(modules) >= 10


# The council's year, bottom to top. A package may import the packages of lower levels only: never a sibling
# at its own level, never one above. `reports` sits beside the models it prints (it may import any of them).
MODEL_LEVELS = {
    "models.common": 0,
    "models.store": 1, "models.exchange": 1,
    "models.people": 2,
    "models.campaigns": 3, "models.quarters": 3, "models.awards": 3,
    "models.yearend": 4,
    "models.demo": 5, "models.check": 5, "models.exports": 5, "models.analysis": 5,
}
UI_LEVELS = {
    "ui.kit": 0,
    "ui.store": 1, "ui.people": 1,
    "ui.campaigns": 2, "ui.quarters": 2, "ui.awards": 2,
    "ui.yearend": 3,
    "ui.rules": 4,  # edits the rule sets of the quarters and of the year-end titles
    "ui.main_window": 5,
    "ui.app": 6,
}


def _package_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _package_imports():
    """(importing package, imported package, file) for every absolute import between project packages."""
    for folder in ("models", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            own = _package_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
            for name in _imported_modules(path):
                if name.split(".")[0] in ("models", "ui") and _package_of(name) != own and "." in name:
                    yield own, _package_of(name), path.relative_to(ROOT)


def test_every_package_is_placed_in_the_layering():
    packages = {_package_of(".".join(p.relative_to(ROOT).with_suffix("").parts))
                for folder in ("models", "ui") for p in (ROOT / folder).rglob("*.py") if p.name != "__init__.py"}
    assert packages <= set(MODEL_LEVELS) | set(UI_LEVELS), packages - set(MODEL_LEVELS) - set(UI_LEVELS)


def test_feature_packages_import_only_packages_below_them():
    offenders = []
    for own, other, path in _package_imports():
        levels = MODEL_LEVELS if own.startswith("models") else UI_LEVELS
        if other in levels and levels[other] >= levels[own]:
            offenders.append(f"{path} ({own}) imports {other}")
    assert offenders == []


def test_no_relative_imports_in_the_application_packages():
    # absolute imports say which feature a name comes from; the layering test reads them
    offenders = []
    for folder in ("models", "ui", "reports"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


_SQL_TEXT = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA\s|CREATE\s+(TABLE|INDEX))\b",
                       re.DOTALL)
_SQL_CALLS = {"execute", "executemany", "executescript", "query", "table"}


def _sql_in(path: Path, root: Path = ROOT) -> list[str]:
    """Where ``path`` talks to the database itself: a call of execute/query/table, a ``db[...]``
    table lookup, or a string holding an SQL statement."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SQL_CALLS:
            found.append(f"{path.relative_to(root)}:{node.lineno} .{node.func.attr}(")
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value).split(".")[-1] in ("db", "database", "conn"):
            found.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL_TEXT.search(node.value):
            found.append(f"{path.relative_to(root)}:{node.lineno} SQL text")
    return found


def test_no_sql_under_ui():
    # the screens ask models/ (which the command line shares); they never read or write tables themselves
    offenders = [hit for path in sorted((ROOT / "ui").rglob("*.py")) for hit in _sql_in(path)]
    assert offenders == []


def test_the_sql_detector_finds_each_form(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(self, db):\n"
        "    db.execute('SELECT 1')\n"
        "    self.db.query('x')\n"
        "    db['unit'].get(1)\n"
        "    db.table('unit')\n"
        "    text = 'SELECT code FROM unit WHERE id = ?'\n"
        "    dialog.exec()\n"
        "    label = 'Chọn đơn vị từ danh sách'\n",
        encoding="utf-8",
    )
    hits = sorted(_sql_in(sample, tmp_path))
    assert hits == ["sample.py:2 .execute(", "sample.py:3 .query(", "sample.py:4 db['unit']", "sample.py:5 .table(",
                    "sample.py:6 SQL text"]
