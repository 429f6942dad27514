"""The source registry: the file a user edits to say what newsflow ingests, and when.

`deployments/sources.toml` holds one `[[group]]` per deployment of the `ingest` flow, each
with its own schedule (an interval or a cron line) and typed parameters. `load_registry`
reads and validates it; every problem is a `RegistryError` naming the file, the line and
what is wrong, e.g. ``deployments/sources.toml:14: group 'world': interval '5 minutes' is
not a duration; use 30s, 15m, 2h or 1d``.

Relative paths (sources, `db`) are relative to the project root: the folder that holds
`deployments/` (or the registry's own folder when it lives elsewhere).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, NoReturn

from newsflow.settings import DEFAULT_DB

DEFAULT_REGISTRY = Path(__file__).resolve().parent / "sources.toml"

# kind -> the key that holds its locator, and whether it names a local path that must exist
SOURCE_KINDS: dict[str, tuple[str, bool]] = {
    "directory": ("path", True),
    "file": ("path", True),
    "url_list": ("path", True),
    "glob": ("path", False),
    "warc": ("path", True),
    "url": ("url", False),
    "feed": ("url", False),
    "sitemap": ("url", False),
    "site": ("url", False),
}
# The ingest flow parameter each kind goes to; the rest go to `inputs`.
PARAMETER_OF_KIND = {"feed": "feeds", "sitemap": "sitemaps", "site": "sites", "warc": "warcs"}

GROUP_KEYS = {
    "name", "description", "interval", "cron", "timezone", "db", "batch_size", "limit",
    "paused", "tags", "sources", "overlap", "only_due", "shards", "shard_by",
}  # fmt: skip
DEFAULT_KEYS = {"db", "batch_size", "limit", "timezone", "tags", "overlap", "only_due",
                "shards", "shard_by"}  # fmt: skip
# [maintenance]: one deployment of the `maintain` flow (a lake's upkeep) on its own schedule.
MAINTENANCE_KEYS = {
    "interval", "cron", "timezone", "db", "paused", "steps", "expire_after", "cleanup_after",
    "orphans_after", "abandon_after",
}  # fmt: skip
SHARD_BY = ("host", "source")
# What happens to a group's run that comes due while its previous run still goes on (e.g. the
# backlog of late runs a restarted worker starts at once): dropped, or queued behind it.
OVERLAP = ("skip", "queue")
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
DURATION = re.compile(r"^(\d+)\s*([smhd])$")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL_S = 5
TYPE_NAMES = {int: "an integer", str: "a string", bool: "true or false"}


class RegistryError(ValueError):
    """The registry file is malformed: `file`, `line` (1-based, 0 when unknown), `problem`."""

    def __init__(self, file: Path | str, line: int, problem: str) -> None:
        self.file = str(file)
        self.line = line
        self.problem = problem
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    locator: str  # a URL, or a path as written (relative ones are relative to the root)

    def input_name(self, root: Path | None = None) -> str:
        """The name the ingest flow takes for this source; paths made absolute with `root`."""
        if root is not None and SOURCE_KINDS[self.kind][0] == "path":
            return _under(root, self.locator)
        return self.locator


def _under(root: Path, path: str) -> str:
    if path == ":memory:" or Path(path).is_absolute() or path.startswith("ducklake:"):
        return path
    return str(root / path)


@dataclass(frozen=True)
class Group:
    """One deployment of the ingest flow: what it reads, where it writes, when it runs."""

    name: str
    sources: tuple[SourceSpec, ...]
    db: str  # as written; relative to `root`
    root: Path
    batch_size: int = 64
    limit: int = 0
    interval: timedelta | None = None
    cron: str | None = None
    timezone: str = "UTC"
    paused: bool = False
    description: str = ""
    tags: tuple[str, ...] = ()
    overlap: str = "skip"
    only_due: bool = True
    shards: int = 1  # > 1: `fan-out/<name>` starts `ingest/<name>` once per shard
    shard_by: str = "host"
    line: int = 0

    @property
    def deployment_name(self) -> str:
        return self.name

    def parameters(self, absolute: bool = True) -> dict[str, Any]:
        """The ingest flow's parameters for this group (names match `flows.ingest.ingest`).

        Absolute paths for serving from any folder; relative ones for prefect.yaml, whose
        runs start in the project root.
        """
        root = self.root if absolute else None
        parameters: dict[str, Any] = {
            "inputs": [
                source.input_name(root)
                for source in self.sources
                if source.kind not in PARAMETER_OF_KIND
            ],
            "db": _under(self.root, self.db) if absolute else self.db,
            "batch_size": self.batch_size,
            "limit": self.limit,
        }
        for kind, name in PARAMETER_OF_KIND.items():
            chosen = [s.input_name(root) for s in self.sources if s.kind == kind]
            if chosen:
                parameters[name] = chosen
        if any(s.kind in ("feed", "sitemap", "site") for s in self.sources):
            parameters["only_due"] = self.only_due  # polled sources keep their own pace
        if self.shards > 1:
            parameters["shard_by"] = self.shard_by
        return parameters


@dataclass(frozen=True)
class Maintenance:
    """The lake's maintenance deployment ([maintenance] in the registry)."""

    db: str
    root: Path
    interval: timedelta | None = None
    cron: str | None = None
    timezone: str = "UTC"
    paused: bool = False
    steps: tuple[str, ...] = ()  # empty: the flow's default steps
    expire_after: timedelta | None = None
    cleanup_after: timedelta | None = None
    orphans_after: timedelta | None = None
    abandon_after: timedelta | None = None

    def parameters(self, absolute: bool = True) -> dict[str, Any]:
        parameters: dict[str, Any] = {"db": _under(self.root, self.db) if absolute else self.db}
        if self.steps:
            parameters["steps"] = list(self.steps)
        for name in ("expire_after", "cleanup_after", "orphans_after", "abandon_after"):
            value = getattr(self, name)
            if value is not None:
                parameters[f"{name}_s"] = value.total_seconds()
        return parameters


