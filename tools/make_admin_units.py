"""Generate ``resources/admin/`` (units after 1/7/2025 and their lineage) from ``vietnamadminunits``.

Run by a developer when the source package changes, never at run time or in CI; the
generated files are committed. The package (MIT licence) is read as data only: its
SQLite dataset and converter table are opened directly, so its own dependencies
(shapely, geopy, ...) need not be installed. Install it outside the project's venv::

    pip install --no-deps --target /tmp/vau vietnamadminunits==1.0.4
    python tools/make_admin_units.py --package-dir /tmp/vau

Outputs (UTF-8, NFC, sorted, one record per line so that a data update is a readable diff):

- ``units-2025.json``: the 34 provinces and their 3.321 commune-level units;
- ``lineage-2025.json``: every former commune-level unit (63 provinces) and, for each new
  unit, the former units it was formed from, with the divided ones and their default share;
- ``LICENSE-vietnamadminunits.txt``: the package's licence text, shipped with its data.

Regenerating from the same package version gives byte-identical files: the recorded
generation date is kept when nothing else changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "admin"
PACKAGE = "vietnamadminunits"
HOMEPAGE = "https://github.com/tranngocminhhieu/vietnamadminunits"
EFFECTIVE = "2025-07-01"
UNITS_FILE = "units-2025.json"
LINEAGE_FILE = "lineage-2025.json"
LICENSE_FILE = "LICENSE-vietnamadminunits.txt"
FORMAT = 1
# A share of a divided former unit whose new unit's centre is farther than this from the
# former unit is reported for review (the package pairs some namesakes wrongly); the data
# is written as the package gives it.
FAR_SHARE_KM = 20

# Commune-level type prefixes, longest first so "Thị trấn" wins over a bare "Thị".
NEW_TYPES = ("Đặc khu", "Phường", "Xã")
FORMER_TYPES = ("Thị trấn", "Phường", "Xã")


class SourceError(RuntimeError):
    """The package is missing or its data does not have the expected shape."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


# ---------------------------------------------------------------- locating the package


