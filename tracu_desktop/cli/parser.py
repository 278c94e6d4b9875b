"""An ``argparse`` parser that speaks Vietnamese: usage, help headings, error messages.

argparse builds its texts through the module-level ``_``/``ngettext`` gettext hooks.
While one of our parsers builds itself, parses or formats help, those hooks are
pointed at the Vietnamese catalogue below and restored afterwards, so other users of
argparse in the same process (a test runner) are not affected. Option values shown in
usage lines get Vietnamese placeholders (``--period KỲ``) instead of English ones.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

EXIT_USAGE = 2

# argparse msgid -> Vietnamese (same %-placeholders; unused ones may be dropped).
MESSAGES = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "đối số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "subcommands": "lệnh",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "chỉ nhận tối đa một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng cùng lúc với tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s không rõ: có thể là %(matches)s"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (chọn một trong: %(choices)s)"
    ),
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}
PLURAL_MESSAGES = {("expected %s argument", "expected %s arguments"): "cần %s giá trị"}

# Placeholders shown for option values in usage lines, by argument ``dest``.
METAVARS = {
    "db": "TỆP",
    "period": "KỲ",
    "code": "MÃ_KỲ",
    "start": "NGÀY",
    "end": "NGÀY",
    "on": "NGÀY",
    "date": "NGÀY",
    "name": "TÊN",
    "reason": "LÝ_DO",
    "output": "ĐƯỜNG_DẪN",
    "form": "BIỂU",
    "forms": "BIỂU",
    "fmt": "ĐỊNH_DẠNG",
    "unit": "ĐƠN_VỊ",
    "preset": "BỘ_CẤU_HÌNH",
    "file": "TỆP",
    "files": "TỆP",
    "set_file": "TỆP",
    "section": "PHẦN",
    "to": "ĐỊA_CHỈ",
    "number": "SỐ",
    "place": "ĐỊA_DANH",
    "subject": "TRÍCH_YẾU",
    "recipient": "NƠI_NHẬN",
    "recipients": "DANH_SÁCH",
    "signer_authority": "THẨM_QUYỀN",
    "signer_title": "CHỨC_VỤ",
    "signer_name": "HỌ_TÊN",
}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    text = PLURAL_MESSAGES.get((singular, plural))
    if text is not None:
        return text
    return singular if n == 1 else plural


@contextlib.contextmanager
def vietnamese_texts() -> Iterator[None]:
    """Point argparse's gettext hooks at the Vietnamese catalogue for the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class VietnameseParser(argparse.ArgumentParser):
    """ArgumentParser whose every user-visible text is Vietnamese; usage errors exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with vietnamese_texts():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if (
            "metavar" not in kwargs
            and action.choices is None
            and action.nargs != 0
            and action.dest in METAVARS
        ):
            action.metavar = METAVARS[action.dest]
        return action

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", VietnameseParser)
        with vietnamese_texts():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        with vietnamese_texts():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with vietnamese_texts():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with vietnamese_texts():
            return super().format_usage()

    def format_help(self) -> str:
        with vietnamese_texts():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"Lỗi cú pháp lệnh: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
