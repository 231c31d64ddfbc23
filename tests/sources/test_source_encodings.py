"""The OCDS and CompraNet readers detect encodings as the canonical CSV reader does
(metrics.ingest.encodings): Windows-1252 bytes 80-9F read as such, a file that mixes UTF-8
and other bytes is refused, naming its line."""
import json

import pytest

from metrics.ingest import encodings
from metrics.sources.common import SourceFormatError, detect_encoding
from tests.sources.test_ocds_mapping import R1, load, package, rows, run


def _ocds_with_name(tmp_path, name_bytes: bytes, filename: str):
    """R1 in ASCII JSON, its supplier's name written as `name_bytes` (and the line it is on)."""
    text = json.dumps(package([load(R1)]), ensure_ascii=True, indent=1).encode("utf-8")
    name = json.dumps("Laboratorios Ñandú, S.A. de C.V.").encode()[1:-1]
    assert name in text
    path = tmp_path / filename
    path.write_bytes(text.replace(name, name_bytes))
    return path, text[:text.index(name)].count(b"\n") + 1


def test_windows_1252_dash_and_quotes_are_read_as_such(tmp_path):
    path, _ = _ocds_with_name(tmp_path, "Farmacéutica “Ñandú” – S.A.".encode("cp1252"), "w.json")
    assert detect_encoding(path) == "latin-1"
    assert ("Farmacéutica “Ñandú” – S.A.",) in rows(run(path), "suppliers", "name")


def test_mixed_utf8_and_latin1_is_refused_naming_the_line(tmp_path):
    path, line = _ocds_with_name(tmp_path, "Médica ".encode("utf-8") + "Ñandú".encode("latin-1"),
                                 "m.json")
    with pytest.raises(SourceFormatError) as info:
        detect_encoding(path)
    assert info.value.record == line
    assert str(info.value) == (f"{path}, record {line}: byte 0xD1 is not UTF-8 while the rest of "
                               f"the file is UTF-8 (edited in two encodings?): save the file "
                               f"again as UTF-8")


def test_detection_across_chunks(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"a\n" * 10 + "é".encode("utf-8") + b"\nx\n\xe9\n")
    assert encodings.first_bad_byte(path, chunk_size=21) == (13, 0xE9)   # é cut by the chunk
    with pytest.raises(encodings.MixedEncoding):
        encodings.detect(path, chunk_size=7)
    path.write_bytes(b"a\n\x96\n")
    assert encodings.detect(path, chunk_size=1) == "latin-1"
    assert encodings.decode_windows1252(b"\x96\x81") == "–\x81"