@dataclass
class Registry:
    path: Path
    root: Path
    groups: list[Group] = field(default_factory=list)
    db: str = DEFAULT_DB  # [defaults] db: where on-demand runs (reprocess, backfill) write
    maintenance: Maintenance | None = None

    def default_db(self, absolute: bool = True) -> str:
        return _under(self.root, self.db) if absolute else self.db

    def group(self, name: str) -> Group:
        for group in self.groups:
            if group.name == name:
                return group
        known = ", ".join(g.name for g in self.groups) or "none"
        raise RegistryError(self.path, 0, f"no group named {name!r} (groups: {known})")


class _Lines:
    """Finds the line a key or value sits on, so errors can point at it."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.groups: list[int] = []  # 0-based index of each [[group]] header
        for index, line in enumerate(self.lines):
            if re.match(r"^\s*\[\[\s*group\s*\]\]", line):
                self.groups.append(index)

    def _block(self, group: int | None) -> range:
        if group is None or group >= len(self.groups):
            end = self.groups[0] if self.groups else len(self.lines)
            return range(0, end)
        start = self.groups[group]
        end = self.groups[group + 1] if group + 1 < len(self.groups) else len(self.lines)
        return range(start, end)

    def find(self, group: int | None, key: str | None = None, value: str | None = None) -> int:
        block = self._block(group)
        if value is not None:
            for index in block:
                if value in self.lines[index]:
                    return index + 1
        if key is not None:
            pattern = re.compile(rf"^\s*{re.escape(key)}\s*=|[{{,]\s*{re.escape(key)}\s*=")
            for index in block:
                if pattern.search(self.lines[index]):
                    return index + 1
        return block.start + 1 if len(block) else 0


def parse_duration(value: Any) -> timedelta:
    """`30s`, `15m`, `2h`, `1d` or a number of seconds."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return timedelta(seconds=value)
    match = DURATION.match(str(value).strip())
    if not match:
        raise ValueError(value)
    return timedelta(seconds=int(match.group(1)) * UNITS[match.group(2)])


def _check_cron(line: str) -> str | None:
    """None when `line` is a valid cron expression, else why not."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=line)
    except ValueError as error:
        return str(error).splitlines()[-1].strip()
    return None


def _project_root(path: Path) -> Path:
    parent = path.resolve().parent
    return parent.parent if parent.name == "deployments" else parent


def load_registry(path: Path | str = DEFAULT_REGISTRY, root: Path | str | None = None) -> Registry:
    """Read and validate a registry file; raises `RegistryError` on the first problem."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise RegistryError(path, 0, f"cannot read the registry: {error.strerror}") from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = int(found.group(1)) if found else 0
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise RegistryError(path, line, f"not valid TOML: {problem}") from error
    root = Path(root) if root is not None else _project_root(path)
    return _validate(data, path, root.resolve(), _Lines(text))


