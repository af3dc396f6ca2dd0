"""The fleet: a primary and a streaming standby (the product's own cluster manager), two
servers behind HAProxy, each server in a network namespace of its own (``ip netns``, a veth
pair) so that its link to the database can be cut, two job workers, and a local Web Push
service that counts what it receives.

Addresses: server ``n`` lives at 10.B.n.2 in namespace ``omf<pid>s<n>``; the host end of its
veth pair is 10.B.n.1, and the databases are reached from it at 10.B.n.5 (an address of the
host end, routed separately so that a blackhole route cuts the database and nothing else).
"""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.fleet.clusters import DATABASE, Replicated, standby_of, start_primary, start_standby
from tests.ready import answers

import omotenashi
from omotenashi.pgcluster import free_port
from omotenashi.security.keys import MasterKey, PlatformKeys

SOURCE = str(Path(omotenashi.__file__).resolve().parents[1])
_OCTET = 100 + os.getpid() % 100


def _ip(*args: str, namespace: str | None = None, check: bool = True) -> None:
    command = (
        ["ip", *args] if namespace is None else ["ip", "netns", "exec", namespace, "ip", *args]
    )
    subprocess.run(command, check=check, capture_output=True, timeout=10)


@dataclass
class Namespace:
    """A network namespace with a veth pair to the host."""

    n: int
    name: str = ""

    def __post_init__(self) -> None:
        self.name = f"omf{os.getpid() % 100000}s{self.n}"

    @property
    def host_ip(self) -> str:
        return f"10.{_OCTET}.{self.n}.1"

    @property
    def inner_ip(self) -> str:
        return f"10.{_OCTET}.{self.n}.2"

    @property
    def db_ip(self) -> str:
        return f"10.{_OCTET}.{self.n}.5"

    def create(self) -> None:
        self.delete()
        host, inner = f"{self.name}h", f"{self.name}i"
        _ip("netns", "add", self.name)
        _ip("link", "add", host, "type", "veth", "peer", "name", inner)
        _ip("link", "set", inner, "netns", self.name)
        _ip("addr", "add", f"{self.host_ip}/30", "dev", host)
        _ip("addr", "add", f"{self.db_ip}/32", "dev", host)
        _ip("link", "set", host, "up")
        _ip("link", "set", "lo", "up", namespace=self.name)
        _ip("addr", "add", f"{self.inner_ip}/30", "dev", inner, namespace=self.name)
        _ip("link", "set", inner, "up", namespace=self.name)
        self.heal()

    def cut(self) -> None:
        """Packets from the namespace to the databases vanish, as in a cut cable."""
        _ip("route", "replace", "blackhole", f"{self.db_ip}/32", namespace=self.name)

    def heal(self) -> None:
        _ip(
            "route",
            "replace",
            f"{self.db_ip}/32",
            "via",
            self.host_ip,
            "dev",
            f"{self.name}i",
            namespace=self.name,
        )

    def delete(self) -> None:
        _ip("netns", "del", self.name, check=False)
        _ip("link", "del", f"{self.name}h", check=False)


def _keys_env() -> tuple[dict[str, str], PlatformKeys]:
    master = os.urandom(32)
    signing = Ed25519PrivateKey.generate()
    pem = signing.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    vapid = ec.generate_private_key(ec.SECP256R1())
    vapid_pem = vapid.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    env = {
        "OMOTENASHI_MASTER_KEY": base64.b64encode(master).decode(),
        "OMOTENASHI_TOKEN_SIGNING_KEY": pem,
        "OMOTENASHI_VAPID_PRIVATE_KEY": vapid_pem,
    }
    keys = PlatformKeys(
        master=MasterKey.from_material(master), signing_key=signing, vapid_key=vapid
    )
    return env, keys


