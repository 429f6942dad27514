"""Every setting newsflow reads from the environment, read here and nowhere else.

    NEWSFLOW_DB                   the database location (`--db`), default newsflow.duckdb
    NEWSFLOW_MAX_INPUT_BYTES      largest input file accepted (default 20 MiB)
    NEWSFLOW_RAW_PAGES            lean (default): an HTML page is kept for reprocessing
                                  without the comments, style sheets and (when its date is
                                  in JSON-LD or a meta tag) scripts no extractor reads, about
                                  half the bytes; exact: every page byte for byte
    NEWSFLOW_LOCK_WAIT_S          how long a run waits for another run writing the same
                                  database, or for a reader holding the file, before it
                                  gives up; also how long a reader waits (default 6 h)
    NEWSFLOW_INPUT_TIMEOUT_S      how long cleaning and annotating one input (per started
                                  MB) may take in a worker before it is killed (default 30;
                                  a batch also gets 60 s)
    NEWSFLOW_CONTACT_URL          contact URL put in the User-Agent (your site or contact page)
    NEWSFLOW_USER_AGENT           full User-Agent override (must still name newsflow)
    NEWSFLOW_ALLOW_PRIVATE        comma-separated hosts / CIDR networks exempt from the
                                  private-address refusal, e.g. "127.0.0.1,10.0.0.0/8"
    NEWSFLOW_PER_HOST_DELAY       seconds between two requests to one host (default 1.0)
    NEWSFLOW_PER_HOST_CONCURRENCY requests in flight to one host (default 2)
    NEWSFLOW_FETCH_TIMEOUT        total deadline of one request in seconds (default 60)
    NEWSFLOW_MAX_LINKS_PER_POLL   new links taken from one source per poll (default 200)
    NEWSFLOW_MEMORY_LOG           a file: the flow process appends one JSON line of memory
                                  figures after each load window (for benchmarks; unset: off)
    NEWSFLOW_MEMORY_LOG_TRACE     1: those lines also name the Python lines whose allocations
                                  grew most (tracemalloc; slow)

A DuckLake location (`--db ducklake:postgres:…`, see docs/scaling.md) also reads:

    NEWSFLOW_LAKE_DATA_PATH       where a new lake puts its files: a directory or
                                  s3://bucket/prefix/ (an existing lake keeps its own; or
                                  data_path=… in the location, which must match)
    NEWSFLOW_S3_ENDPOINT          host:port of an S3-compatible store (unset: AWS)
    NEWSFLOW_S3_KEY_ID, NEWSFLOW_S3_SECRET   its credentials
    NEWSFLOW_S3_REGION            default us-east-1
    NEWSFLOW_S3_URL_STYLE         path (default) or vhost
    NEWSFLOW_S3_USE_SSL           true (default) or false
    NEWSFLOW_SEARCH_CACHE         the lake's full-text search cache file (default: one per
                                  lake under ~/.cache/newsflow/)
    NEWSFLOW_LAKE_RETRY_S         how long a lake statement or batch retries a catalog or
                                  object store that does not answer (default 120)

Each package keeps its own frozen settings type with named defaults (`LoadSettings`,
`FetchSettings`); `from_env` fills them in. A bad value raises `SettingsError` naming the
variable.

Worker processes run with OPENBLAS_NUM_THREADS, OMP_NUM_THREADS and MKL_NUM_THREADS set to 1
unless the environment sets them (`one_thread_per_worker`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from newsflow.extractors import LoadSettings
from newsflow.extractors.sources import FetchSettings
from newsflow.storage import LakeSettings

DEFAULT_DB = "newsflow.duckdb"
DEFAULT_LOCK_WAIT_S = 6 * 3600.0
DEFAULT_INPUT_TIMEOUT_S = 30.0

T = TypeVar("T")

# The native thread pools a worker process could start. There are as many workers as cores
# and each parses on one thread, so a second OpenBLAS thread only spins between spaCy's BLAS
# calls: about a sixth more CPU per parsed page (bench/results/issue14.md, round 3).
WORKER_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


class SettingsError(ValueError):
    """An environment variable holds a value newsflow cannot use."""


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    lock_wait_s: float = DEFAULT_LOCK_WAIT_S
    input_timeout_s: float = DEFAULT_INPUT_TIMEOUT_S
    load: LoadSettings = field(default_factory=LoadSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    lake: LakeSettings = field(default_factory=LakeSettings)


def _number(env: Mapping[str, str], name: str, kind: Callable[[str], T], unit: str) -> T | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError:
        raise SettingsError(f"{name} must be {unit}, got {raw!r}") from None


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment (or `environ`), defaults where a variable is unset."""
    env = os.environ if environ is None else environ
    seconds, whole = "a number of seconds", "a whole number"
    load: dict[str, Any] = {}
    max_bytes = _number(
        env, "NEWSFLOW_MAX_INPUT_BYTES", lambda v: int(float(v)), "a number of bytes"
    )
    if max_bytes is not None:
        load["max_input_bytes"] = max_bytes
    if env.get("NEWSFLOW_RAW_PAGES", "").strip():
        load["raw_pages"] = env["NEWSFLOW_RAW_PAGES"].strip().lower()
    fetch: dict[str, Any] = {}
    if env.get("NEWSFLOW_CONTACT_URL"):
        fetch["contact_url"] = env["NEWSFLOW_CONTACT_URL"]
    if env.get("NEWSFLOW_USER_AGENT"):
        fetch["user_agent"] = env["NEWSFLOW_USER_AGENT"]
    if env.get("NEWSFLOW_ALLOW_PRIVATE"):
        fetch["allow_private"] = tuple(
            part.strip() for part in env["NEWSFLOW_ALLOW_PRIVATE"].split(",") if part.strip()
        )
    numbers: tuple[tuple[str, str, Callable[[str], Any], str], ...] = (
        ("NEWSFLOW_PER_HOST_DELAY", "per_host_delay_s", float, seconds),
        ("NEWSFLOW_FETCH_TIMEOUT", "total_timeout_s", float, seconds),
        ("NEWSFLOW_PER_HOST_CONCURRENCY", "per_host_concurrency", int, whole),
        ("NEWSFLOW_MAX_LINKS_PER_POLL", "max_links_per_poll", int, whole),
    )
    for variable, name, kind, unit in numbers:
        value = _number(env, variable, kind, unit)
        if value is not None:
            fetch[name] = value
    lock_wait_s = _number(env, "NEWSFLOW_LOCK_WAIT_S", float, seconds)
    input_timeout_s = _number(env, "NEWSFLOW_INPUT_TIMEOUT_S", float, seconds)
    if input_timeout_s is not None and input_timeout_s <= 0:
        raise SettingsError(f"NEWSFLOW_INPUT_TIMEOUT_S must be above 0, got {input_timeout_s}")
    try:
        fetch_settings = FetchSettings(**fetch)
    except ValueError as error:
        raise SettingsError(f"fetch settings from the environment: {error}") from None
    try:
        load_settings = LoadSettings(**load)
    except ValueError as error:  # NEWSFLOW_RAW_PAGES
        raise SettingsError(f"NEWSFLOW_RAW_PAGES: {error}") from None
    return Settings(
        db=env.get("NEWSFLOW_DB", "").strip() or DEFAULT_DB,
        lock_wait_s=DEFAULT_LOCK_WAIT_S if lock_wait_s is None else lock_wait_s,
        input_timeout_s=DEFAULT_INPUT_TIMEOUT_S if input_timeout_s is None else input_timeout_s,
        load=load_settings,
        fetch=fetch_settings,
        lake=_lake(env),
    )


