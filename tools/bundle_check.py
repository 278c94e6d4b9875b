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
        # Qt modules load and the print preview of a form opens (offscreen).
        ["--db", str(db), "selfcheck"] if "selfcheck" in commands else [],
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


def problems(report: BundleReport) -> list[str]:
    """Everything wrong with a built and exercised bundle; empty when it is ready to ship.

    One list for the slow test, the bench and the Windows build, so a frozen program is
    judged the same way on every platform.
    """
    found: list[str] = []
    for run in report.runs:
        if run.returncode != 0:
            found.append(f"{' '.join(run.args)}: exit {run.returncode}\n{run.stderr[-2000:]}")
    by_cmd = {r.args[2]: r for r in report.runs if len(r.args) > 2}
    summary = by_cmd.get("summary")
    if summary is None or "22.278" not in summary.stdout or "69,85%" not in summary.stdout:
        found.append("summary of the demo does not show 22.278 and 69,85%")
    if "demo" not in by_cmd or "Đã tạo dữ liệu mẫu" not in by_cmd["demo"].stdout:
        found.append("the frozen demo command did not build the demo")
    if "(gui)" not in by_cmd:
        found.append("the frozen GUI was not started")
    check = by_cmd.get("selfcheck")
    if check is None or "Cài đặt đầy đủ." not in check.stdout:
        found.append(
            "self-check (Qt modules, print preview) failed or did not run: "
            + (check.stdout if check else "no selfcheck command")
        )
    names = {p.name for p in report.outputs}
    from tracu_desktop.core.formspec import form_codes

    for form in form_codes():
        for ext in ("xlsx", "pdf"):
            if f"TraCu_2023_{form}.{ext}" not in names:
                found.append(f"missing export TraCu_2023_{form}.{ext}")
    for name in ("report-docx.docx", "report-pdf.pdf", "report-package.pdf"):
        if name not in names:
            found.append(f"missing report output {name}")
    if report.size_mb >= SIZE_LIMIT_MB:
        found.append(f"bundle is {report.size_mb:.1f} MB, limit {SIZE_LIMIT_MB} MB")
    internal = report.bundle_dir / "_internal"
    for rel in (
        "resources/fonts/LICENSE-LiberationSerif.txt",
        "docs/huong-dan/README.md",
        "docs/screenshots/01-main-06.png",
    ):
        if not (internal / rel).exists():
            found.append(f"bundle lacks {rel}")
    if list(internal.rglob("*Qt6Qml*")) or list(internal.rglob("*Quick*")):
        found.append("bundle carries QML/Quick libraries it does not use")
    return found


def check_built(bundle: Path, scratch: Path) -> BundleReport:
    """Exercise a bundle built elsewhere (the Windows workflow builds it with PyInstaller)."""
    report = BundleReport(bundle, 0.0, folder_size(bundle))
    report.runs, report.outputs = exercise(bundle, scratch)
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description="Exercise a frozen bundle; exit 1 on a problem.")
    parser.add_argument("--bundle", type=Path, help="an already built bundle folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tracu-bundle-") as tmp:
        work = Path(tmp)
        report = check_built(args.bundle, work / "run") if args.bundle else build_and_check(work)
        for run in report.runs:
            print(f"{' '.join(run.args[2:])}: exit {run.returncode} ({run.seconds:.1f} s)")
        print(f"bundle size: {report.size_mb:.1f} MB")
        found = problems(report)
    for problem in found:
        print(f"PROBLEM: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
