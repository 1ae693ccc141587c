"""Builds a release of Accueil TI, smoke-tests the frozen app, then packages it.

    .venv/bin/python installer/build.py             # build, smoke test, package
    .venv/bin/python installer/build.py --no-build  # smoke test and package the existing build

1. PyInstaller builds the one-folder app from installer/accueil-ti.spec into build/dist/.
2. The frozen app is run as an agent would, on a fresh data dir, with the OS keyring (on Linux a
   private D-Bus session with GNOME Keyring, so nothing touches the developer's own keyring):
   --version, ``evaluate`` on every scenario of the spec, ``demo``, ``gui --smoke`` under offscreen
   Qt, ``pdf`` (summary, letter and consent form) on a demo dossier, then a real central store
   (``admin create-agent``, ``serve``, ``login``, ``sync``). Any failure, any error message and
   any output that is not the expected one fails the release.
3. Packaging: on Linux a tarball with a ``.desktop`` entry, the icon and a per-user ``install.sh``
   (build/release/); on Windows the Inno Setup installer when ``ISCC.exe`` is on the PATH.

The figures of the run (size unpacked, files, start-up of the frozen app and from source) go to
build/release/report.json; ``benchmarks/bench_release.py`` reads them for BENCHMARKS.md.
Exit status: 0 when the release is good, 1 with a message naming the failed check otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "work"
RELEASE = ROOT / "build" / "release"
SCENARIOS = ROOT / "tests" / "data" / "scenarios-help-v1.json"
WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")
SIZE_GOAL_MB = 150
TIMEOUT_S = 120

# stderr lines that are not errors: the smoke run's own detail line, and the notice Qt's offscreen
# platform gives for a feature it lacks (it has no real windows to size).
HARMLESS_STDERR = re.compile(
    r"^(accueil-ti: (partner window; )?(since process start; )?\d+ ms in run_gui; .*"
    r"|This plugin does not support propagateSizeHints\(\))$")
SMOKE_READY = re.compile(r"ready in (\d+) ms\n")
DEMO_DONE = re.compile(r"demo: 30 dossiers created, 0 updated, 0 skipped in [\d.]+ s; \d+ of site "
                       r"([A-Z]{3}) to send at the next sync\n")
SYNC_DONE = re.compile(r"sync: \d+ pushed, 0 already stored, 0 conflicts, 0 quarantined, \d+ "
                       r"pulled \(\d+ applied\), 0 not in sync\n")


class ReleaseError(Exception):
    """A check of the release failed; the message names it and shows what was seen."""


def read_version() -> str:
    """The one version number (``app.__version__``, which pyproject.toml reads too)."""
    from app import __version__

    return __version__


def unexpected_stderr(stderr: str) -> list[str]:
    """The lines of ``stderr`` that are neither empty nor a known harmless notice."""
    return [line for line in stderr.splitlines() if line.strip()
            and not HARMLESS_STDERR.match(line)]


def parse_smoke(stdout: str, stderr: str) -> int:
    """The start-up in ms of a ``gui --smoke`` run, whose output must be ``ready in N ms``."""
    match = SMOKE_READY.fullmatch(stdout)
    if match is None:
        raise ReleaseError(f"gui --smoke: expected exactly 'ready in N ms' on stdout, got "
                           f"{stdout!r}")
    extra = unexpected_stderr(stderr)
    if extra:
        raise ReleaseError("gui --smoke: unexpected messages: " + " | ".join(extra))
    return int(match.group(1))


# --------------------------------------------------------------------------------------- build


def write_windows_version_file(version: str) -> Path:
    """The version resource of the Windows executables (shown in their Properties)."""
    numbers = [int(part) for part in re.findall(r"\d+", version)[:3]] + [0]
    numbers += [0] * (4 - len(numbers))
    quad = ", ".join(str(n) for n in numbers[:4])
    path = ROOT / "build" / "windows-version.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({quad}), prodvers=({quad})),
  kids=[
    StringFileInfo([StringTable('040C04B0', [
      StringStruct('CompanyName', 'Help! Bretagne'),
      StringStruct('FileDescription', 'Accueil TI'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('ProductName', 'Accueil TI'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x040C, 1200])])
  ]
)
""", encoding="utf-8")
    return path


