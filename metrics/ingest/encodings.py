"""CSV files that are not UTF-8: Windows-1252 (Latin-1) exports, and mixed files.

Only called once a file turned out not to be UTF-8 (its head, or DuckDB's UTF-8 read), so
UTF-8 files never pay for it. A file that holds bytes that are not UTF-8 *and* valid UTF-8
multi-byte sequences (é written as C3 A9) was edited in two encodings: read either way,
part of its text would be stored garbled, so it is rejected instead.
"""
from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

CHUNK = 8 * 1024 * 1024

# A UTF-8 multi-byte character is a lead byte and its continuation bytes. Each byte as its
# class (a regular expression runs at a third of the speed): ASCII a, continuation c, lead
# of 2/3/4 bytes 2/3/4, never in UTF-8 x. Windows-1252 text rarely holds one: it would need
# a capital accented letter followed by a symbol (Ó” is C3 94).
_CLASSES = bytes(ord("a") if b < 0x80 else ord("c") if b < 0xC0 else ord("x") if b < 0xC2 else
                 ord("2") if b < 0xE0 else ord("3") if b < 0xF0 else ord("4") if b < 0xF5 else
                 ord("x") for b in range(256))


def _utf8_multibyte(data: bytes) -> bool:
    if data.isascii():
        return False
    classes = data.translate(_CLASSES)
    return any(classes.find(seq) >= 0 for seq in (b"2c", b"3cc", b"4ccc"))


# Windows-1252 as a decoding table; the five bytes it leaves undefined (81 8D 8F 90 9D)
# read as Latin-1 reads them, so no file that imported as Latin-1 before is refused now.
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


def windows1252_copy(path: Path) -> Path | None:
    """A UTF-8 copy of the file read as Windows-1252, in the temp folder (the caller deletes
    it), written in chunks; None, and no copy, when the file holds a UTF-8 multi-byte
    character anywhere (mixed)."""
    fd, name = tempfile.mkstemp(prefix="abasto-cp1252-", suffix=".csv")
    copy, tail = Path(name), b""
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                data = tail + chunk
                if _utf8_multibyte(data):
                    copy.unlink()
                    return None
                out.write(codecs.charmap_decode(chunk, "strict", _CP1252)[0].encode("utf-8"))
                tail = chunk[-3:]        # a character cut by the chunk boundary
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy


def bad_byte(path: Path, line_start: int) -> int | None:
    """The first byte that is not UTF-8 in the line starting at byte `line_start`."""
    with open(path, "rb") as handle:
        handle.seek(max(line_start, 0))
        window = handle.read(64 * 1024)
    try:
        window.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":     # not a character cut by the window
            return window[exc.start]
    return None


# ---------------------------------------------------------------- whole-file detection
# (the source adapters, metrics/sources: OCDS JSON and CompraNet files)

class MixedEncoding(Exception):
    """The file holds UTF-8 text and, on `line` (1-based), a byte that is not UTF-8."""

    def __init__(self, line: int, byte: int):
        super().__init__(f"line {line}: byte 0x{byte:02X} is not UTF-8 while the rest of the "
                         f"file is UTF-8")
        self.line, self.byte = line, byte


def decode_windows1252(data: bytes) -> str:
    """Bytes read as windows1252_copy reads them (Windows-1252; 81 8D 8F 90 9D as Latin-1)."""
    return codecs.charmap_decode(data, "strict", _CP1252)[0]


def first_bad_byte(path: Path, chunk_size: int = CHUNK) -> tuple[int, int] | None:
    """(line, byte) of the first byte that is not UTF-8, or None when the file is UTF-8."""
    line, carry = 1, b""
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_size):
            data = carry + chunk
            try:
                data.decode("utf-8")
                line, carry = line + data.count(b"\n"), b""
            except UnicodeDecodeError as exc:
                if exc.reason == "unexpected end of data":     # a character cut by the chunk
                    line, carry = line + data[:exc.start].count(b"\n"), data[exc.start:]
                    continue
                return line + data[:exc.start].count(b"\n"), data[exc.start]
    return (line, carry[0]) if carry else None


def holds_utf8_multibyte(path: Path, chunk_size: int = CHUNK) -> bool:
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_size):
            if _utf8_multibyte(tail + chunk):
                return True
            tail = chunk[-3:]
    return False


def detect(path: Path, chunk_size: int = CHUNK) -> str:
    """'utf-8' (a BOM allowed) or 'latin-1' (read as Windows-1252: decode_windows1252,
    windows1252_copy); raises MixedEncoding for a file that holds both."""
    bad = first_bad_byte(path, chunk_size)
    if bad is None:
        return "utf-8"
    if holds_utf8_multibyte(path, chunk_size):
        raise MixedEncoding(*bad)
    return "latin-1"
