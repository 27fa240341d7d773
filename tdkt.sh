#!/usr/bin/env bash
# Set up TĐKT on first use (or after pyproject.toml changes), then open it.
# Any arguments go to main.py: ./tdkt.sh --db PATH, ./tdkt.sh demo --db PATH, ...
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-env.sh
ensure_system_packages libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libfontconfig1 libglib2.0-0 libdbus-1-3
ensure_venv ""
exec .venv/bin/python main.py "$@"
