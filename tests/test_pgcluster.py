from __future__ import annotations

import socket
from pathlib import Path

import pytest

from omotenashi.pgcluster import ClusterError, EmbeddedCluster, find_binaries, free_port


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