@dataclass
class Process:
    """A process of the product (a server or a worker), with its log."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.popen = subprocess.Popen(
                self.command, env=self.env, stdout=output, stderr=subprocess.STDOUT
            )

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        assert self.popen is not None
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=10)

    def pause(self) -> None:
        assert self.popen is not None
        self.popen.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.popen is not None
        self.popen.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.popen is not None:
            self.popen.send_signal(signal.SIGCONT)  # a paused process cannot stop
        if self.running:
            assert self.popen is not None
            self.popen.terminate()
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)


@dataclass
class Server(Process):
    namespace: Namespace | None = None
    port: int = 0

    @property
    def base(self) -> str:
        assert self.namespace is not None
        return f"http://{self.namespace.inner_ip}:{self.port}"

    def wait_ready(self, within: float = 240) -> None:
        if answers(f"{self.base}/readyz", within=within, process=self.popen, every=0.2, timeout=2):
            return
        assert self.running, self.log.read_text()[-3000:]
        raise RuntimeError(f"{self.name} did not start: {self.log.read_text()[-3000:]}")


@dataclass
class PushService:
    """A Web Push service on 127.0.0.1 (RFC 8030's shape: a POST per message, 201 when taken).
    It answers after ``delay`` seconds, as a busy one does, and keeps every message it received."""

    delay: float = 0.0
    base: str = ""
    received: list[tuple[str, bytes]] = field(default_factory=list)
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        async def accept(request: web.Request) -> web.Response:
            self.received.append((request.path, await request.read()))
            await asyncio.sleep(self.delay)
            return web.Response(status=201)

        app = web.Application()
        app.router.add_post("/{tail:.*}", accept)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


HAPROXY_CONFIG = """global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout check 2s
    # A request that never reached a server goes to the other one; one that did is the
    # client's to retry (only it knows whether the call is idempotent).
    retries 3
    option redispatch
    retry-on conn-failure
frontend omotenashi
    bind 127.0.0.1:{port}
    default_backend servers
backend servers
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
{servers}
"""


@dataclass
class Fleet:
    root: Path
    replicated: Replicated
    keys: PlatformKeys
    env: dict[str, str]
    namespaces: list[Namespace]
    servers: list[Server]
    workers: list[Process]
    lb_port: int
    haproxy: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.lb_port}"

    @property
    def url(self) -> str:
        return self.replicated.url

    def start_haproxy(self) -> None:
        servers = "\n".join(
            f"    server s{n} {server.namespace.inner_ip}:{server.port} "  # type: ignore[union-attr]
            "check inter 500ms fall 2 rise 2"
            for n, server in enumerate(self.servers, start=1)
        )
        config = self.root / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=self.lb_port, servers=servers))
        with (self.root / "haproxy.log").open("ab") as output:
            self.haproxy = subprocess.Popen(
                ["haproxy", "-f", str(config), "-db"], stdout=output, stderr=subprocess.STDOUT
            )
        if not answers(
            f"{self.base}/readyz", within=30, process=self.haproxy, every=0.2, timeout=2
        ):
            raise RuntimeError("HAProxy did not start")

    def stop(self) -> None:
        if self.haproxy is not None and self.haproxy.poll() is None:
            self.haproxy.terminate()
            self.haproxy.wait(timeout=10)
        for process in [*self.servers, *self.workers]:
            process.stop()
        self.replicated.stop()
        for namespace in self.namespaces:
            namespace.delete()


def start_fleet(root: Path, *, servers: int = 2, workers: int = 2) -> Fleet:
    namespaces = [Namespace(n) for n in range(1, servers + 1)]
    for namespace in namespaces:
        namespace.create()
    listen = ",".join(["127.0.0.1", *(namespace.db_ip for namespace in namespaces)])
    primary = start_primary(root / "pg", listen=listen, hba=f"10.{_OCTET}.0.0/16")
    replicated = Replicated(primary, standby_of(primary, root / "pg"))
    keys_env, keys = _keys_env()
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
    base_env.update(
        keys_env,
        PYTHONPATH=SOURCE,
        OMOTENASHI_LOG_FORMAT="json",
        OMOTENASHI_RUN_WORKER="false",
        OMOTENASHI_DATABASE_TIMEOUT="3",
        OMOTENASHI_JOB_STALE_SECONDS="4",
        OMOTENASHI_PUSH_LOOPBACK_ENDPOINTS="true",
    )
    primary, standby = replicated.primary, replicated.standby
    password = primary.password
    fleet_servers: list[Server] = []
    for namespace in namespaces:
        data = root / f"server{namespace.n}"
        data.mkdir(parents=True, exist_ok=True)
        env = base_env | {
            "OMOTENASHI_DATA_DIR": str(data),
            "OMOTENASHI_DATABASE_URL": f"postgresql://omotenashi:{password}@{namespace.db_ip}:"
            f"{primary.port}/{DATABASE}",
            "OMOTENASHI_READ_DATABASE_URL": f"postgresql://omotenashi:{password}@"
            f"{namespace.db_ip}:{standby.port}/{DATABASE}",
        }
        port = free_port()
        command = [
            *("ip", "netns", "exec", namespace.name),
            *(sys.executable, "-m", "omotenashi", "serve", "--no-worker"),
            *("--host", namespace.inner_ip, "--port", str(port)),
        ]
        fleet_servers.append(
            Server(f"server{namespace.n}", command, env, data / "server.log", None, namespace, port)
        )
    fleet_workers: list[Process] = []
    for n in range(1, workers + 1):
        data = root / f"worker{n}"
        data.mkdir(parents=True, exist_ok=True)
        env = base_env | {
            "OMOTENASHI_DATA_DIR": str(data),
            "OMOTENASHI_DATABASE_URL": replicated.url.replace("+asyncpg", ""),
        }
        command = [sys.executable, "-m", "omotenashi", "worker"]
        fleet_workers.append(Process(f"worker{n}", command, env, data / "worker.log"))
    fleet = Fleet(
        root, replicated, keys, base_env, namespaces, fleet_servers, fleet_workers, free_port()
    )
    try:
        for process in [*fleet_servers, *fleet_workers]:
            process.start()
        # While they start: the standby (servers read the primary until it is there).
        start_standby(replicated)
        for server in fleet_servers:
            server.wait_ready()
        fleet.start_haproxy()
    except BaseException:
        fleet.stop()
        raise
    return fleet


def problems_in_logs(fleet: Fleet) -> list[str]:
    """Unhandled errors the processes logged (a 503 while the database is away is not one)."""
    found = []
    for process in [*fleet.servers, *fleet.workers]:
        for line in process.log.read_text(errors="replace").splitlines():
            if '"http.unhandled"' in line:
                found.append(f"{process.name}: {line[:300]}")
    return found