def find_package(package_dir: str | None) -> tuple[Path, importlib.metadata.Distribution]:
    """Return the package folder and its distribution metadata, without importing it.

    ``package_dir`` (or ``$VIETNAMADMINUNITS_DIR``) is the folder holding
    ``vietnamadminunits/`` and its ``.dist-info`` (a ``pip install --target`` folder);
    otherwise the package is looked up on ``sys.path``.
    """
    base = package_dir or os.environ.get("VIETNAMADMINUNITS_DIR")
    if base:
        search = [str(Path(base).resolve())]
    else:
        spec = importlib.util.find_spec(PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            raise SourceError(
                f"{PACKAGE} not found: install it with "
                f"'pip install --no-deps --target DIR {PACKAGE}' and pass --package-dir DIR"
            )
        search = [str(Path(next(iter(spec.submodule_search_locations))).parent)]
    dists = [d for d in importlib.metadata.distributions(path=search) if _dist_name(d) == PACKAGE]
    if not dists:
        raise SourceError(f"no {PACKAGE} metadata (.dist-info) in {search[0]}")
    folder = Path(search[0]) / PACKAGE
    if not (folder / "data" / "dataset.db").is_file():
        raise SourceError(f"{folder} has no data/dataset.db")
    return folder, dists[0]


def _dist_name(dist: importlib.metadata.Distribution) -> str:
    return (dist.metadata["Name"] or "").lower().replace("-", "_")


def licence_text(dist: importlib.metadata.Distribution) -> str:
    """The LICENSE file shipped in the wheel's metadata (``licenses/LICENSE`` or ``LICENSE``)."""
    for entry in sorted(dist.files or [], key=str):
        if Path(str(entry)).name.upper().startswith(("LICENSE", "LICENCE")):
            return Path(dist.locate_file(entry)).read_text(encoding="utf-8")
    raise SourceError(f"{PACKAGE} ships no LICENSE file")


def source_header(dist: importlib.metadata.Distribution, licence: str) -> dict[str, str]:
    first = licence.strip().splitlines()[0].strip()
    name = first.removesuffix(" License").strip()
    classifiers = dist.metadata.get_all("Classifier") or []
    if name != "MIT" or "License :: OSI Approved :: MIT License" not in classifiers:
        raise SourceError(f"unexpected licence {first!r}: review it before shipping the data")
    copyright_line = next(
        (ln.strip() for ln in licence.splitlines() if ln.strip().startswith("Copyright")), ""
    )
    if not copyright_line:
        raise SourceError("the LICENSE has no copyright line")
    return {
        "package": PACKAGE,
        "version": dist.version,
        "licence": name,
        "copyright": copyright_line,
        "licence_file": LICENSE_FILE,
        "homepage": HOMEPAGE,
    }


# ---------------------------------------------------------------- reading its data


def _rows(db: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    db.row_factory = sqlite3.Row
    return db.execute(sql).fetchall()


def _split_type(name: str, types: tuple[str, ...]) -> tuple[str, str]:
    """("Thị Trấn Ái Tử", FORMER_TYPES) → ("Thị trấn", "Thị trấn Ái Tử"): type from the name.

    The name is the official text; the package's separate type column disagrees with it
    in a few rows (e.g. "Phường Việt Hòa" typed "Xã"), so the name decides.
    """
    for kind in types:
        if name.casefold().startswith(kind.casefold() + " "):
            return kind, kind + name[len(kind) :]
    raise SourceError(f"no commune-level type in the name {name!r}")


def build(folder: Path) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Read the package's data into the two documents (without header); also notes to print."""
    notes: list[str] = []
    db = sqlite3.connect(f"file:{folder / 'data' / 'dataset.db'}?mode=ro", uri=True)
    try:
        new_rows = _rows(
            db,
            "SELECT province, provinceCode, provinceKey, ward, wardType, wardCode, wardKey, "
            "wardLat, wardLon FROM admin_units",
        )
        old_rows = _rows(
            db,
            "SELECT province, provinceCode, provinceKey, district, districtCode, districtKey, "
            "ward, wardCode, wardKey, wardLat, wardLon FROM admin_units_legacy",
        )
    finally:
        db.close()
    converter = json.loads((folder / "data" / "converter_2025.json").read_text(encoding="utf-8"))

    # New provinces and communes (keyed in the converter by provinceKey / wardKey).
    provinces: dict[str, str] = {}
    province_by_key: dict[str, str] = {}
    communes: dict[str, list[str]] = {}
    new_code_by_key: dict[tuple[str, str], str] = {}
    where: dict[str, tuple[float | None, float | None]] = {}  # only for the notes
    for r in new_rows:
        pcode, pname = r["provinceCode"], nfc(r["province"])
        if provinces.setdefault(pcode, pname) != pname:
            raise SourceError(f"province code {pcode} has two names")
        province_by_key[r["provinceKey"]] = pcode
        kind, name = _split_type(nfc(r["ward"]), NEW_TYPES)
        if kind != r["wardType"]:
            notes.append(
                f"{r['wardCode']} {name}: package type {r['wardType']!r}, name says {kind!r}"
            )
        if r["wardCode"] in communes:
            raise SourceError(f"duplicate commune code {r['wardCode']}")
        communes[r["wardCode"]] = [pcode, name, kind]
        new_code_by_key[(r["provinceKey"], r["wardKey"])] = r["wardCode"]
        where[r["wardCode"]] = (r["wardLat"], r["wardLon"])

    # Former provinces, districts and commune-level units. The five island districts
    # without communes are former units of their own, keyed by the district code.
    old_provinces: dict[str, str] = {}
    districts: dict[str, list[str]] = {}
    former: dict[str, list[str]] = {}
    former_code_by_key: dict[str, str] = {}
    old_province_code_by_key: dict[str, str] = {}
    for r in old_rows:
        pcode, dcode = r["provinceCode"], r["districtCode"]
        old_provinces.setdefault(pcode, nfc(r["province"]))
        old_province_code_by_key[r["provinceKey"]] = pcode
        district = [pcode, nfc(r["district"])]
        if districts.setdefault(dcode, district) != district:
            raise SourceError(f"district code {dcode} has two names")
        if r["ward"]:
            code, name = r["wardCode"], _split_type(nfc(r["ward"]), FORMER_TYPES)[1]
        else:
            code, name = dcode, district[1]
        if code in former:
            raise SourceError(f"duplicate former unit code {code}")
        former[code] = [dcode, name]
        where["former " + code] = (r["wardLat"], r["wardLon"])
        former_code_by_key[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"] = code

    # Lineage: undivided former units listed under their one successor; divided ones
    # (DICT_PROVINCE_WARD_DIVIDED) under each new unit that took a share, one marked default.
    predecessors: dict[str, set[str]] = {code: set() for code in communes}
    divided: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, old_keys in wards.items():
            new_code = new_code_by_key[(pkey, wkey)]
            for old_key in old_keys:
                code = former_code_by_key[old_key]
                if code in seen:
                    raise SourceError(f"former unit {old_key} mapped twice")
                seen.add(code)
                predecessors[new_code].add(code)
    for pkey, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, shares in olds.items():
            code = former_code_by_key[old_key]
            if code in seen:
                raise SourceError(f"former unit {old_key} both whole and divided")
            seen.add(code)
            share_codes = sorted(new_code_by_key[(pkey, s["newWardKey"])] for s in shares)
            defaults = [
                new_code_by_key[(pkey, s["newWardKey"])] for s in shares if s["isDefaultNewWard"]
            ]
            if len(defaults) != 1:
                raise SourceError(f"{old_key} has {len(defaults)} default new units")
            divided[code] = {"default": defaults[0], "shares": share_codes}
            for new_code in share_codes:
                km = _distance_km(where["former " + code], where[new_code])
                if km is not None and km > FAR_SHARE_KM:
                    kind = "default share" if new_code == defaults[0] else "share"
                    notes.append(
                        f"{code} {former[code][1]} ({districts[former[code][0]][1]}): {kind} "
                        f"{new_code} {communes[new_code][1]} lies {km:.0f} km away"
                    )
            for new_code in share_codes:
                predecessors[new_code].add(code)
    if missing := sorted(set(former) - seen):
        raise SourceError(f"{len(missing)} former units have no successor, e.g. {missing[:5]}")
    if orphans := sorted(c for c, p in predecessors.items() if not p):
        raise SourceError(f"{len(orphans)} new units have no predecessor, e.g. {orphans[:5]}")

    province_predecessors = {
        province_by_key[new_key]: sorted(old_province_code_by_key[k] for k in old_keys)
        for new_key, old_keys in converter["DICT_PROVINCE"].items()
    }

    units_doc = {
        "provinces": dict(sorted(provinces.items())),
        "communes": dict(sorted(communes.items())),
    }
    lineage_doc = {
        "province_predecessors": dict(sorted(province_predecessors.items())),
        "former_provinces": dict(sorted(old_provinces.items())),
        "former_districts": dict(sorted(districts.items())),
        "former_units": dict(sorted(former.items())),
        "divided": dict(sorted(divided.items())),
        "predecessors": {k: sorted(v) for k, v in sorted(predecessors.items())},
    }
    return units_doc, lineage_doc, notes


def _distance_km(a: tuple[float | None, ...], b: tuple[float | None, ...]) -> float | None:
    """Great-circle distance between two (lat, lon) points, None if one is unknown."""
    if None in a or None in b:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------- writing


def dumps(header: dict[str, Any], sections: dict[str, Any]) -> str:
    """JSON with the header on one line and one entry per line in each section."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    parts = [f'"source":{one(header)}']
    for name, section in sections.items():
        if isinstance(section, dict) and section:
            body = ",\n".join(f"{one(k)}:{one(v)}" for k, v in section.items())
            parts.append(f"{one(name)}:{{\n{body}\n}}")
        else:
            parts.append(f"{one(name)}:{one(section)}")
    return unicodedata.normalize("NFC", "{\n" + ",\n".join(parts) + "\n}\n")


def _previous_date(path: Path, header: dict[str, Any], sections: dict[str, Any]) -> str | None:
    """The generation date already recorded in ``path`` if its content is otherwise the same."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    old_header = dict(old.pop("source", {}))
    date = old_header.pop("generated", None)
    if old_header == header and old == json.loads(json.dumps(sections)):
        return date if isinstance(date, str) else None
    return None


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def generate(
    folder: Path, dist: importlib.metadata.Distribution, out: Path, date: str | None = None
) -> list[str]:
    """Write the three files into ``out``; return notes about the source worth a look."""
    licence = licence_text(dist)
    base = source_header(dist, licence)
    units_doc, lineage_doc, notes = build(folder)
    out.mkdir(parents=True, exist_ok=True)
    docs = {
        UNITS_FILE: (base | {"effective": EFFECTIVE, "format": FORMAT}, units_doc),
        LINEAGE_FILE: (base | {"effective": EFFECTIVE, "format": FORMAT}, lineage_doc),
    }
    for file_name, (header, sections) in docs.items():
        when = date or _previous_date(out / file_name, header, sections)
        when = when or dt.date.today().isoformat()
        write_atomic(out / file_name, dumps(header | {"generated": when}, sections))
    write_atomic(out / LICENSE_FILE, licence.replace("\r\n", "\n").rstrip("\n") + "\n")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--package-dir", help="folder holding vietnamadminunits/ and its .dist-info"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (resources/admin)")
    parser.add_argument("--date", help="generation date to record (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    if args.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        parser.error("--date must be YYYY-MM-DD")
    try:
        folder, dist = find_package(args.package_dir)
        notes = generate(folder, dist, args.out, args.date)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"note: {note}")
    for name in (UNITS_FILE, LINEAGE_FILE, LICENSE_FILE):
        path = args.out / name
        print(f"{path}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