def _lake(env: Mapping[str, str]) -> LakeSettings:
    lake: dict[str, Any] = {}
    for variable, name in (
        ("NEWSFLOW_LAKE_DATA_PATH", "data_path"), ("NEWSFLOW_S3_ENDPOINT", "s3_endpoint"),
        ("NEWSFLOW_S3_KEY_ID", "s3_key_id"), ("NEWSFLOW_S3_SECRET", "s3_secret"),
        ("NEWSFLOW_S3_REGION", "s3_region"), ("NEWSFLOW_SEARCH_CACHE", "search_cache"),
    ):  # fmt: skip
        if env.get(variable, "").strip():
            lake[name] = env[variable].strip()
    style = env.get("NEWSFLOW_S3_URL_STYLE", "").strip().lower()
    if style:
        if style not in ("path", "vhost"):
            raise SettingsError(f"NEWSFLOW_S3_URL_STYLE must be path or vhost, got {style!r}")
        lake["s3_url_style"] = style
    ssl = env.get("NEWSFLOW_S3_USE_SSL", "").strip().lower()
    if ssl:
        if ssl not in ("true", "false", "1", "0", "yes", "no"):
            raise SettingsError(f"NEWSFLOW_S3_USE_SSL must be true or false, got {ssl!r}")
        lake["s3_use_ssl"] = ssl in ("true", "1", "yes")
    retry_s = _number(env, "NEWSFLOW_LAKE_RETRY_S", float, "a number of seconds")
    if retry_s is not None:
        lake["retry_s"] = retry_s
    return LakeSettings(**lake)


def one_thread_per_worker() -> None:
    """Worker processes started from now on use one thread in their native libraries
    (OpenBLAS, OpenMP, MKL), unless the environment already says how many; a process
    reads these when it starts, so they are set in this one before it spawns workers."""
    for name in WORKER_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def memory_log(environ: Mapping[str, str] | None = None) -> tuple[str | None, bool]:
    """Where the flow process logs its memory after each load window (None: nowhere), and
    whether it traces Python's allocations too (NEWSFLOW_MEMORY_LOG, _TRACE)."""
    env = os.environ if environ is None else environ
    return env.get("NEWSFLOW_MEMORY_LOG") or None, env.get("NEWSFLOW_MEMORY_LOG_TRACE") == "1"
