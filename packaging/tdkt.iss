; Inno Setup 6 script for the TĐKT installer (dist\TDKT-Setup.exe). Built by packaging\build-windows.bat
; after PyInstaller has made dist\TDKT\ from packaging\tdkt.spec; by hand: iscc packaging\tdkt.iss
;
; Installs into Program Files, adds a Start-menu entry "TĐKT" (and, if ticked, a desktop shortcut).
; The user's data (database, backups) lives in %LOCALAPPDATA%\TDKT, written by the program, not by this
; installer: uninstalling removes only the files installed here and leaves %LOCALAPPDATA%\TDKT untouched
; (there is deliberately no [UninstallDelete] section). Reinstalling or upgrading keeps it too.
;
; The wizard's own texts are Inno's built-in ones: Vietnamese if packaging\Vietnamese.isl is present (the
; unofficial translation from jrsoftware.org, not shipped with Inno Setup), otherwise English. Every text
; this script adds is in Vietnamese. This file is UTF-8 with a BOM, as Inno Setup 6 needs for Vietnamese.

#define AppName "TĐKT"
#define AppVersion "0.1.0"
#define AppExe "TDKT.exe"

[Setup]
AppId={{E61626A2-4B03-4FD1-94C6-BB04F9B1024F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Hội đồng Thi đua - Khen thưởng
DefaultDirName={autopf}\TDKT
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=TDKT-Setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName} - Quản lý thi đua, khen thưởng
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "Vietnamese.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
DesktopIcon=Tạo biểu tượng trên màn hình nền
ExtraIcons=Biểu tượng thêm:
LaunchNow=Mở TĐKT ngay
UninstallEntry=Gỡ cài đặt TĐKT

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:ExtraIcons}"; Flags: unchecked

[Files]
; the whole PyInstaller folder: TDKT.exe, _internal\ (Python, Qt and its plugins, fonts, PDFium)
Source: "..\dist\TDKT\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Quản lý thi đua, khen thưởng"
Name: "{group}\{cm:UninstallEntry}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchNow}"; Flags: nowait postinstall skipifsilent
