; Outpost's Windows installer (Inno Setup 6; saved as UTF-8 with a BOM so iscc reads the
; Chinese). It cannot be built on the Linux machines the project develops on:
; .github/workflows/windows.yml builds it on a Windows runner, from the
; dist\outpost\ folder that the same PyInstaller spec as the Linux bundle makes:
;
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller installers\outpost.spec
;   iscc /DAppVersion=0.1.0 installers\windows\outpost.iss
;     -> dist\outpost-0.1.0-setup.exe
;
; A trainer's build for one town: copy its provisioning.toml into dist\outpost\ before
; iscc; it installs beside outpost.exe, where the app looks for it first.
;
; Data and upgrades: the app keeps its case store, outbox, settings and logs in the user's
; own folder (%LOCALAPPDATA%\Outpost, platformdirs), never under the program folder. This
; installer neither writes nor deletes there, so installing a newer build over an older one
; (same AppId) keeps every record, and so does an uninstall. The store migrates, after a
; backup, at the first start of the new build.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
; Fixed forever: an upgrade finds the installed build by this id.
AppId={{5E0C1D4A-7B39-4E0F-9A53-0C1B6F2D8E71}
AppName=前哨解纷 Outpost
AppVersion={#AppVersion}
AppPublisher=Outpost
DefaultDirName={autopf}\Outpost
DefaultGroupName=前哨解纷 Outpost
; Per user, no administrator: village laptops often have no admin password at hand.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=outpost-{#AppVersion}-setup
SetupIconFile=..\outpost.ico
UninstallDisplayIcon={app}\outpost.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; An upgrade closes a running Outpost first, so its store is closed cleanly.
CloseApplications=yes

[Languages]
; Simplified Chinese moved between Inno's official and unofficial folders across releases.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "zh_CN"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The old build's program files only (a newer Qt may rename its DLLs); never user data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\outpost\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\前哨解纷 Outpost"; Filename: "{app}\outpost.exe"
Name: "{autodesktop}\前哨解纷 Outpost"; Filename: "{app}\outpost.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\outpost.exe"; Description: "{cm:LaunchProgram,前哨解纷 Outpost}"; Flags: nowait postinstall skipifsilent
