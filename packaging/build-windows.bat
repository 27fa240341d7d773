@echo off
rem Build the Windows installer dist\TDKT-Setup.exe (run on a Windows PC with Python 3.11+ and Inno Setup 6).
rem 1. a .venv with the program and PyInstaller, 2. dist\TDKT\ from packaging\tdkt.spec (the same recipe
rem as the Linux bundle, scripts/build-bundle.sh), 3. Inno Setup's iscc compiles packaging\tdkt.iss.
rem Double-click this file, or run packaging\build-windows.bat from the project folder.
setlocal
cd /d "%~dp0.."
if not exist .venv\Scripts\python.exe (
  py -3 -m venv .venv || python -m venv .venv || goto :nopython
)
.venv\Scripts\python -m pip install -q -e ".[bundle]" || goto :error
.venv\Scripts\python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\tdkt.spec || goto :error

set "ISCC="
where iscc >nul 2>nul && set "ISCC=iscc"
if not defined ISCC if exist "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" set "ISCC=%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe"
if not defined ISCC if exist "%ProgramFiles%\Inno Setup 6\ISCC.exe" set "ISCC=%ProgramFiles%\Inno Setup 6\ISCC.exe"
if not defined ISCC if exist "%LOCALAPPDATA%\Programs\Inno Setup 6\ISCC.exe" set "ISCC=%LOCALAPPDATA%\Programs\Inno Setup 6\ISCC.exe"
if not defined ISCC goto :noinno
"%ISCC%" packaging\tdkt.iss || goto :error
echo Da tao dist\TDKT-Setup.exe
pause
goto :eof

:nopython
echo Khong tim thay Python. Hay cai Python 3.11 tro len tu python.org (chon "Add python.exe to PATH").
pause
exit /b 1
:noinno
echo Da tao dist\TDKT\ nhung chua co Inno Setup 6: hay cai tu jrsoftware.org roi chay lai tep nay.
pause
exit /b 1
:error
echo Loi: khong tao duoc bo cai dat (xem thong bao o tren).
pause
exit /b 1