def _validate(data: dict[str, Any], path: Path, root: Path, lines: _Lines) -> Registry:
    def fail(
        group: int | None, problem: str, key: str | None = None, value: str | None = None
    ) -> NoReturn:
        raise RegistryError(path, lines.find(group, key, value), problem)

    for key in data:
        if key not in {"defaults", "group", "maintenance"}:
            fail(None, f"unknown top-level key {key!r}; expected [defaults], [[group]] and "
                 "[maintenance]", key)  # fmt: skip
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        fail(None, "'defaults' must be a table: [defaults]", "defaults")
    for key in defaults:
        if key not in DEFAULT_KEYS:
            fail(None, f"unknown key {key!r} in [defaults]; allowed: {sorted(DEFAULT_KEYS)}", key)
    raw_groups = data.get("group", [])
    if not isinstance(raw_groups, list) or not raw_groups:
        fail(None, "no groups: add at least one [[group]] with a name, a schedule and sources")
    registry = Registry(path=path, root=root)
    if isinstance(defaults.get("db"), str):
        registry.db = defaults["db"]
    seen: set[str] = set()
    for index, raw in enumerate(raw_groups):
        merged = {**defaults, **raw}
        registry.groups.append(_group(index, raw, merged, root, lines, fail))
        name = registry.groups[-1].name
        if name in seen:
            fail(index, f"group name {name!r} is used twice; names must be unique", "name")
        seen.add(name)
    if "maintenance" in data:
        registry.maintenance = _maintenance(data["maintenance"], registry, lines, fail)
    return registry


# Raises the registry's error for a group (None: the file), naming the line of `key`/`value`.
Fail = Callable[..., NoReturn]


def _schedule(raw: dict[str, Any], label: str, index: int | None, fail: Fail) -> tuple[Any, Any]:
    interval = cron = None
    if ("interval" in raw) == ("cron" in raw):
        fail(index, f'{label}: give exactly one schedule, `interval = "15m"` or `cron = "…"`')
    if "interval" in raw:
        try:
            interval = parse_duration(raw["interval"])
        except ValueError:
            fail(
                index,
                f"{label}: interval {raw['interval']!r} is not a duration; "
                "use 30s, 15m, 2h, 1d or a number of seconds",
                "interval",
            )
        assert interval is not None
        if interval.total_seconds() < MIN_INTERVAL_S:
            fail(index, f"{label}: interval must be at least {MIN_INTERVAL_S}s", "interval")
    else:
        cron = raw["cron"]
        problem = _check_cron(cron) if isinstance(cron, str) else "not a string"
        if problem:
            fail(index, f"{label}: cron {cron!r} is not valid: {problem}", "cron")
    return interval, cron


def _maintenance(raw: Any, registry: Registry, lines: _Lines, fail: Fail) -> Maintenance:
    block = next((i for i, line in enumerate(lines.lines)
                  if re.match(r"^\s*\[\s*maintenance\s*\]", line)), None)  # fmt: skip

    def problem(text: str, key: str | None = None) -> NoReturn:
        line = block + 1 if block is not None else 0
        if key is not None and block is not None:
            for index in range(block, len(lines.lines)):
                if re.match(rf"^\s*{re.escape(key)}\s*=", lines.lines[index]):
                    line = index + 1
                    break
        raise RegistryError(registry.path, line, text)

    if not isinstance(raw, dict):
        problem("'maintenance' must be a table: [maintenance]")
    for key in raw:
        if key not in MAINTENANCE_KEYS:
            problem(f"unknown key {key!r} in [maintenance]; allowed: {sorted(MAINTENANCE_KEYS)}",
                    key)  # fmt: skip

    def fail_here(_group: int | None, text: str, key: str | None = None) -> NoReturn:
        problem(text, key)

    interval, cron = _schedule(raw, "[maintenance]", None, fail_here)
    durations: dict[str, timedelta] = {}
    for name in ("expire_after", "cleanup_after", "orphans_after", "abandon_after"):
        if name in raw:
            try:
                durations[name] = parse_duration(raw[name])
            except ValueError:
                problem(f"[maintenance]: {name} {raw[name]!r} is not a duration", name)
    steps = raw.get("steps", [])
    if not isinstance(steps, list) or not all(isinstance(x, str) for x in steps):
        problem("[maintenance]: steps must be a list of step names", "steps")
    from newsflow.pipeline import MaintenanceRequest

    try:
        MaintenanceRequest(steps=tuple(steps))
    except ValueError as error:
        problem(f"[maintenance]: {error}", "steps")
    db = raw.get("db", registry.db)
    if not isinstance(db, str) or not db:
        problem("[maintenance]: db must be a database location", "db")
    return Maintenance(
        db=db, root=registry.root, interval=interval, cron=cron,
        timezone=raw.get("timezone", "UTC"), paused=bool(raw.get("paused", False)),
        steps=tuple(steps), **durations,
    )  # fmt: skip


