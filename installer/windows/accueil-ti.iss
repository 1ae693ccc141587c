; Inno Setup script of the Windows installer of Accueil TI (Inno Setup 6.3 or newer).
; Built by installer/build.py on Windows after the smoke test of the frozen app, or by hand:
;   ISCC.exe /DAppVersion=0.6.0 installer\windows\accueil-ti.iss
; (installer/README.md, « Windows »). The version comes from app/__init__.py through build.py.
;
; Per-user install, no administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\Accueil TI. The agent's data are elsewhere and an upgrade or an
; uninstall never touches them: the data dir %LOCALAPPDATA%\accueil-ti (local store, outbox),
; the settings (HKCU\Software\Help! Bretagne\Accueil TI) and the keys kept in the Windows
; Credential Manager (« accueil-ti »).

#ifndef AppVersion
  #error Give the version: ISCC /DAppVersion=X.Y.Z (installer/build.py does)
#endif
#ifndef RepoDir
  #define RepoDir "..\.."
#endif
#ifndef SourceDir
  #define SourceDir RepoDir + "\build\dist\accueil-ti"
#endif
#ifndef OutputDir
  #define OutputDir RepoDir + "\build\release"
#endif

[Setup]
; The same AppId for every release: it is how an upgrade finds the installed version.
AppId={{6F1B2D4C-8E3A-4B7F-9C21-5A0D3E7B9F14}
AppName=Accueil TI
AppVersion={#AppVersion}
AppVerName=Accueil TI {#AppVersion}
AppPublisher=Help! Bretagne
AppComments=Accueil des travailleurs indépendants en difficulté (dispositif Help!)
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription=Installation d’Accueil TI {#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\Accueil TI
UsePreviousAppDir=yes
DefaultGroupName=Accueil TI
DisableProgramGroupPage=yes
DisableDirPage=auto
OutputDir={#OutputDir}
OutputBaseFilename=accueil-ti-{#AppVersion}-setup
SetupIconFile={#RepoDir}\resources\icons\accueil-ti.ico
UninstallDisplayIcon={app}\AccueilTI.exe
UninstallDisplayName=Accueil TI {#AppVersion}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open Accueil TI is closed (it saves after every answer) before its files are replaced.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
fr.LaunchApp=Lancer Accueil TI
en.LaunchApp=Start Accueil TI
fr.AppComment=Accueil des travailleurs indépendants : questionnaire Help!, orientation, courriers
en.AppComment=Self-employed workers reception: Help! questionnaire, referral, letters
fr.CommandLine=Accueil TI – ligne de commande
en.CommandLine=Accueil TI – command line
fr.DataKept=Les dossiers, les réglages et la clé de la base locale de cet agent sont conservés dans %1 et dans le Gestionnaire d’identification de Windows.
en.DataKept=This agent’s dossiers, settings and local database key are kept in %1 and in the Windows Credential Manager.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program's own files entirely (a library dropped by a newer release must
; not linger). Only the program folder: the data dir is %LOCALAPPDATA%\accueil-ti.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#RepoDir}\CHANGELOG.md"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\Accueil TI"; Filename: "{app}\AccueilTI.exe"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\Accueil TI"; Filename: "{app}\AccueilTI.exe"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\AccueilTI.exe"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[Code]
// Said at the end of an uninstall: the agent's data stay (they may be needed by a reinstall).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\accueil-ti')]),
           mbInformation, MB_OK);
end;
