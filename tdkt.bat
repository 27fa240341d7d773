@echo off
rem Set up TĐKT on first use, then open it. Arguments go to main.py.
cd /d "%~dp0"
if not exist .venv\Scripts\python.exe (
  py -3 -m venv .venv || python -m venv .venv || goto :error
)
if not exist .venv\installed.txt (
  .venv\Scripts\python -m pip install -q -e . || goto :error
  echo ok> .venv\installed.txt
)
.venv\Scripts\python main.py %*
goto :eof
:error
echo Khong cai dat duoc. Hay cai Python 3.11 tro len tu python.org (chon "Add python.exe to PATH").
pause
