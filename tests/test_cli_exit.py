"""The `newsflow` entry point leaves what a command made to the process's end (`gc.freeze`), so
the interpreter's last garbage collection does not take the spaCy model apart object by object;
objects whose last reference goes are still freed as usual."""

from __future__ import annotations

import gc
import sys
import weakref

import pytest

from newsflow import cli


def test_the_entry_point_freezes_what_the_command_made(monkeypatch):
    class Made:
        pass

    gc.collect()
    before = gc.get_freeze_count()
    assert before == 0  # nothing else in the test process freezes
    kept = [Made()]
    kept.append(kept)  # a cycle, as spaCy's objects are
    monkeypatch.setattr(sys, "argv", ["newsflow", "--help"])
    try:
        with pytest.raises(SystemExit) as exited:
            cli.main()
        assert exited.value.code == 0
        assert gc.get_freeze_count() > 0
        gone = weakref.ref(Made())  # no reference left: freed at once, frozen or not
        assert gone() is None
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
