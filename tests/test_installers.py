"""Smoke test of what installers/ builds: the bundle and the .deb each pass ``outpost --check``
run headless from outside the source tree, with a clean environment and a scratch data
folder; the .deb says what Qt needs and carries its desktop entry.

The build (PyInstaller, then dpkg-deb) takes a minute or two, so it runs once per session.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the .deb and this bundle are Linux's"),
]

ROOT = Path(__file__).resolve().parent.parent


def _run(command: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ of a fresh build: outpost/ and the .deb (gzip: a minute faster than xz)."""
    out = tmp_path_factory.mktemp("installers")
    command = [sys.executable, "-m", "installers.build", "--compression", "gzip"]
    command += ["--dist", str(out / "dist"), "--work", str(out / "work")]
    result = _run(command, ROOT, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "dist"


@pytest.fixture(scope="session")
def deb(built: Path) -> Path:
    (package,) = built.glob("outpost_*.deb")
    return package


@pytest.fixture(scope="session")
def unpacked(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb installed into a throwaway root with ``dpkg -x``."""
    root = tmp_path_factory.mktemp("root")
    result = _run(["dpkg", "-x", str(deb), str(root)], root, timeout=300)
    assert result.returncode == 0, result.stderr
    return root


def check(program: Path, elsewhere: Path) -> str:
    """Run ``program --check`` as a laptop would: cwd and data outside the source tree, and
    no PYTHONPATH or venv in the environment. Returns its report; fails on a bad exit."""
    elsewhere.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(elsewhere),
        "LANG": "C.UTF-8",  # as on a desktop; Qt warns on a plain C locale
        "QT_QPA_PLATFORM": "offscreen",
    }
    command = [str(program), "--check", "--data-dir", str(elsewhere / "data")]
    result = subprocess.run(
        command, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (elsewhere / "data" / "outpost.sqlite3").exists()
    return result.stdout


def test_bundle_passes_check_outside_the_source_tree(built: Path, tmp_path: Path) -> None:
    report = check(built / "outpost" / "outpost", tmp_path / "laptop")
    assert "outpost check ok" in report
    # Our catalogue and Qt's own were both found inside the bundle.
    assert "outpost_zh_CN+qtbase_zh_CN" in report


def test_deb_unpacked_in_a_throwaway_root_passes_check(unpacked: Path, tmp_path: Path) -> None:
    assert "outpost check ok" in check(unpacked / "opt" / "outpost" / "outpost", tmp_path / "a")
    # /usr/bin/outpost is a relative link, so it works from the unpacked root too.
    assert "outpost check ok" in check(unpacked / "usr" / "bin" / "outpost", tmp_path / "b")


def field(control: str, name: str) -> str:
    """The value of one field of a control file or desktop entry."""
    (value,) = [line.split(":", 1)[1].strip() for line in control.splitlines()
                if line.startswith(f"{name}:")]  # fmt: skip
    return value


def test_deb_control_names_what_qt_needs(deb: Path, tmp_path: Path) -> None:
    control = _run(["dpkg-deb", "--field", str(deb)], tmp_path, timeout=60).stdout
    assert field(control, "Package") == "outpost"
    assert field(control, "Architecture") == "amd64"
    depends = [d.strip() for d in field(control, "Depends").split(",")]
    assert {"libxcb-cursor0", "libegl1", "libfontconfig1"} <= set(depends)
    assert any(d.startswith("libc6 (>= ") for d in depends)  # the build's glibc floor


def test_deb_has_desktop_entry_and_icon(unpacked: Path) -> None:
    icon = unpacked / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "outpost.png"
    assert icon.read_bytes().startswith(b"\x89PNG")
    desktop = (unpacked / "usr" / "share" / "applications" / "outpost.desktop").read_text("utf-8")
    entry = dict(line.split("=", 1) for line in desktop.splitlines() if "=" in line)
    assert entry["Name"] == "前哨解纷 Outpost"
    assert entry["Exec"] == "outpost" and entry["Icon"] == "outpost"
    assert entry["Categories"] == "Office;" and entry["Type"] == "Application"


def test_provisioning_goes_beside_the_program_and_a_later_build_drops_it(tmp_path: Path) -> None:
    from installers import build

    bundle = tmp_path / "outpost"
    bundle.mkdir()
    town = tmp_path / "provisioning.toml"
    town.write_text('server_url = "https://qidu.example.cn:8443"\n', encoding="utf-8")
    build.place_provisioning(bundle, town)
    assert (bundle / "provisioning.toml").read_text(encoding="utf-8") == town.read_text("utf-8")
    build.place_provisioning(bundle, None)  # the next build, for another town or none
    assert not (bundle / "provisioning.toml").exists()
    with pytest.raises(SystemExit, match=r"provisioning\.toml"):
        build.place_provisioning(bundle, tmp_path / "town.txt")
