"""CAMEO verb patterns (extractors/nlp/_cameo_patterns.py): the committed table is what the
build script makes from the dictionary, and made-up sentences are coded by the pattern their
parse matches, not by the bare verb."""

from __future__ import annotations

import importlib.util
from datetime import date
from importlib import resources

import pytest
from conftest import ROOT

from newsflow.extractors.nlp import cameo_patterns, enrich

DICTIONARY = ROOT.parent / "shared" / "dictionaries" / "petrarch2"


def _build_script():
    spec = importlib.util.spec_from_file_location(
        "build_nlp_data", ROOT / "scripts" / "build_nlp_data.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not (DICTIONARY / "CAMEO.2.0.txt").exists(), reason="needs ../shared/dictionaries/petrarch2"
)
def test_the_committed_pattern_table_is_what_the_build_script_makes():
    made = _build_script().cameo_patterns_text(DICTIONARY)
    committed = (
        resources.files("newsflow.extractors.nlp")
        .joinpath("data", "cameo_patterns.tsv")
        .read_text()
    )
    assert made == committed


def test_the_table_keeps_slots_synonym_sets_and_the_verbs_a_comment_names():
    table = cameo_patterns()
    # "+CARRY_OUT" is a phrasal verb of its block: its patterns need the particle
    raid = [p for p in table["carry"] if p.verb_particle == "out" and p.object
            and "raid" in p.object[-1]]  # fmt: skip
    assert raid and raid[0].type == "ASSAULT" and raid[0].code == "190"
    # "[:111]": the subject is the target
    criticism = [p for p in table["face"] if p.object and "criticism" in p.object[-1]]
    assert criticism and criticism[0].passive and criticism[0].type == "ACCUSE"
    # &TREATY expands to its synonyms
    assert any(p.object and "pact" in p.object[-1] for p in table["sign"])
    # "- * APPROVAL [110] # WITHHELD": the irregular form names "withhold" alone, not its
    # WordNet neighbours in the block ("cage", "contain")
    assert any(p.object and "approval" in p.object[-1] for p in table["withhold"])
    assert not any(p.object and "approval" in p.object[-1] for p in table.get("cage", ()))
    # a pattern of a preposition alone ("- * (TO) [042]") is not used
    assert all(p.particle or p.subject or p.object or any(ph for _, ph in p.preps)
               for found in table.values() for p in found)  # fmt: skip


def _coded(nlp, text):
    events = enrich(nlp(text), date(2024, 6, 19)).events
    return {(e.type, e.actor_country, e.recipient_country): e.rule_id for e in events}


@pytest.mark.parametrize(
    ("text", "triple", "rule"),
    [
        # the verb is no trigger; "carry out" + a noun of the pattern is an attack
        ("Israeli forces carried out an incursion against Hezbollah.", ("ASSAULT", "ISR", "LBN"),
         "ASSAULT.carry.verb.cameo190.pattern"),
        # "[:111]": the subject is the target, the "from" object the source
        ("Turkey came under fire from Greece.", ("ACCUSE", "GRC", "TUR"),
         "ACCUSE.come.verb.cameo111.pattern"),
        # a verb of the hand table whose own constraints rule it out ("receive" is AID for
        # weapons or money) takes the pattern's code
        ("Israel received backing from the United States.", ("SUPPORT", "USA", "ISR"),
         "SUPPORT.receive.verb.cameo051.pattern"),
        # a preposition the pattern's slots name ("at")
        ("Germany expressed outrage at Russia.", ("ACCUSE", "DEU", "RUS"),
         "ACCUSE.express.verb.cameo111.pattern"),
    ],
)  # fmt: skip
def test_a_pattern_codes_the_verb_with_its_slots(nlp, text, triple, rule):
    coded = _coded(nlp, text)
    assert triple in coded, coded
    assert coded[triple].startswith(rule), coded


def test_a_passive_pattern_turns_an_event_noun_around(nlp):
    # "faced criticism from Germany": Germany criticises Russia, not the other way round
    coded = _coded(nlp, "Russia faced sharp criticism from Germany on Monday.")
    assert ("ACCUSE", "DEU", "RUS") in coded, coded
    assert not any(actor == "RUS" for _, actor, _ in coded), coded


def test_a_pattern_without_an_event_overrides_the_bare_verb(nlp):
    # "hijack" is COERCE by its CAMEO block, but "- * ELECTIONS [---]" says hijacking an
    # election is no seizure
    assert _coded(nlp, "Russia hijacked the US elections.") == {}
    # with an object no pattern names, the verb keeps its block's code
    coded = _coded(nlp, "Russian hackers hijacked the Ukrainian government's website.")
    assert coded.get(("COERCE", "RUS", "UKR")) == "COERCE.hijack.verb.cameo171", coded
