"""The YAML reader names the file, the key path and the problem in every error."""

from __future__ import annotations

import pytest

from bot.knowledge.reader import KnowledgeError, Node, load_document, unique


def node(value) -> Node:
    return Node(value, "sample.yml")


def test_missing_key_names_file_and_path():
    doc = node({"parts": [{"part": "II"}]})
    first = next(doc.items("parts"))
    with pytest.raises(KnowledgeError, match=r"^sample.yml: parts\[0\]: missing key 'title'$"):
        first.text("title")


def test_wrong_type_names_expected_type_and_value():
    doc = node({"rate": "forty"})
    with pytest.raises(KnowledgeError, match=r"sample.yml: rate: expected a number, got 'forty'"):
        doc.get("rate", (int, float))


def test_integers_count_as_numbers_but_booleans_do_not():
    assert node({"rate": 40}).get("rate", float) == 40
    with pytest.raises(KnowledgeError, match="expected a number, got True"):
        node({"rate": True}).get("rate", (int, float))


def test_empty_text_is_refused():
    with pytest.raises(KnowledgeError, match="title: must not be empty"):
        node({"title": "  "}).text("title")


def test_choice_lists_allowed_values():
    with pytest.raises(KnowledgeError, match=r"kind: unknown value 'treaty' \(allowed: convention, recommendation\)"):
        node({"kind": "treaty"}).choice("kind", ["convention", "recommendation"])


def test_unknown_keys_are_refused():
    with pytest.raises(KnowledgeError, match=r"unknown key 'titel'"):
        node({"title": "x", "titel": "y"}).only_keys(["title"])


def test_optional_keys_have_defaults_and_are_checked_when_present():
    doc = node({"weeks": 26})
    assert doc.opt("note", str, "none") == "none"
    assert doc.opt("weeks", int) == 26
    with pytest.raises(KnowledgeError, match="weeks: expected a text"):
        doc.opt("weeks", str)


def test_nested_paths_in_entries_and_items():
    doc = node({"branches": {"old_age": {"checks": [{"min": "x"}]}}})
    _, branch = next(doc.entries("branches"))
    check = next(branch.items("checks"))
    with pytest.raises(KnowledgeError, match=r"branches.old_age.checks\[0\].min: expected a whole number"):
        check.get("min", int)


def test_duplicate_ids_name_both_places():
    items = list(node({"items": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}).items("items"))
    with pytest.raises(KnowledgeError, match=r"items\[2\]: duplicate id 'a' \(first at items\[0\]\)"):
        unique(((item, item.text("id")) for item in items), "id")


def test_load_document_reports_missing_file_bad_yaml_and_non_mapping(tmp_path):
    with pytest.raises(KnowledgeError, match="absent.yml: file not found"):
        load_document(tmp_path, "absent.yml")
    (tmp_path / "bad.yml").write_text("key: [unclosed\n")
    with pytest.raises(KnowledgeError, match="bad.yml: not valid YAML"):
        load_document(tmp_path, "bad.yml")
    (tmp_path / "list.yml").write_text("- a\n- b\n")
    with pytest.raises(KnowledgeError, match="list.yml: the document must be a mapping"):
        load_document(tmp_path, "list.yml")
