"""Planning and reading inputs; every kind of bad input becomes a typed, terminal error."""

import gzip
import json

import pytest
from conftest import copy_sample
from hypothesis import given
from hypothesis import strategies as st

from newsflow.extractors import (
    InputNotFound,
    InputRejected,
    LoadSettings,
    RawDocument,
    canonical_url,
)
from newsflow.extractors.cleaning import clean
from newsflow.extractors.sources import plan_inputs, read_input


def test_directories_globs_and_files_expand_once(tmp_path):
    copy_sample(tmp_path / "a")
    (tmp_path / "a" / "page.html.gz").write_bytes(gzip.compress(b"<html><p>x</p></html>"))
    (tmp_path / "a" / "notes.md").write_text("not an input")
    plan = plan_inputs([str(tmp_path / "a"), str(tmp_path / "a" / "*.txt")])
    kinds = sorted(ref.kind for ref in plan.refs)
    assert kinds == ["html", "text"]  # the glob's match was already planned from the directory
    assert {s.kind for s in plan.sources} == {"directory", "glob"}


def test_missing_path_is_a_failure_not_an_exception(tmp_path):
    plan = plan_inputs([str(tmp_path / "nope.html"), str(tmp_path / "*.nothing")])
    assert plan.refs == []
    assert [type(e) for _, e in plan.failures] == [InputNotFound, InputNotFound]
    assert "check the path" in str(plan.failures[0][1])


def test_url_list_file_and_single_urls(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("# today\nhttps://example.com/a?utm_source=x\n\nhttp://example.org/b\n")
    plan = plan_inputs([str(listing), "https://example.net/c"])
    assert [ref.kind for ref in plan.refs] == ["url", "url", "url"]
    assert plan.sources[0].kind == "file"


def test_jsonl_records_and_a_malformed_line(tmp_path):
    path = tmp_path / "records.jsonl"
    lines = [
        json.dumps({"url": "https://example.com/1", "title": "One", "text": "Body one. " * 20,
                    "published": "2024-06-19T08:00:00Z"}),
        "{not json",
        json.dumps({"url": "https://example.com/2", "html": "<html><p>Hi</p></html>"}),
        json.dumps({"url": "https://example.com/3"}),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    refs = plan_inputs([str(path)]).refs
    assert [ref.uri.rsplit("#", 1)[1] for ref in refs] == ["L1", "L2", "L3", "L4"]
    record = read_input(refs[0])
    assert record.kind == "record" and record.url == "https://example.com/1"
    article = clean(record).article
    assert article.title == "One" and article.published.isoformat() == "2024-06-19"
    with pytest.raises(InputRejected, match="malformed JSON") as raised:
        read_input(refs[1])
    assert raised.value.reason == "malformed_json" and not raised.value.transient
    assert read_input(refs[2]).kind == "html"
    with pytest.raises(InputRejected, match="neither"):
        read_input(refs[3])


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.html", b"", "empty"),
        ("blank.txt", b"   \n\n", "empty"),
        ("binary.html", bytes(range(256)) * 64, "binary"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    (ref,) = plan_inputs([str(path)]).refs
    with pytest.raises(InputRejected) as raised:
        read_input(ref)
    assert raised.value.reason == reason


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    (ref,) = plan_inputs([str(path)]).refs
    with pytest.raises(InputRejected, match="over the") as raised:
        read_input(ref, LoadSettings())
    assert raised.value.reason == "too_large"


def test_invalid_utf8_text_gets_an_encoding_status(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Headline\n\nCaf\xe9 cr\xe8me br\xfbl\xe9e ".encode("latin-1") * 50)
    (ref,) = plan_inputs([str(path)]).refs
    result = clean(read_input(ref))
    assert result.status == "failed"
    assert result.reason.startswith("encoding")


def test_page_with_no_article_is_skipped_with_a_reason():
    raw = RawDocument(
        uri="file:///nav.html", kind="html", source_uri="x",
        content=b"<html><body><nav><a href='/'>Home</a> <a href='/b'>World</a></nav></body></html>",
    )  # fmt: skip
    result = clean(raw)
    assert result.status == "skipped" and result.article is None
    assert result.reason.startswith("no_article")


def test_declared_latin1_page_decodes():
    html = (
        "<html><head><meta charset='iso-8859-1'><title>Caf\xe9</title></head><body><article>"
        + "".join(
            f"<p>Le caf\xe9 num\xe9ro {i} est tr\xe8s bon et la cr\xe8me br\xfbl\xe9e aussi.</p>"
            for i in range(20)
        )
        + "</article></body></html>"
    ).encode("latin-1")
    result = clean(RawDocument(uri="file:///c.html", content=html, kind="html", source_uri="x"))
    assert result.status == "ok", result.reason
    assert "café" in result.article.text


@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["example.com", "Example.COM", "news.example.org"]),
    st.lists(st.text(alphabet="abcxyz09-", min_size=1, max_size=8), max_size=3),
    st.sampled_from(["", "?utm_source=feed", "?b=2&a=1", "?a=1&utm_medium=x&b=2"]),
    st.sampled_from(["", "#section", "#"]),
)
def test_canonical_url_is_idempotent_and_drops_noise(scheme, host, parts, query, fragment):
    url = f"{scheme}://{host}/{'/'.join(parts)}{query}{fragment}"
    canonical = canonical_url(url)
    assert canonical_url(canonical) == canonical
    assert "#" not in canonical and "utm_" not in canonical
    assert canonical.split("/")[2] == host.lower()
