"""Commands of digital signatures: sign, verify, trust (the trusted root certificates)."""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tracu_desktop.cli.common import EXIT_INVALID, EXIT_OK, CliError, Context, add_command, out

if TYPE_CHECKING:
    from tracu_desktop.signing.signer import SignerSource

PASSWORD_ENV = "TRACU_SIGN_PASSWORD"
PIN_ENV = "TRACU_SIGN_PIN"


def add_signer_options(p: argparse.ArgumentParser, required: bool = False) -> None:
    """``--p12 FILE`` or ``--pkcs11 LIBRARY --token LABEL [--key LABEL]``."""
    g = p.add_argument_group("khóa ký số")
    g.add_argument("--p12", type=Path, help="tệp chứng thư số .p12/.pfx (mật khẩu: hỏi, "
                   f"hoặc biến môi trường {PASSWORD_ENV})")  # fmt: skip
    g.add_argument("--pkcs11", metavar="LIBRARY", help="thư viện PKCS#11 của thiết bị ký (USB "
                   f"token), mã PIN: hỏi hoặc biến môi trường {PIN_ENV}")  # fmt: skip
    g.add_argument("--token", help="nhãn (tên) của thiết bị ký")
    g.add_argument("--key", help="nhãn khóa/chứng thư trên thiết bị (khi có nhiều)")


def signer_source(args: argparse.Namespace, required: bool = True) -> SignerSource | None:
    """The key chosen on the command line; None when optional and not given."""
    from tracu_desktop.signing.signer import SignerSource

    if args.p12 and args.pkcs11:
        raise CliError("Chọn một trong --p12 hoặc --pkcs11, không dùng cả hai.")
    if args.pkcs11 and not args.token:
        raise CliError("Ký bằng thiết bị (--pkcs11) cần nhãn thiết bị: --token NHÃN.")
    if not args.p12 and not args.pkcs11:
        if required:
            raise CliError("Cần khóa ký: --p12 TỆP hoặc --pkcs11 THƯ_VIỆN --token NHÃN.")
        return None
    return SignerSource(p12=args.p12, pkcs11=args.pkcs11, token=args.token, key=args.key)


def required_signer_source(args: argparse.Namespace) -> SignerSource:
    source = signer_source(args, required=True)
    if source is None:  # signer_source has refused already; this keeps the type exact
        raise CliError("Cần khóa ký: --p12 TỆP hoặc --pkcs11 THƯ_VIỆN --token NHÃN.")
    return source


def read_secret(source: SignerSource) -> str:
    """The password or PIN: from the environment (scripts) or asked without echo."""
    env = PIN_ENV if source.pkcs11 else PASSWORD_ENV
    value = os.environ.get(env)
    if value is not None:
        return value
    try:
        return getpass.getpass(f"Nhập {source.secret_name}: ")
    except (EOFError, OSError):
        raise CliError(
            f"Không nhập được {source.secret_name}; đặt biến môi trường {env}."
        ) from None


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "sign", cmd_sign, "ký số tệp PDF (báo cáo, bộ in, phụ lục) theo Nghị định 30/2020"
    )
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("-o", "--output", type=Path, required=True, help="tệp PDF đã ký")
    p.add_argument(
        "--role",
        choices=("person", "organisation", "attachment"),
        default="person",
        help="person: người có thẩm quyền; organisation: dấu cơ quan; attachment: phụ lục "
        "(ký mọi phụ lục chưa ký trong tệp)",
    )
    p.add_argument("--image", type=Path, help="ảnh chữ ký/ảnh dấu PNG (mặc định: trong cài đặt)")
    p.add_argument("--organisation", help="tên cơ quan (mặc định: theo chứng thư số)")
    p.add_argument("--number", help="số và ký hiệu văn bản ghi trên phụ lục")
    add_signer_options(p, required=True)

    p = add_command(sub, "verify", cmd_verify, "kiểm tra chữ ký số của tệp PDF")
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("--trust", type=Path, action="append", default=[],
                   help="thêm chứng thư gốc tin cậy (ngoài danh sách trong cài đặt)")  # fmt: skip

    p = add_command(sub, "trust", cmd_trust, "danh sách chứng thư gốc tin cậy để kiểm tra chữ ký")
    p.add_argument("--add", type=Path, action="append", default=[], metavar="FILE",
                   help="nhập chứng thư gốc từ tệp .cer/.crt/.pem")  # fmt: skip
    p.add_argument("--remove", metavar="SHA256", help="bỏ chứng thư gốc theo dấu vân tay")
    p.add_argument("--require-signed", choices=("yes", "no"),
                   help="bắt buộc gói số liệu nhận về phải được ký số")  # fmt: skip


