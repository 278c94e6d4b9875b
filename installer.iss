; Inno Setup script: turns the PyInstaller bundle (dist\tracu-desktop) into TraCu-Setup-<version>.exe.
; Build: pyinstaller --noconfirm installer.spec
;        iscc /DAppVersion=0.1.0 installer.iss
; Per-user install (no administrator rights needed) into %LOCALAPPDATA%\Programs\TraCu.
; The data (%LOCALAPPDATA%\tracu-desktop: database, backups, logs) lives outside the
; program folder and is never touched by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "TraCu"
#define AppLongName "TraCu - Báo cáo kiểm soát thủ tục hành chính"
#define BundleDir "dist\tracu-desktop"
#define GuiExe "tracu-desktop.exe"

[Setup]
AppId={{6C1C7C2E-6F0B-4E4B-9D4A-2A0F1D3B7E21}
AppName={#AppLongName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=tracu-desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=dist
OutputBaseFilename=TraCu-Setup-{#AppVersion}
SetupIconFile=resources\icons\tracu.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppLongName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình (Desktop)"; GroupDescription: "Biểu tượng:"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Comment: "{#AppLongName}"
Name: "{group}\Thư mục dữ liệu và sao lưu {#AppName}"; Filename: "{localappdata}\tracu-desktop"
Name: "{group}\Gỡ cài đặt {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon; Comment: "{#AppLongName}"

[Dirs]
; Created at install so the Start-menu link to the data folder works before the first start.
Name: "{localappdata}\tracu-desktop"; Flags: uninsneveruninstall

[Run]
Filename: "{app}\{#GuiExe}"; Description: "Mở {#AppName} ngay"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry for {localappdata}\tracu-desktop: uninstalling (or
; upgrading) never removes the clerk's database, backups or logs.
