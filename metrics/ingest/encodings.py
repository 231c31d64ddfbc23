"""CSV files that are not UTF-8: Windows-1252 (Latin-1) exports, and mixed files.

Only called once a file turned out not to be UTF-8 (its head, or DuckDB's UTF-8 read), so
UTF-8 files never pay for it. A file that holds bytes that are not UTF-8 *and* valid UTF-8
multi-byte sequences (é written as C3 A9) was edited in two encodings: read either way,
part of its text would be stored garbled, so it is rejected instead.
"""
from __future__ import annotations

import re
from pathlib import Path

CHUNK = 8 * 1024 * 1024

# A UTF-8 multi-byte character (the lead byte, then its continuation bytes). Windows-1252
# text rarely matches: it would need a capital accented letter followed by a symbol (ÉÓ).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                             rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def holds_utf8_text(path: Path) -> bool:
    """Whether the file holds a UTF-8 multi-byte character anywhere (a streaming scan that
    stops at the first one; ASCII chunks are skipped at memory speed)."""
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            data = tail + chunk
            if not data.isascii() and _UTF8_MULTIBYTE.search(data):
                return True
            tail = chunk[-3:]        # a character cut by the chunk boundary
    return False


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
