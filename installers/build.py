"""``python -m installers.build``: the Linux bundle dist/outpost/ and its .deb, in one command.

The bundle is PyInstaller's one-folder build of installers/outpost.spec; the .deb puts it
in /opt/outpost with /usr/bin/outpost, a desktop entry and an icon. Built on a given glibc,
the bundle runs only on that glibc or newer (DESIGN.md §6), so the .deb says so in Depends.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "installers"
SPEC = HERE / "outpost.spec"
NAME = "outpost"
# Everything the bundle is made of: a newer file here means the bundle is stale.
SOURCES = ("casework", "desktop", "sync", "resources", "installers/outpost.spec")
# dpkg 1.19 (Debian 10, older UOS) reads xz and gzip but not zstd.
COMPRESSIONS = ("xz", "gzip")
# casework.provisioning.FILE_NAMES: not imported, so building needs none of the app.
PROVISIONING_NAMES = ("provisioning.toml", "provisioning.json")

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Name=前哨解纷 Outpost
GenericName=Dispute resolution casework
GenericName[zh_CN]=矛盾纠纷调处
Comment=Record and follow disputes, offline first
Comment[zh_CN]=登记、调处、回访矛盾纠纷，无网络也能用
Exec=outpost
Icon=outpost
Terminal=false
Categories=Office;
StartupWMClass=outpost
"""


def version() -> str:
    """The version in pyproject.toml: the package's version too."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
        yield from (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def is_fresh(bundle: Path) -> bool:
    """True when the bundle's program is newer than every source it was built from."""
    program = bundle / NAME
    if not program.exists():
        return False
    built = program.stat().st_mtime
    return all(p.stat().st_mtime <= built for p in _files([ROOT / s for s in SOURCES]))


def build_bundle(dist: Path, work: Path, *, reuse: bool = False) -> Path:
    """Run PyInstaller on the spec; returns dist/outpost. ``reuse`` skips a fresh bundle."""
    bundle = dist / NAME
    if reuse and is_fresh(bundle):
        print(f"bundle is up to date: {bundle}")
        return bundle
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, check=True, cwd=ROOT)
    # PyInstaller keeps the old program's mtime when nothing changed; mark the build.
    (bundle / NAME).touch()
    return bundle


def place_provisioning(bundle: Path, provisioning: Path | None) -> None:
    """Put a trainer's provisioning file beside the program (where the app looks first), or
    take an earlier one away: a reused bundle must not carry another town's settings."""
    for name in PROVISIONING_NAMES:
        (bundle / name).unlink(missing_ok=True)
    if provisioning is not None:
        if provisioning.name not in PROVISIONING_NAMES:
            raise SystemExit(f"a provisioning file is named {' or '.join(PROVISIONING_NAMES)}")
        shutil.copyfile(provisioning, bundle / provisioning.name)


def runtime_packages() -> list[str]:
    """The Debian packages Qt's xcb plugin needs (installers/qt-runtime-packages.txt)."""
    lines = (HERE / "qt-runtime-packages.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def depends() -> str:
    """Depends: the build's glibc or newer, then what Qt needs."""
    libc, libc_version = platform.libc_ver()
    floor = [f"libc6 (>= {libc_version})"] if libc == "glibc" and libc_version else []
    return ", ".join(floor + runtime_packages())


def architecture() -> str:
    """dpkg's name for this machine (amd64 here; arm64 on a Kylin ARM build box)."""
    result = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True)
    return result.stdout.strip() or "amd64"


def control(installed_kb: int) -> str:
    """The DEBIAN/control file."""
    return (
        f"Package: {NAME}\n"
        f"Version: {version()}\n"
        f"Architecture: {architecture()}\n"
        "Maintainer: Outpost trainers <outpost@localhost>\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {depends()}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: Outpost (前哨解纷): offline-first dispute resolution casework\n"
        " Grid workers, town and district staff record disputes, follow them through\n"
        " intake, mediation and follow-up visits, and sync with the town server.\n"
    )


def _stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under ``root``."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / "opt" / NAME, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    # Relative, so the link also works in a root unpacked with `dpkg -x` (the smoke test).
    (root / "usr" / "bin" / NAME).symlink_to(Path("../../opt") / NAME / NAME)
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / f"{NAME}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    icons = root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copyfile(HERE / "outpost.png", icons / f"{NAME}.png")


def size(path: Path) -> int:
    """Bytes in a file or a folder; symlinks (PyInstaller makes many) count once, as links."""
    if not path.is_dir():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir() or p.is_symlink())


def _epoch() -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time: the same tree makes the same file
    dates (read-only git; 0 without git)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
        )
    except FileNotFoundError:
        return 0
    return int(result.stdout.strip() or 0)


def _set_dates(root: Path, epoch: int) -> None:
    for path in [root, *root.rglob("*")]:
        os.utime(path, (epoch, epoch), follow_symlinks=False)


def deb_path(out: Path) -> Path:
    """Where the .deb is written: outpost_VERSION_ARCH.deb in ``out``."""
    return out / f"{NAME}_{version()}_{architecture()}.deb"


def build_deb(
    bundle: Path, work: Path, out: Path, *, compression: str = "xz", reuse: bool = False
) -> Path:
    """Package the bundle with dpkg-deb; returns the .deb's path. ``reuse`` keeps a .deb
    newer than the bundle."""
    deb = deb_path(out)
    # The folder's own date moves when a provisioning file comes or goes.
    newest = max(p.stat().st_mtime for p in [bundle, *bundle.iterdir()])
    if reuse and deb.exists() and deb.stat().st_mtime >= newest:
        print(f"package is up to date: {deb}")
        return deb
    root = work / "deb-root"
    _stage(bundle, root)
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control(size(root) // 1024 + 1), encoding="utf-8")
    epoch = _epoch()
    _set_dates(root, epoch)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    command = ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root)]
    subprocess.run([*command, str(deb)], check=True, env=env, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)  # a second copy of the bundle: 200 MB nobody needs
    return deb


def megabytes(path: Path) -> float:
    """The size of a file or folder in MB (10^6 bytes), to one decimal."""
    return round(size(path) / 1e6, 1)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line of ``python -m installers.build``."""
    parser = argparse.ArgumentParser(prog="python -m installers.build", description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "installers", help="scratch folder"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a bundle newer than its sources, and a .deb newer than the bundle",
    )
    parser.add_argument(
        "--provision",
        type=Path,
        help="a provisioning.toml (or .json) to build in: the laptop starts on its town server",
    )
    parser.add_argument("--compression", choices=COMPRESSIONS, default="xz")
    parser.add_argument("--no-deb", action="store_true", help="build the bundle only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the bundle and the .deb; print where they are."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    bundle = build_bundle(dist, work / "pyinstaller", reuse=args.reuse)
    place_provisioning(bundle, args.provision)
    print(f"bundle:  {bundle} ({megabytes(bundle)} MB); run {bundle / NAME}")
    if not args.no_deb:
        deb = build_deb(bundle, work, dist, compression=args.compression, reuse=args.reuse)
        print(f"package: {deb} ({megabytes(deb)} MB); install with: sudo apt install {deb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