def build(version: str) -> Path:
    """Runs PyInstaller; returns the folder of the build."""
    if not list((ROOT / "resources" / "translations").glob("*.qm")):
        raise ReleaseError("no compiled translation in resources/translations: run "
                           "scripts/bootstrap.sh first")
    if WINDOWS:
        write_windows_version_file(version)
    log = ROOT / "build" / "pyinstaller.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
               "--distpath", str(DIST), "--workpath", str(WORK),
               str(INSTALLER / "accueil-ti.spec")]
    print(f"build: PyInstaller {version} (log in {log.relative_to(ROOT)})", flush=True)
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                              check=False)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        raise ReleaseError("PyInstaller failed:\n" + "\n".join(tail))
    return DIST / "accueil-ti"


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``folder``, symbolic links counted once as links."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or path.is_file():
            total += path.lstat().st_size
            files += 1
    return total, files


# ---------------------------------------------------------------------------------- smoke test


@dataclass
class Run:
    """What a command printed."""

    returncode: int
    stdout: str
    stderr: str


@dataclass
class SmokeTest:
    """Runs the frozen executable as an agent's workstation would, on a fresh data dir."""

    executable: Path
    version: str
    home: Path
    env: dict[str, str] = field(default_factory=dict)
    site: str = ""
    figures: dict[str, object] = field(default_factory=dict)

    def run(self, *args: str, stdin: str | None = None, expect_rc: int = 0,
            env: dict[str, str] | None = None) -> Run:
        done = subprocess.run([str(self.executable), *args], input=stdin, capture_output=True,
                              text=True, encoding="utf-8", env={**self.env, **(env or {})},
                              timeout=TIMEOUT_S, check=False)
        run = Run(done.returncode, done.stdout, done.stderr)
        if run.returncode != expect_rc:
            raise ReleaseError(f"accueil-ti {' '.join(args)}: exit {run.returncode}, expected "
                               f"{expect_rc}; stderr: {run.stderr.strip()[-800:]!r}")
        return run

    def quiet(self, run: Run, what: str) -> Run:
        extra = unexpected_stderr(run.stderr)
        if extra:
            raise ReleaseError(f"{what}: unexpected messages: " + " | ".join(extra))
        return run

    def check_version(self) -> None:
        run = self.quiet(self.run("--version"), "--version")
        if run.stdout != f"accueil-ti {self.version}\n":
            raise ReleaseError(f"--version: expected 'accueil-ti {self.version}', got "
                               f"{run.stdout!r}")

    def check_evaluate(self) -> None:
        scenarios = json.loads(SCENARIOS.read_text(encoding="utf-8"))
        lines = "".join(json.dumps(s["situation"], ensure_ascii=False) + "\n" for s in scenarios)
        frozen = self.quiet(self.run("evaluate", "--jsonl", "-", stdin=lines), "evaluate")
        source = subprocess.run([sys.executable, "-m", "app", "evaluate", "--jsonl", "-"],
                                input=lines, capture_output=True, text=True, encoding="utf-8",
                                cwd=ROOT, timeout=TIMEOUT_S, check=True)
        results = [json.loads(line) for line in frozen.stdout.splitlines()]
        for scenario, result in zip(scenarios, results, strict=True):
            expected = scenario["expected"]
            seen = {"urgent": result["urgent"], "organismes": result["organismes"],
                    "aids": [aid["code"] for aid in result["aids"]]}
            if seen != {key: expected[key] for key in seen}:
                raise ReleaseError(f"evaluate: scenario « {scenario['name']} » gives {seen}, "
                                   f"the spec expects {expected}")
        if frozen.stdout != source.stdout:
            raise ReleaseError("evaluate: the frozen app and the source disagree on the "
                               "scenarios")
        self.figures["scenarios"] = len(results)

    def check_demo_and_window(self) -> None:
        run = self.quiet(self.run("demo", "--dossiers", "30", "--seed", "1"), "demo")
        match = DEMO_DONE.fullmatch(run.stdout)
        if match is None:
            raise ReleaseError(f"demo: unexpected output {run.stdout!r}")
        self.site = match.group(1)
        timings = []
        for _ in range(3):
            run = self.run("gui", "--smoke", env={"QT_QPA_PLATFORM": "offscreen"})
            timings.append(parse_smoke(run.stdout, run.stderr))
        self.figures["smoke_ready_ms"] = timings

    def dossiers(self) -> list[dict[str, object]]:
        run = self.quiet(self.run("export"), "export")
        return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]

    def check_documents(self) -> None:
        from pypdf import PdfReader

        dossiers = self.dossiers()
        if len(dossiers) != 30:
            raise ReleaseError(f"export: expected the 30 demo dossiers, got {len(dossiers)}")
        # A dossier of the workstation's own site: printing a letter records it in the dossier,
        # which then goes to the central store (where this workstation may only write its site's).
        consented = [(d, c["organisme"]) for d in dossiers if d["site"] == self.site
                     for c in d["consents"]  # type: ignore[attr-defined]
                     if c["given"] and not c["revoked_at"]]
        if not consented:
            raise ReleaseError(f"export: no demo dossier of site {self.site} has a consent to "
                               "print a letter for")
        dossier, organisme = consented[0]
        number = str(dossier["number"])
        footer = f"Accueil TI {self.version}"
        kinds = {"summary": [], "consent": [], "letter": ["--organisme", organisme]}
        for kind, extra in kinds.items():
            out = self.home / f"{kind}.pdf"
            self.quiet(self.run("pdf", number, "--kind", kind, *extra, "--out", str(out)),
                       f"pdf {kind}")
            if not out.read_bytes().startswith(b"%PDF-"):
                raise ReleaseError(f"pdf {kind}: {out.name} is not a PDF")
            text = "\n".join(page.extract_text() or "" for page in PdfReader(out).pages)
            if footer not in text:
                raise ReleaseError(f"pdf {kind}: the footer « {footer} » is missing")
        self.figures["documents"] = list(kinds)

    def check_central_store(self) -> None:
        database = f"sqlite:///{(self.home / 'central.db').as_posix()}"
        password = "smoke-test-password"
        self.quiet(self.run("admin", "create-agent", "--database", database, "--login",
                            "smoke.accueil", "--organisme", "urssaf", "--site", "REN",
                            "--role", "accueil", "--password-stdin", "--no-forced-change",
                            stdin=password + "\n"),
                   "admin create-agent")
        port = free_port()
        server = subprocess.Popen([str(self.executable), "serve", "--database", database,
                                   "--port", str(port)], env=self.env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(url + "/openapi.json", server)
            self.quiet(self.run("login", "--server", url, "--login", "smoke.accueil",
                                "--password-stdin", stdin=password + "\n"), "login")
            run = self.quiet(self.run("sync"), "sync")
            if not SYNC_DONE.fullmatch(run.stdout) or "error" in run.stdout:
                raise ReleaseError(f"sync: expected every dossier in sync, got {run.stdout!r}")
            self.figures["sync"] = run.stdout.strip()
            again = self.quiet(self.run("sync"), "sync")
            if not again.stdout.startswith("sync: 0 pushed") or not SYNC_DONE.fullmatch(
                    again.stdout):
                raise ReleaseError(f"sync: a second round still had work: {again.stdout!r}")
        finally:
            stop(server)

    def run_all(self) -> dict[str, object]:
        for check in (self.check_version, self.check_evaluate, self.check_demo_and_window,
                      self.check_documents, self.check_central_store):
            started = time.perf_counter()
            check()
            name = check.__name__.removeprefix("check_").replace("_", " ")
            print(f"smoke: {name} ✔ ({time.perf_counter() - started:.1f} s)", flush=True)
        return self.figures


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[str]) -> None:
    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read() if server.stdout else ""
            raise ReleaseError(f"serve: exited with {server.returncode}: {output[-800:]!r}")
        try:
            httpx.get(url, timeout=0.5)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise ReleaseError("serve: the central store did not answer within 30 s")


