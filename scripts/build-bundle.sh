#!/usr/bin/env bash
# Build the self-contained TĐKT folder dist/TDKT/ (runs without Python or the internet):
#   ./scripts/build-bundle.sh        then run dist/TDKT/TDKT (copy the whole dist/TDKT folder).
# Uses packaging/tdkt.spec, the same recipe as the Windows installer (packaging\build-windows.bat).
# TDKT_DIST and TDKT_WORK change the output and scratch folders (default dist/ and build/pyinstaller/).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-env.sh
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import PyInstaller, PySide6" 2>/dev/null; then
  ensure_venv "[bundle]"   # the program's packages plus pyinstaller
fi
dist="${TDKT_DIST:-dist}"
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "${TDKT_WORK:-build/pyinstaller}" packaging/tdkt.spec
echo "Đã tạo $dist/TDKT/ (chạy $dist/TDKT/TDKT)."
