"""Baseline for bench_startup.py: start Qt, show an empty QMainWindow, quit at once.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/empty_window.py
"""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 760)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