def stop(server: subprocess.Popen[str]) -> None:
    if server.poll() is None:
        server.send_signal(signal.CTRL_BREAK_EVENT if WINDOWS else signal.SIGTERM)  # type: ignore[attr-defined]
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def workstation_env(home: Path) -> Iterator[dict[str, str]]:
    """The environment of a fresh workstation: its own data dir, settings and (on Linux) a
    private session bus with an unlocked GNOME Keyring, stopped afterwards."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON_KEYRING", "ACCUEIL_TI", "QT_", "XDG_", "DBUS_"))}
    env["ACCUEIL_TI_HOME"] = str(home / "data")
    if not LINUX:
        yield env
        return
    for name in ("config", "data", "cache", "runtime"):
        (home / f"xdg-{name}").mkdir(mode=0o700)
    env |= {"XDG_CONFIG_HOME": str(home / "xdg-config"), "XDG_DATA_HOME": str(home / "xdg-data"),
            "XDG_CACHE_HOME": str(home / "xdg-cache"), "XDG_RUNTIME_DIR": str(home / "xdg-runtime")}
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            raise ReleaseError(f"{tool} is needed for the smoke test's keyring (Debian packages "
                               "dbus and gnome-keyring; scripts/bootstrap.sh installs them)")
    bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                          "--print-pid=1", f"--address=unix:path={home / 'bus'}"],
                         capture_output=True, text=True, check=True, env=env, timeout=30)
    address, pid = bus.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    keyring_pids: list[int] = []
    try:
        started = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                                 input=os.urandom(16).hex(), capture_output=True, text=True,
                                 check=True, env=env, timeout=30)
        for line in started.stdout.splitlines():
            if line.startswith("GNOME_KEYRING_PID="):
                keyring_pids.append(int(line.split("=", 1)[1]))
        yield env
    finally:
        for process in [*keyring_pids, int(pid)]:
            try:
                os.kill(process, signal.SIGTERM)
            except ProcessLookupError:
                pass


def smoke_test(folder: Path, version: str) -> dict[str, object]:
    executable = folder / ("accueil-ti.exe" if WINDOWS else "accueil-ti")
    if not executable.exists():
        raise ReleaseError(f"no executable at {executable}: build first")
    with tempfile.TemporaryDirectory(prefix="accueil-ti-smoke-") as temp:
        home = Path(temp)
        with workstation_env(home) as env:
            figures = SmokeTest(executable, version, home, env).run_all()
            if WINDOWS:
                forget_local_key(home / "data")
    return figures


def forget_local_key(data_dir: Path) -> None:
    """Windows: the smoke test's database key is in the user's Credential Manager; remove it."""
    import keyring

    from app.models.early import DB_FILENAME
    from app.models.secrets import SERVICE, key_username

    try:
        keyring.delete_password(SERVICE, key_username(data_dir / DB_FILENAME))
    except keyring.errors.KeyringError:
        pass


def start_up_ms(command: Sequence[str], runs: int = 3) -> list[int]:
    """``gui --smoke`` of ``command`` (the frozen executable, or ``python -m app``) on a fresh
    data dir of 30 demo dossiers: the milliseconds each of ``runs`` starts took to the list."""
    with tempfile.TemporaryDirectory(prefix="accueil-ti-start-up-") as temp:
        home = Path(temp)
        with workstation_env(home) as env:
            subprocess.run([*command, "demo", "--dossiers", "30", "--seed", "1"], env=env,
                           cwd=ROOT, capture_output=True, check=True, timeout=TIMEOUT_S)
            timings = []
            for _ in range(runs):
                done = subprocess.run([*command, "gui", "--smoke"], cwd=ROOT,
                                      env={**env, "QT_QPA_PLATFORM": "offscreen"},
                                      capture_output=True, text=True, check=True,
                                      timeout=TIMEOUT_S)
                timings.append(parse_smoke(done.stdout, done.stderr))
            if WINDOWS:
                forget_local_key(home / "data")
    return timings


SOURCE_COMMAND = (sys.executable, "-m", "app")


# ----------------------------------------------------------------------------------- packaging


DESKTOP_ENTRY = INSTALLER / "linux" / "accueil-ti.desktop"
INSTALL_SCRIPT = INSTALLER / "linux" / "install.sh"


def package_linux(folder: Path, version: str) -> Path:
    """build/release/accueil-ti-VERSION-linux-ARCH.tar.gz: the app, its .desktop entry and icon,
    and install.sh (per-user install; an upgrade replaces the program, never the data)."""
    arch = os.uname().machine
    name = f"accueil-ti-{version}"
    RELEASE.mkdir(parents=True, exist_ok=True)
    tarball = RELEASE / f"{name}-linux-{arch}.tar.gz"
    extras = {
        "accueil-ti.desktop": DESKTOP_ENTRY,
        "accueil-ti.png": ROOT / "resources" / "icons" / "accueil-ti.png",
        "install.sh": INSTALL_SCRIPT,
        "LISEZMOI.txt": INSTALLER / "linux" / "LISEZMOI.txt",
        "CHANGELOG.md": ROOT / "CHANGELOG.md",
    }
    validate_desktop_entry(DESKTOP_ENTRY)

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=name, filter=normalise)
        for arcname, source in extras.items():
            info = normalise(tar.gettarinfo(str(source), f"{name}/{arcname}"))
            info.mode = 0o755 if arcname.endswith(".sh") else 0o644
            with source.open("rb") as handle:
                tar.addfile(info, handle)
    return tarball


def validate_desktop_entry(path: Path) -> None:
    """desktop-file-validate, when installed, must have nothing to say about the entry."""
    if shutil.which("desktop-file-validate") is None:
        return
    done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0 or done.stdout.strip():
        raise ReleaseError(f"{path.name}: {(done.stdout + done.stderr).strip()}")


def check_linux_install(tarball: Path, version: str) -> None:
    """Unpacks the tarball and installs it for a throwaway user home twice (install, then an
    upgrade): the launcher, the menu entry and the icon must be there, the data left alone."""
    with tempfile.TemporaryDirectory(prefix="accueil-ti-install-") as temp:
        home = Path(temp)
        with tarfile.open(tarball) as tar:
            tar.extractall(home / "unpacked", filter="tar")
        script = home / "unpacked" / f"accueil-ti-{version}" / "install.sh"
        env = {"HOME": str(home / "home"), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        data = home / "home" / ".local" / "share" / "accueil-ti"
        data.mkdir(parents=True)
        (data / "keep.txt").write_text("données de l’agent", encoding="utf-8")
        for _ in range(2):
            done = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True,
                                  check=False, timeout=TIMEOUT_S)
            if done.returncode != 0:
                raise ReleaseError(f"install.sh failed: {done.stderr.strip()!r}")
        launcher = home / "home" / ".local" / "bin" / "accueil-ti"
        entry = home / "home" / ".local" / "share" / "applications" / "accueil-ti.desktop"
        icon = (home / "home" / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps"
                / "accueil-ti.png")
        for path in (launcher, entry, icon):
            if not path.exists():
                raise ReleaseError(f"install.sh: {path.relative_to(home / 'home')} is missing")
        run = subprocess.run([str(launcher), "--version"], capture_output=True, text=True,
                             check=False, timeout=TIMEOUT_S)
        if run.stdout != f"accueil-ti {version}\n":
            raise ReleaseError(f"installed launcher: --version printed {run.stdout!r}")
        exec_line = f'Exec="{home / "home"}/.local/opt/accueil-ti/accueil-ti" gui'
        if exec_line not in entry.read_text(encoding="utf-8"):
            raise ReleaseError("install.sh: the menu entry does not point at the installed app")
        if (data / "keep.txt").read_text(encoding="utf-8") != "données de l’agent":
            raise ReleaseError("install.sh: the upgrade touched the data dir")


def package_windows(folder: Path, version: str) -> Path | None:
    """The Inno Setup installer, when ISCC.exe is available (see installer/README.md)."""
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if iscc is None:
        print("package: ISCC.exe not on the PATH; the installer is not built "
              "(installer/README.md)")
        return None
    RELEASE.mkdir(parents=True, exist_ok=True)
    subprocess.run([iscc, f"/DAppVersion={version}", f"/DSourceDir={folder}",
                    f"/DOutputDir={RELEASE}", f"/DRepoDir={ROOT}",
                    str(INSTALLER / "windows" / "accueil-ti.iss")], check=True)
    return RELEASE / f"accueil-ti-{version}-setup.exe"


# ---------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--no-build", action="store_true",
                        help="smoke-test and package the existing build/dist/accueil-ti")
    parser.add_argument("--no-package", action="store_true", help="stop after the smoke test")
    parser.add_argument("--compare-source", action="store_true",
                        help="also time the start-up from source (for BENCHMARKS.md)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        version = read_version()
        folder = DIST / "accueil-ti" if args.no_build else build(version)
        built = time.perf_counter()
        size, files = folder_size(folder)
        print(f"build: {folder.relative_to(ROOT)}: {size / 1e6:.1f} MB unpacked, {files} files "
              f"(goal < {SIZE_GOAL_MB} MB)", flush=True)
        report: dict[str, object] = {"version": version, "platform": sys.platform,
                                     "size_bytes": size, "files": files,
                                     "build_s": round(built - started, 1)}
        report |= smoke_test(folder, version)
        if args.compare_source:
            report["source_ready_ms"] = start_up_ms(SOURCE_COMMAND)
        if not args.no_package:
            if LINUX:
                tarball = package_linux(folder, version)
                check_linux_install(tarball, version)
                report["package"] = tarball.name
                report["package_bytes"] = tarball.stat().st_size
                print(f"package: {tarball.relative_to(ROOT)} "
                      f"({tarball.stat().st_size / 1e6:.1f} MB); install.sh checked")
            elif WINDOWS:
                installer = package_windows(folder, version)
                report["package"] = installer.name if installer else None
        RELEASE.mkdir(parents=True, exist_ok=True)
        report["total_s"] = round(time.perf_counter() - started, 1)
        (RELEASE / "report.json").write_text(json.dumps(report, indent=2) + "\n",
                                             encoding="utf-8")
    except ReleaseError as exc:
        print(f"release: FAILED — {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as exc:
        print(f"release: FAILED — {' '.join(map(str, exc.cmd))} did not finish in {exc.timeout} s",
              file=sys.stderr)
        return 1
    median = statistics.median(report["smoke_ready_ms"])  # type: ignore[arg-type]
    print(f"release: accueil-ti {version} is good ({median:.0f} ms to the window, "
          f"{report['total_s']} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
