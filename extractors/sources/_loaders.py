"""Turn what a user names (paths, globs, directories, URL lists, URLs) into raw documents.

`plan_inputs` expands names into `InputRef`s without reading contents, so a run knows its size
up front and holds only one batch in memory; `read_input` reads one ref into a `RawDocument`
or raises a terminal `NewsflowInputError` that becomes that input's status row.

Walks never loop: a directory is walked without following symlinked folders (as `find`
does), a glob follows them (as the shell's `**` does) but enters each real folder once, so
a symlink cycle (`a -> .`) cannot make it walk forever.
"""

from __future__ import annotations

import fnmatch
import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .._documents import RawDocument, key_id
from .._errors import InputNotFound, InputRejected, NewsflowInputError
from .._settings import LoadSettings
from .._urls import is_web_url

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
URL_LIST_SUFFIXES = {".urls"}
KNOWN_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | URL_LIST_SUFFIXES
GLOB_CHARACTERS = set("*?[")


@dataclass(frozen=True)
class Source:
    """Where a group of inputs comes from; one `sources` row."""

    kind: str  # file | directory | glob | jsonl | url_list | url
    locator: str

    @property
    def source_id(self) -> str:
        return key_id(f"{self.kind}:{self.locator}")


@dataclass(frozen=True)
class InputRef:
    """One input to read: a file, one JSONL line, or a URL to fetch."""

    uri: str
    kind: str  # html | text | jsonl_line | url
    location: str  # file path or URL
    source: Source
    offset: int = 0  # byte offset of a JSONL line


@dataclass
class InputPlan:
    sources: list[Source] = field(default_factory=list)
    refs: list[InputRef] = field(default_factory=list)
    failures: list[tuple[Source, NewsflowInputError]] = field(default_factory=list)


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _read_bytes(path: Path, settings: LoadSettings, uri: str) -> bytes:
    """Read a file (gunzipping `.gz`), refusing what is too large before it fills memory."""
    limit = settings.max_input_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputRejected(
                f"{path} is {size:,} bytes, over the {limit:,}-byte limit "
                "(raise NEWSFLOW_MAX_INPUT_BYTES to accept it)",
                uri=uri, reason="too_large",
            )  # fmt: skip
        if path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as handle:
                data = handle.read(limit + 1)
            if len(data) > limit:
                raise InputRejected(
                    f"{path} unpacks to over {limit:,} bytes", uri=uri, reason="too_large"
                )
            return data
        return path.read_bytes()
    except (OSError, EOFError, zlib.error) as error:
        if isinstance(error, FileNotFoundError):
            raise InputNotFound(f"{path} does not exist", uri=uri) from error
        if isinstance(error, gzip.BadGzipFile | EOFError | zlib.error):
            raise InputRejected(
                f"{path} is not valid gzip: {error}", uri=uri, reason="bad_gzip"
            ) from error
        raise InputRejected(
            f"{path} could not be read: {error}", uri=uri, reason="unreadable"
        ) from error


def _looks_like_url_list(path: Path, settings: LoadSettings) -> bool:
    """A .txt file whose every non-blank, non-comment line is an http(s) URL."""
    try:
        if path.stat().st_size > settings.max_input_bytes:
            return False
        data = _read_bytes(path, settings, path.resolve().as_uri())
        lines = [line.strip() for line in data.decode("utf-8").splitlines()]
    except (NewsflowInputError, UnicodeDecodeError):
        return False
    lines = [line for line in lines if line and not line.startswith("#")]
    return bool(lines) and all(is_web_url(line) for line in lines)


def _url_list(path: Path, source: Source, settings: LoadSettings) -> list[InputRef]:
    text = _read_bytes(path, settings, path.resolve().as_uri()).decode("utf-8", errors="replace")
    refs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            refs.append(InputRef(uri=line, kind="url", location=line, source=source))
    return refs


def _jsonl_lines(path: Path, source: Source) -> list[InputRef]:
    refs = []
    uri = path.resolve().as_uri()
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as handle:
        offset = 0
        for number, line in enumerate(handle, start=1):
            if line.strip():
                refs.append(InputRef(f"{uri}#L{number}", "jsonl_line", str(path), source, offset))
            offset += len(line)
    return refs


def _file_refs(
    path: Path, source: Source, settings: LoadSettings, explicit: bool
) -> list[InputRef]:
    suffix = _suffix(path)
    uri = path.resolve().as_uri()
    if suffix in JSONL_SUFFIXES:
        return _jsonl_lines(path, Source("jsonl", str(path.resolve())) if not explicit else source)
    if suffix in URL_LIST_SUFFIXES or (
        suffix in TEXT_SUFFIXES and explicit and _looks_like_url_list(path, settings)
    ):
        return _url_list(path, Source("url_list", str(path.resolve())), settings)
    if suffix in HTML_SUFFIXES:
        return [InputRef(uri, "html", str(path), source)]
    if suffix in TEXT_SUFFIXES or explicit:
        # A file named explicitly with an unknown suffix: sniffed when read.
        kind = "text" if suffix in TEXT_SUFFIXES else "sniff"
        return [InputRef(uri, kind, str(path), source)]
    return []


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk_files(root: Path, *, follow: bool, max_depth: int | None = None) -> Iterator[Path]:
    """Files under `root` (not in hidden folders), each real folder entered once: following
    symlinked folders (`follow`) never loops. Depth 1 is `root`'s own files."""
    entered: set[tuple[int, int]] = set()

    def walk(folder: Path, depth: int) -> Iterator[Path]:
        try:
            info = folder.stat()
        except OSError:
            return
        if (info.st_dev, info.st_ino) in entered:
            return  # reached again through a symlink: a cycle, or walked already
        entered.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            path = folder / entry.name
            try:
                if entry.is_dir(follow_symlinks=follow):
                    deeper = max_depth is None or depth < max_depth
                    if deeper and not _hidden(entry.name):
                        yield from walk(path, depth + 1)
                elif entry.is_file():
                    yield path
            except OSError:
                continue

    yield from walk(root, 1)