def _group(
    index: int, raw: dict[str, Any], merged: dict[str, Any], root: Path, lines: _Lines, fail: Fail
) -> Group:
    for key in raw:
        if key not in GROUP_KEYS:
            fail(index, f"unknown key {key!r} in a [[group]]; allowed: {sorted(GROUP_KEYS)}", key)
    name = raw.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        fail(
            index,
            f"group name {name!r} must be lowercase letters, digits and dashes "
            "(it names the deployment)",
            "name",
        )
    label = f"group {name!r}"
    interval, cron = _schedule(raw, label, index, fail)
    typed = {
        "description": str, "timezone": str, "db": str, "paused": bool, "only_due": bool,
        "batch_size": int, "limit": int, "shards": int, "shard_by": str,
    }  # fmt: skip
    for key, kind in typed.items():
        if key in merged and (
            not isinstance(merged[key], kind) or (kind is int and isinstance(merged[key], bool))
        ):
            fail(index, f"{label}: {key} must be {TYPE_NAMES[kind]}", key)
    if merged.get("overlap", "skip") not in OVERLAP:
        fail(index, f"{label}: overlap must be one of {list(OVERLAP)}, not {merged['overlap']!r}",
             "overlap")  # fmt: skip
    if merged.get("batch_size", 64) < 1:
        fail(index, f"{label}: batch_size must be at least 1", "batch_size")
    if merged.get("limit", 0) < 0:
        fail(index, f"{label}: limit must be 0 (no limit) or more", "limit")
    if merged.get("shards", 1) < 1:
        fail(index, f"{label}: shards must be at least 1", "shards")
    if merged.get("shard_by", "host") not in SHARD_BY:
        fail(index, f"{label}: shard_by must be one of {list(SHARD_BY)}", "shard_by")
    tags = merged.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        fail(index, f"{label}: tags must be a list of strings", "tags")
    timezone = merged.get("timezone", "UTC")
    try:
        import zoneinfo

        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        fail(index, f"{label}: unknown timezone {timezone!r}", "timezone")
    db = merged.get("db")
    if not db:
        fail(index, f"{label}: no `db`; set it in the group or in [defaults]", "name")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        fail(index, f"{label}: `sources` must be a non-empty list", "sources")
    specs = tuple(_source(index, label, source, root, fail) for source in sources)
    return Group(
        name=name,
        sources=specs,
        db=db,
        root=root,
        batch_size=merged.get("batch_size", 64),
        limit=merged.get("limit", 0),
        interval=interval,
        cron=cron,
        timezone=timezone,
        paused=merged.get("paused", False),
        description=merged.get("description", ""),
        tags=tuple(tags),
        overlap=merged.get("overlap", "skip"),
        only_due=merged.get("only_due", True),
        shards=merged.get("shards", 1),
        shard_by=merged.get("shard_by", "host"),
        line=lines.find(index),
    )


def _source(index: int, label: str, source: Any, root: Path, fail: Fail) -> SourceSpec:
    if not isinstance(source, dict):
        example = '{ kind = "directory", path = "…" }'
        fail(index, f"{label}: each source is a table like {example}", "sources")
    kind = source.get("kind")
    if kind not in SOURCE_KINDS:
        fail(index, f"{label}: source kind {kind!r} is not one of {sorted(SOURCE_KINDS)}",
             "kind", f'"{kind}"' if kind else None)  # fmt: skip
    key, must_exist = SOURCE_KINDS[kind]
    extra = set(source) - {"kind", key}
    if extra:
        fail(index, f"{label}: a {kind} source takes only `kind` and `{key}`, not {sorted(extra)}",
             sorted(extra)[0])  # fmt: skip
    locator = source.get(key)
    if not isinstance(locator, str) or not locator:
        fail(index, f'{label}: a {kind} source needs `{key} = "…"`', "kind", f'"{kind}"')
    if key == "url":
        if not re.match(r"^https?://[^\s/]+", locator):
            fail(index, f"{label}: {locator!r} is not an http(s) URL", None, locator)
        return SourceSpec(kind, locator)
    resolved = Path(locator) if Path(locator).is_absolute() else root / locator
    if must_exist and not resolved.exists():
        fail(index, f"{label}: {kind} {locator!r} does not exist (looked at {resolved})",
             None, locator)  # fmt: skip
    if kind == "directory" and must_exist and not resolved.is_dir():
        fail(index, f"{label}: {locator!r} is not a directory", None, locator)
    return SourceSpec(kind, locator)
