#!/usr/bin/env bash
# Set up what the tests need, then run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh
# Qt needs these even offscreen (already present on most desktops).
ensure_system_packages libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
ensure_venv "[dev,bundle]"   # bundle: pyinstaller, for tests/test_bundle.py
export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m pytest -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "Lỗi: pytest không tìm thấy bài kiểm tra nào (exit 5)." >&2
  exit 1
fi
exit "$status"
