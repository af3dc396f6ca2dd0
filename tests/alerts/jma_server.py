"""A stand-in for JMA's feed host: a local HTTP server in a thread that serves an Atom feed
(with an ETag, answering 304 to it) and documents, and records what it was asked."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

JMA_BASE = "https://www.data.jma.go.jp"
FEED_PATH = "/developer/xml/feed/eqvol.xml"
DATA_PATH = "/developer/xml/data/"


@dataclass
class JmaServer:
    base: str = ""
    feed: bytes = b""
    """The feed as JMA publishes it; its JMA URLs are served as this server's."""
    documents: dict[str, bytes | Callable[[], bytes]] = field(default_factory=dict)
    """By file name under DATA_PATH; a callable is asked at each request."""
    statuses: dict[str, int] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    served_at: dict[str, float] = field(default_factory=dict)
    """By document name, the wall-clock time its last byte was written (time.time())."""

    @property
    def feed_url(self) -> str:
        return self.base + FEED_PATH

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def document_url(self, name: str) -> str:
        return self.base + DATA_PATH + name

    def requested(self, prefix: str = DATA_PATH) -> list[str]:
        return [path.removeprefix(prefix) for path, _ in self.requests if path.startswith(prefix)]

    def _served_feed(self) -> bytes:
        return self.feed.replace(JMA_BASE.encode(), self.base.encode())


def _handler(server: JmaServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: object) -> None:
            pass

        def do_GET(self) -> None:
            server.requests.append((self.path, dict(self.headers.items())))
            if self.path == FEED_PATH:
                body = server._served_feed()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(200, body, "application/atom+xml", {"ETag": etag})
                return
            name = self.path.removeprefix(DATA_PATH)
            status = server.statuses.get(name)
            found = server.documents.get(name)
            if status is not None or found is None:
                self._send(status or 404, b"", "text/plain", {})
                return
            self._send(200, found() if callable(found) else found, "application/xml", {})
            server.served_at[name] = time.time()

        def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serving() -> Iterator[JmaServer]:
    state = JmaServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
