"""files.Fingerprints: each file's sha256 (and a CSV's inner-blank-line flag) computed in a
background thread while earlier files are read; same digests, same problems as before."""
import hashlib
import threading

import duckdb
import pytest

from metrics.ingest import check_paths, problems, staging, validate
from metrics.ingest.files import Fingerprints, fingerprint, sha256, stage_paths


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_fingerprints_match_hashlib_in_order(tmp_path):
    big = _write(tmp_path / "orders.csv", b"order_id,qty\n" + b"OS-1,5\n" * 3_000_000)   # > 2 chunks
    blank = _write(tmp_path / "units.csv", b"unit_id,name\nU1,a\n\nU2,b\n")
    other = _write(tmp_path / "items.parquet", b"PAR1 not really")
    with Fingerprints([big, blank, other]) as prints:
        got = [prints.get(i) for i in range(3)]
    assert got == [(hashlib.sha256(big.read_bytes()).hexdigest(), False),
                   (hashlib.sha256(blank.read_bytes()).hexdigest(), True),
                   (hashlib.sha256(other.read_bytes()).hexdigest(), None)]
    assert fingerprint(blank) == got[1]


def test_a_vanished_file_raises_its_oserror_from_get(tmp_path):
    gone = tmp_path / "orders.csv"
    with Fingerprints([gone]) as prints:
        with pytest.raises(FileNotFoundError):
            prints.get(0)


def test_a_stopped_hash_stops_reading(tmp_path):
    path = _write(tmp_path / "a.csv", b"x" * (20 * 1024 * 1024))
    stop = threading.Event()
    stop.set()
    assert sha256(path, stop=stop) == hashlib.sha256(b"").hexdigest()      # nothing read


def test_leaving_early_does_not_wait_for_every_file(tmp_path):
    paths = [_write(tmp_path / f"f{i}.csv", b"a,b\n" + b"1,2\n" * 200_000) for i in range(30)]
    with Fingerprints(paths) as prints:
        first = prints.get(0)
    assert first[0] == hashlib.sha256(paths[0].read_bytes()).hexdigest()
    assert not any(t.name.startswith("abasto-sha256") for t in threading.enumerate())


@pytest.fixture(params=["hashed first", "read while hashing"])
def timing(request, monkeypatch):
    """Whether a file's fingerprint is ready when its turn comes (else it is read while it is
    hashed, and rolled back if the fingerprint says so): both must give the same results."""
    def ready(self, index):
        if request.param == "read while hashing":
            return False
        self._futures[index].exception()          # waits for it, raising nothing
        return True

    monkeypatch.setattr(Fingerprints, "ready", ready)
    return request.param


def test_a_file_that_vanishes_after_discovery_is_reported_not_raised(tmp_path, monkeypatch, timing):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "units.csv", b"unit_id,name,institution_id,state\nU1,Unidad,IMSS,CDMX\n")
    _write(folder / "suppliers.csv", b"supplier_id,name\nS1,Proveedor\n")
    real_fingerprint = fingerprint

    def vanishing(path, stop=None):
        if path.name == "suppliers.csv":
            raise FileNotFoundError(2, "No such file or directory")
        return real_fingerprint(path, stop)

    monkeypatch.setattr("metrics.ingest.files.fingerprint", vanishing)
    con = duckdb.connect()
    problems.create(con)
    staging.create(con)
    validate.prepare(con)
    files = stage_paths(con, [folder])
    assert [f["file"] for f in files] == ["suppliers.csv", "units.csv"]
    assert files[0]["sha256"] is None and files[0]["rows"] == 0
    assert files[1]["sha256"] == hashlib.sha256((folder / "units.csv").read_bytes()).hexdigest()
    assert files[1]["rows"] == 1
    frame = problems.frame(con)
    assert frame[["severity", "file", "problem", "code"]].values.tolist() == [
        ["error", "suppliers.csv", "cannot open the file (No such file or directory)", "unreadable"]]


def test_a_repeated_file_is_still_read_once(tmp_path, timing):
    folder = tmp_path / "in"
    folder.mkdir()
    text = b"supplier_id,name\nS1,Proveedor\n"
    _write(folder / "suppliers.csv", text)
    _write(folder / "suppliers_copy.csv", text)
    frame = check_paths([folder], tmp_path / "none.duckdb")
    same = frame[frame["code"] == "same_file"]
    assert same[["file", "problem"]].values.tolist() == [
        ["suppliers_copy.csv", "same content as suppliers.csv: read once"]]
    assert [f["rows"] for f in frame.attrs["files"]] == [1]
    assert frame.attrs["files"][0]["sha256"] == hashlib.sha256(text).hexdigest()


def test_an_inner_blank_line_found_late_reads_the_general_way(tmp_path, timing):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "suppliers.csv", b"supplier_id,name\nS1,Proveedor\n\nS2,Otro\n")
    frame = check_paths([folder], tmp_path / "none.duckdb")
    info = frame.attrs["files"][0]
    assert info["rows"] == 2 and info["sha256"] == hashlib.sha256(
        (folder / "suppliers.csv").read_bytes()).hexdigest()
    assert frame[frame["severity"] == "error"].empty