def cmd_sign(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.signing import sign_pdf_file
    from tracu_desktop.signing.appearance import read_png, signing_time_text

    source = required_signer_source(args)
    if not args.file.is_file():  # before the PIN is asked for
        raise CliError(f"Không đọc được tệp {args.file}.")
    image = (
        read_png(args.image, "chữ ký" if args.role == "person" else "dấu") if args.image else None
    )
    secret = read_secret(source)
    # Without a database (a file signed on another PC) only --image gives the picture.
    done = sign_pdf_file(
        ctx.db() if ctx.resolved_path().exists() else None,
        args.file,
        args.output,
        source,
        secret,
        role=args.role,
        number=args.number or "",
        organisation=args.organisation or "",
        signature_png=image if args.role == "person" else None,
        seal_png=image if args.role == "organisation" else None,
    )
    when = signing_time_text(done.when) if done.when else ""
    out(f"Đã ký số {done.signatures} chữ ký ({args.role}) lúc {when}: {args.output}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.signing.trust import load_roots, parse_certificates, root_certificates
    from tracu_desktop.signing.verify import verify_pdf

    # Without a database (a file checked on another PC) only the --trust roots count.
    stored = load_roots(ctx.db()) if ctx.resolved_path().exists() else []
    roots = root_certificates(stored)
    for f in args.trust:
        try:
            roots += parse_certificates(f.read_bytes(), f.name)
        except OSError:
            raise CliError(f"Không đọc được tệp {f}.") from None
    try:
        data = args.file.read_bytes()
    except OSError:
        raise CliError(f"Không đọc được tệp {args.file}.") from None
    reports = verify_pdf(data, roots)
    if not reports:
        out(f"Tệp {args.file.name} không có chữ ký số.")
        return EXIT_INVALID
    for rep in reports:
        for line in rep.lines():
            out(line)
    broken = [r for r in reports if not r.ok]
    if broken:
        out(f"Có {len(broken)}/{len(reports)} chữ ký không hợp lệ.")
        return EXIT_INVALID
    out(f"Cả {len(reports)} chữ ký hợp lệ.")
    return EXIT_OK


def cmd_trust(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.catalog import set_setting
    from tracu_desktop.signing.trust import (
        REQUIRE_KEY,
        import_roots,
        load_roots,
        remove_root,
        require_signed,
    )

    db = ctx.db()
    for f in args.add:
        for r in import_roots(db, f):
            out(f"Đã thêm chứng thư gốc: {r.subject}")
    if args.remove:
        remove_root(db, args.remove)
    if args.require_signed:
        set_setting(db, REQUIRE_KEY, args.require_signed == "yes")
    roots = load_roots(db)
    out(f"Chứng thư gốc tin cậy: {len(roots)}")
    for r in roots:
        out(f"  {r.subject}  SHA-256 {r.fingerprint}")
    out("Gói số liệu phải được ký số: " + ("có" if require_signed(db) else "không"))
    return EXIT_OK


@contextmanager
def package_signing(args: argparse.Namespace) -> Iterator[Callable[[bytes], bytes] | None]:
    """The manifest signer of ``package --p12/--pkcs11``, or None without those options."""
    source = signer_source(args, required=False)
    if source is None:
        yield None
        return
    from tracu_desktop.interchange.package_signature import sign_manifest
    from tracu_desktop.signing.signer import open_signer

    with open_signer(source, read_secret(source)) as signer:
        yield lambda manifest: sign_manifest(manifest, signer)
