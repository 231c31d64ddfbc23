"""A read connection switches Arrow to the system allocator (store.system_arrow_pool): the
default mimalloc pool kept ~20 MB per process for the few MB of results we convert."""
import subprocess
import sys

_CHILD = """
import sys
import pyarrow as pa
from metrics import store
before = pa.default_memory_pool().backend_name
con = store.connect_read(sys.argv[1])
con.execute("SELECT 1").fetchall()
print(before, pa.default_memory_pool().backend_name)
"""


def test_a_read_connection_uses_the_system_pool(db):
    done = subprocess.run([sys.executable, "-c", _CHILD, str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    before, after = done.stdout.split()
    assert after == "system"
    assert before in ("mimalloc", "jemalloc", "system")
