"""Email hand-off without a network: a draft ``.eml`` that Outlook or Thunderbird opens.

``X-Unsent: 1`` makes Outlook open the message as an editable draft; the clerk checks
it and presses Send in their own mail program.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path


class DraftError(ValueError):
    """The draft cannot be made as asked; ``str()`` is Vietnamese."""


def check_address(address: str) -> str:
    """A recipient as typed, refused when it holds line breaks or control characters
    (they would add headers to the message: header injection)."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in address):
        shown = address.replace("\r", "\\r").replace("\n", "\\n")
        raise DraftError(
            f"Địa chỉ người nhận “{shown}” có ký tự xuống dòng hoặc ký tự điều khiển, không "
            "hợp lệ. Mỗi địa chỉ ghi liền một dòng (dùng --to nhiều lần cho nhiều người nhận)."
        )
    return address.strip()


def draft_subject(organisation: str, period_label: str) -> str:
    return f"{organisation} gửi số liệu kiểm soát thủ tục hành chính {period_label}"


def draft_body(organisation: str, period_label: str, files: Sequence[str], sender: str = "") -> str:
    lines = [
        "Kính gửi Quý cơ quan,",
        "",
        f"{organisation} gửi số liệu, biểu mẫu và báo cáo kết quả kiểm soát thủ tục hành chính "
        f"{period_label}.",
        "",
        "Tệp đính kèm:",
        *[f"- {name}" for name in files],
        "",
        "Trân trọng.",
    ]
    if sender:
        lines += ["", sender]
    return "\n".join(lines) + "\n"


def build_draft(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[Path],
    sender: str = "",
) -> bytes:
    """The draft message as bytes (RFC 5322, UTF-8 headers, base64 attachments)."""
    msg = EmailMessage(policy=SMTP)
    if sender:
        msg["From"] = sender
    msg["To"] = ", ".join(check_address(a) for a in to)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["X-Unsent"] = "1"
    msg.set_content(body)
    for path in attachments:
        ctype, _ = mimetypes.guess_type(path.name)
        if path.name.endswith(".tracu.zip") or ctype is None:
            ctype = "application/zip" if path.suffix == ".zip" else "application/octet-stream"
        maintype, subtype = ctype.split("/", 1)
        msg.add_attachment(
            path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name
        )
    # No header folding: folding encoded words loses the spaces between them in some
    # Python versions, and mail programs accept long encoded headers.
    return msg.as_bytes(policy=SMTP.clone(max_line_length=None))