def _glob_matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether a relative path matches glob pattern parts, `**` being any number of folders
    (hidden names only match a pattern part that starts with a dot, as in glob.glob)."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        if _glob_matches(parts, rest):
            return True
        return bool(parts) and not _hidden(parts[0]) and _glob_matches(parts[1:], pattern)
    if not parts or (_hidden(parts[0]) and not head.startswith(".")):
        return False
    return fnmatch.fnmatchcase(parts[0], head) and _glob_matches(parts[1:], rest)


def expand_glob(pattern: str) -> list[Path]:
    """Files matching a glob (`**` recursive), in order, following symlinked folders but
    never around a cycle."""
    parts = Path(pattern).expanduser().parts
    fixed = 0
    while fixed < len(parts) - 1 and not _magic(parts[fixed]):
        fixed += 1
    root = Path(*parts[:fixed]) if fixed else Path(".")
    rest = parts[fixed:]
    depth = None if "**" in rest else len(rest)
    found = []
    for path in walk_files(root, follow=True, max_depth=depth):
        relative = path.relative_to(root).parts
        if _glob_matches(relative, rest):
            found.append(path)
    return sorted(found)


def _magic(part: str) -> bool:
    return bool(GLOB_CHARACTERS & set(part))


def plan_inputs(names: Iterable[str], settings: LoadSettings | None = None) -> InputPlan:
    """Expand paths, directories, globs, URL-list files and URLs into input refs."""
    settings = settings or LoadSettings()
    plan = InputPlan()
    seen: set[str] = set()

    def add(refs: list[InputRef]) -> None:
        for ref in refs:
            if ref.uri not in seen:
                seen.add(ref.uri)
                plan.refs.append(ref)

    for name in names:
        name = name.strip()
        if is_web_url(name):
            source = Source("url", name)
            plan.sources.append(source)
            add([InputRef(name, "url", name, source)])
            continue
        path = Path(name).expanduser()
        if path.is_dir():
            source = Source("directory", str(path.resolve()))
            plan.sources.append(source)
            for child in walk_files(path, follow=False):
                if not _hidden(child.name) and _suffix(child) in KNOWN_SUFFIXES:
                    add(_file_refs(child, source, settings, explicit=False))
        elif path.is_file():
            source = Source("file", str(path.resolve()))
            plan.sources.append(source)
            add(_file_refs(path, source, settings, explicit=True))
        elif GLOB_CHARACTERS & set(name):
            source = Source("glob", name)
            plan.sources.append(source)
            files = expand_glob(name)
            if not files:
                plan.failures.append((source, InputNotFound(f"no files match {name!r}", uri=name)))
            for match in files:
                add(_file_refs(match, source, settings, explicit=True))
        else:
            source = Source("file", name)
            plan.failures.append(
                (
                    source,
                    InputNotFound(
                        f"{name} is not a file, directory, glob or http(s) URL; "
                        "check the path (relative paths start from the current folder)",
                        uri=name,
                    ),
                )
            )
    return plan


def _reject_binary(data: bytes, uri: str) -> None:
    if not data.strip():
        raise InputRejected("the input is empty", uri=uri, reason="empty")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputRejected("the input is binary, not text or HTML", uri=uri, reason="binary")


def _record(ref: InputRef, settings: LoadSettings) -> RawDocument:
    opener = gzip.open if ref.location.lower().endswith(".gz") else open
    with opener(ref.location, "rb") as handle:
        handle.seek(ref.offset)
        line = handle.readline(settings.max_input_bytes + 1)
    if len(line) > settings.max_input_bytes:
        raise InputRejected("JSONL line over the size limit", uri=ref.uri, reason="too_large")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputRejected(
            f"malformed JSON line: {error}", uri=ref.uri, reason="malformed_json"
        ) from error
    if not isinstance(record, dict):
        raise InputRejected("JSONL line is not an object", uri=ref.uri, reason="malformed_json")
    url = record.get("url")
    url = url if isinstance(url, str) and is_web_url(url) else None
    if isinstance(record.get("html"), str) and record["html"].strip():
        return RawDocument(
            uri=ref.uri, content=record["html"].encode("utf-8"), kind="html",
            source_uri=ref.source.locator, url=url, content_type="text/html; charset=utf-8",
        )  # fmt: skip
    if isinstance(record.get("text"), str) and record["text"].strip():
        fields = {k: record[k] for k in ("title", "text", "published", "authors") if k in record}
        return RawDocument(
            uri=ref.uri, content=line.strip(), kind="record", source_uri=ref.source.locator,
            url=url, content_type="application/json", fields=fields,
        )  # fmt: skip
    raise InputRejected(
        "JSONL record has neither an 'html' nor a 'text' field", uri=ref.uri, reason="no_content"
    )


def read_input(ref: InputRef, settings: LoadSettings | None = None) -> RawDocument:
    """Read one local input. URLs are fetched by the polite fetcher (`extractors.Fetcher`)."""
    settings = settings or LoadSettings()
    if ref.kind == "jsonl_line":
        return _record(ref, settings)
    data = _read_bytes(Path(ref.location), settings, ref.uri)
    _reject_binary(data, ref.uri)
    kind = ref.kind
    if kind == "sniff":
        kind = "html" if data.lstrip()[:1] == b"<" else "text"
    return RawDocument(uri=ref.uri, content=data, kind=kind, source_uri=ref.source.locator)
