"""Reading OCDS keeps bounded memory: the Python peak does not grow with the file.

Small and quick: batches are shrunk so that a few hundred processes already exercise the
steady state; the 200 MB measurement is tests/sources/bench_ocds_memory.py."""
import tracemalloc

from metrics.sources import common, ocds_read
from metrics.sources.ocds import map_file
from tests.sources import ocds_gen


def peak_kib(path) -> tuple[float, int]:
    sink = ocds_gen.DiscardingSink()
    tracemalloc.start()
    try:
        map_file(path, sink)
        sink.close()
        return tracemalloc.get_traced_memory()[1] / 1024, sink.counts["orders"]
    finally:
        tracemalloc.stop()


def test_python_memory_is_flat_in_file_size(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "FLUSH_ROWS", 100)
    monkeypatch.setattr(common, "ENCODING_CHUNK", 16_384)
    monkeypatch.setattr(ocds_read, "PARTITION_BYTES", 20_000)
    peak_kib(ocds_gen.write(tmp_path / "warm.jsonl", 5, suppliers=10))    # one-time loads (merge rules, caches)
    small = ocds_gen.write(tmp_path / "small.jsonl", 40, suppliers=10)
    large = ocds_gen.write(tmp_path / "large.jsonl", 240, suppliers=10)
    peak_small, lines_small = peak_kib(small)
    peak_large, lines_large = peak_kib(large)
    assert (lines_small, lines_large) == (200, 1200)
    # six times the data; a reader holding releases or rows would need ~6x the memory
    print(f"peak {peak_small:.0f} KiB -> {peak_large:.0f} KiB")
    assert peak_large < 1.25 * peak_small, (peak_small, peak_large)
