from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import asyncpg
import pytest

from omotenashi.pgcluster import (
    ClusterError,
    EmbeddedCluster,
    find_binaries,
    free_port,
    machine_memory,
    memory_settings,
)


def test_running_cluster_is_reused_not_started_twice(cluster: EmbeddedCluster) -> None:
    second = EmbeddedCluster(root=cluster.root, password=cluster.password)
    second.start()
    assert second.port == cluster.port
    second.stop()  # it did not start the server, so it must not stop it
    assert second._running_port() == cluster.port


def test_cluster_is_initialised_once_and_restarts_on_its_data(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    first = EmbeddedCluster(root=tmp_path / "pg", password="secret-one", durable=False)
    with first.running():
        version = (first.pgdata / "PG_VERSION").read_text()
    assert first._running_port() is None
    again = EmbeddedCluster(root=tmp_path / "pg", password="secret-one", durable=False)
    with again.running():
        assert (again.pgdata / "PG_VERSION").read_text() == version
        assert again._running_port() == again.port


def test_port_in_use_is_a_clear_error(tmp_path: Path, cluster: EmbeddedCluster) -> None:
    tmp_path.chmod(0o755)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = EmbeddedCluster(root=tmp_path / "pg", password="x", port=port, durable=False)
        with pytest.raises(ClusterError, match=f"Port {port} .* already in use"):
            busy.start()


def test_missing_binaries_say_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(ClusterError, match="No working PostgreSQL server binaries"):
        find_binaries(tmp_path)


def test_binaries_of_another_major_version_are_refused() -> None:
    installed = find_binaries()
    with pytest.raises(ClusterError, match=r"made by PostgreSQL 9"):
        find_binaries(installed.bin_dir, want_major=9)


def test_free_port_is_bindable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", free_port()))


@pytest.mark.parametrize(
    ("memory_gib", "shared_mb", "cache_mb"),
    [
        (0.25, 128, 128),  # a tiny container keeps PostgreSQL's default, never less
        (2, 512, 1024),
        (8, 2048, 4096),
        (64, 4096, 32768),  # one cluster never reserves more than 4 GB of buffers
    ],
)
def test_memory_is_sized_to_the_machine(memory_gib: float, shared_mb: int, cache_mb: int) -> None:
    settings = memory_settings(int(memory_gib * 1024**3))
    assert settings == {"shared_buffers": f"{shared_mb}MB", "effective_cache_size": f"{cache_mb}MB"}


def test_a_container_limit_below_the_machine_is_what_counts(tmp_path: Path) -> None:
    (tmp_path / "memory.max").write_text(f"{1024**3}\n")
    assert machine_memory(tmp_path) == 1024**3
    (tmp_path / "memory.max").write_text("max\n")
    assert machine_memory(tmp_path) > 1024**3  # no limit: the machine's own memory


def test_a_running_cluster_has_its_sized_buffers(cluster: EmbeddedCluster) -> None:
    async def shared_buffers() -> int:
        connection = await asyncpg.connect(cluster.url(driver="postgresql"))
        try:
            query = "SELECT pg_size_bytes(current_setting('shared_buffers'))"
            return int(await connection.fetchval(query))
        finally:
            await connection.close()

    expected = memory_settings(machine_memory())["shared_buffers"]
    assert asyncio.run(shared_buffers()) == int(expected.removesuffix("MB")) * 1024**2
