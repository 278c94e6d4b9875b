"""One defensive streaming pass of expat over an XML member of a zip file.

The member is read in 64 KB chunks and fed to expat; handlers see local element names
and collect text only where asked. Budgets shared by all members of one file bound the
XML elements, the text kept, one text's length, the bytes without a ``<`` or ``>``
(expat buffers a whole token, so one giant attribute would otherwise cost its size in
memory), the unpacked bytes and the time. Entity declarations are refused. Every
refusal is a :class:`XmlStreamError` with a Vietnamese message naming the file.
"""

from __future__ import annotations

import time
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

CHUNK = 64 * 1024


class XmlStreamError(ValueError):
    """A member cannot be read within the limits; ``str()`` is Vietnamese."""


@dataclass(frozen=True)
class Limits:
    elements: int
    text_chars: int
    one_text_chars: int
    token_bytes: int
    unpacked_bytes: int
    seconds: float


def _n(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class Budget:
    """Limits shared by every member of one file."""

    def __init__(self, file: str, limits: Limits):
        self.file = file
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.elements = 0
        self.text = 0

    def tick(self) -> None:
        if self.elements > self.limits.elements:
            raise XmlStreamError(
                f"Tệp {self.file} có quá nhiều phần tử XML (hơn {_n(self.limits.elements)}): "
                "không phải bảng biểu bình thường, không đọc."
            )
        if time.monotonic() > self.deadline:
            raise XmlStreamError(
                f"Tệp {self.file} đọc quá lâu (hơn {self.limits.seconds:.0f} giây): tệp quá "
                "lớn hoặc bất thường, không đọc. Hãy chép riêng bảng số liệu sang một tệp mới."
            )

    def add_text(self, n: int) -> None:
        self.text += n
        if self.text > self.limits.text_chars:
            raise XmlStreamError(
                f"Tệp {self.file} có quá nhiều chữ (hơn {_n(self.limits.text_chars)} ký tự), "
                "không đọc."
            )


class Part:
    """Base of the per-member handlers: text is collected only where asked for."""

    def __init__(self) -> None:
        self.capture: list[str] | None = None
        self.captured = 0

    def start(self, name: str, attrs: dict[str, str]) -> None: ...

    def end(self, name: str) -> None: ...

    def begin_text(self) -> None:
        self.capture = []
        self.captured = 0

    def take_text(self) -> str:
        text = "".join(self.capture or ())
        self.capture = None
        return text


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def stream_member(zf: zipfile.ZipFile, member: str, part: Part, budget: Budget, what: str) -> None:
    """Run ``part``'s handlers over one zip member, chunk by chunk; ``what`` names the
    member in messages."""
    limits = budget.limits
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_entities(*_args: object) -> None:
        raise XmlStreamError(
            f"Tệp {budget.file} có khai báo thực thể XML trong {what} (dạng tấn công), không đọc."
        )

    def on_start(name: str, attrs: dict[str, str]) -> None:
        budget.elements += 1
        if not budget.elements & 0xFFF:
            budget.tick()
        part.start(_local(name), attrs)

    def on_end(name: str) -> None:
        part.end(_local(name))

    def on_data(text: str) -> None:
        if part.capture is not None:
            part.captured += len(text)
            if part.captured > limits.one_text_chars:
                raise XmlStreamError(
                    f"Tệp {budget.file}: {what} có một ô dài hơn {_n(limits.one_text_chars)} "
                    "ký tự (giới hạn của Excel), tệp bất thường."
                )
            part.capture.append(text)

    parser.EntityDeclHandler = refuse_entities
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_data
    run = 0  # bytes since the last "<" or ">"
    read = 0
    try:
        with zf.open(member) as fh:
            while chunk := fh.read(CHUNK):
                read += len(chunk)
                if read > limits.unpacked_bytes:
                    raise XmlStreamError(
                        f"Tệp {budget.file} có nội dung giải nén quá lớn, không đọc."
                    )
                last = max(chunk.rfind(b"<"), chunk.rfind(b">"))
                if last < 0:
                    run += len(chunk)
                else:
                    firsts = [i for i in (chunk.find(b"<"), chunk.find(b">")) if i >= 0]
                    if run + min(firsts) > limits.token_bytes:
                        run = limits.token_bytes + 1
                    else:
                        run = len(chunk) - last - 1
                if run > limits.token_bytes:
                    raise XmlStreamError(
                        f"Tệp {budget.file}: {what} có một đoạn XML dài bất thường "
                        f"(hơn {limits.token_bytes // (1024 * 1024)} MB liền), không đọc."
                    )
                parser.Parse(chunk, False)
                budget.tick()
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise XmlStreamError(
            f"Tệp {budget.file} bị hỏng: {what} không đúng định dạng XML "
            f"(dòng {exc.lineno}, vị trí {exc.offset})."
        ) from None
    except NotImplementedError:
        raise XmlStreamError(
            f"Tệp {budget.file} dùng kiểu nén không được hỗ trợ. Hãy mở bằng Excel và lưu lại."
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError):
        raise XmlStreamError(f"Tệp {budget.file} bị hỏng (không giải nén được {what}).") from None
