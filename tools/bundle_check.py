"""Build the PyInstaller bundle from installer.spec and exercise the frozen program.

Shared by ``bench/bench_bundle.py`` and the slow packaging test: the frozen program
must find every resource (fonts, catalogs, presets, form specs) with no source tree
around it, so each command runs with a working folder outside the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "tracu-desktop"
SIZE_LIMIT_MB = 180


@dataclass
class CommandRun:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float


@dataclass
class BundleReport:
    bundle_dir: Path
    build_seconds: float
    size_bytes: int
    runs: list[CommandRun] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    @property
    def size_mb(self) -> float:
        return self.size_bytes / 1_000_000


def build_bundle(work: Path) -> tuple[Path, float]:
    """Run PyInstaller on installer.spec into ``work``; returns (bundle folder, seconds)."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--workpath",
            str(work / "build"),
            "--distpath",
            str(work / "dist"),
            str(ROOT / "installer.spec"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return work / "dist" / APP, time.perf_counter() - start


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def cli_program(bundle: Path) -> Path:
    name = f"{APP}-cli.exe" if os.name == "nt" else f"{APP}-cli"
    return bundle / name


def run_frozen(bundle: Path, args: list[str], cwd: Path, env_home: Path) -> CommandRun:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(env_home)  # keep logs and default data out of the real profile
    env["XDG_DATA_HOME"] = str(env_home / "data")
    start = time.perf_counter()
    proc = subprocess.run(
        [str(cli_program(bundle)), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    return CommandRun(args, proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start)


def gui_smoke(bundle: Path, db: Path, cwd: Path, home: Path, seconds: float = 6.0) -> CommandRun:
    """Start the frozen GUI offscreen; it passes when it is still running after ``seconds``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(cli_program(bundle)), "--db", str(db)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, errs = proc.communicate(timeout=seconds)
        code = proc.returncode or 1  # ending by itself is a failure: it crashed or refused
    except subprocess.TimeoutExpired:
        proc.kill()
        out, errs = proc.communicate()
        code = 0
    return CommandRun(
        ["--db", str(db), "(gui)"],
        code,
        out.decode("utf-8", "replace"),
        errs.decode("utf-8", "replace"),
        time.perf_counter() - start,
    )


def available_commands(bundle: Path, cwd: Path, home: Path) -> set[str]:
    """Command names the frozen program offers (export/report exist once built)."""
    import re

    run = run_frozen(bundle, ["--help"], cwd, home)
    return set(re.findall(r"^    ([a-z][a-z-]*)(?:\s|$)", run.stdout, re.MULTILINE))


def exercise(bundle: Path, scratch: Path) -> tuple[list[CommandRun], list[Path]]:
    """Run demo, summary and (when present) export of every form and the report."""
    scratch.mkdir(parents=True, exist_ok=True)
    home = scratch / "home"
    home.mkdir(exist_ok=True)
    db = scratch / "bundle-demo.sqlite3"
    out_dir = scratch / "out"
    runs: list[CommandRun] = []
    commands = available_commands(bundle, scratch, home)
    plan: list[list[str]] = [
        ["--db", str(db), "demo"],
        ["--db", str(db), "summary", "--period", "2023"],
        ["--db", str(db), "validate", "--period", "2023"],
        ["--db", str(db), "backup", "list"] if "backup" in commands else [],
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    if "export" in commands:
        plan.append(
            [
                "--db",
                str(db),
                "export",
                "--period",
                "2023",
                "--form",
                "all",
                "--format",
                "xlsx,pdf",
                "-o",
                str(out_dir),
            ]
        )
    if "report" in commands:
        for fmt, ext in (("docx", "docx"), ("pdf", "pdf"), ("package", "pdf")):
            target = out_dir / f"report-{fmt}.{ext}"
            plan.append(
                ["--db", str(db), "report", "--period", "2023", "--format", fmt, "-o", str(target)]
            )
    if "template" in commands:
        plan.append(
            [
                "--db",
                str(db),
                "template",
                "--period",
                "2023",
                "--unit",
                "TT_TRA_CU",
                "-o",
                str(out_dir / "mau-nhap.xlsx"),
            ]
        )
    if "sign" in commands and "report" in commands:
        plan += _signing_plan(db, scratch, out_dir)
    for args in plan:
        if args:
            runs.append(run_frozen(bundle, args, scratch, home))
    runs.append(gui_smoke(bundle, db, scratch, home))
    outputs = sorted(out_dir.rglob("*")) if out_dir.exists() else []
    return runs, [p for p in outputs if p.is_file()]


def _signing_plan(db: Path, scratch: Path, out_dir: Path) -> list[list[str]]:
    """Frozen ``sign`` (a test .p12 made here) then ``verify`` of the report PDF."""
    from PIL import Image

    from tests.signing.pki import PASSWORD, make_ca

    pki_dir = scratch / "pki"
    pki_dir.mkdir(exist_ok=True)
    ca = make_ca(pki_dir)
    issued = ca.issue(pki_dir, "Nguyễn Văn An", "UBND huyện Trà Cú", "signer")
    image = pki_dir / "chu-ky.png"
    Image.new("RGBA", (300, 120), (20, 40, 160, 255)).save(image)
    os.environ["TRACU_SIGN_PASSWORD"] = PASSWORD  # inherited by the frozen runs
    signed = out_dir / "report-signed.pdf"
    base = ["--db", str(db)]
    return [
        [*base, "sign", str(out_dir / "report-pdf.pdf"), "-o", str(signed),
         "--p12", str(issued.p12), "--image", str(image)],
        [*base, "verify", str(signed), "--trust", str(ca.ca_pem)],
    ]  # fmt: skip


def build_and_check(work: Path) -> BundleReport:
    bundle, seconds = build_bundle(work)
    report = BundleReport(bundle, seconds, folder_size(bundle))
    report.runs, report.outputs = exercise(bundle, work / "run")
    return report
