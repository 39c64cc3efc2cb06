"""The bot's text shaped per channel: markdown for the web widget, Slack mrkdwn, and splitting to a length limit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import answers, knowledge
from bot.assessment.chat import DOWNLOAD_REPORT
from channels.formatting import shorten, split_message, to_markdown, to_slack_mrkdwn

REPORT = """C102 eligibility check: Ruritania
Ruritania could not yet ratify C102 (Art. 2): it needs one more Part.

Old age (Part V) falls short
  ✗ Benefit rate (Art. 28): 42% where 40% is the minimum
  ✓ Coverage (Art. 27)
Sources:
- see https://normlex.example.org/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C102.
Write to someone_else@ilo.org."""


def test_markdown_keeps_each_line_and_makes_lists_and_links():
    markdown = to_markdown(REPORT)
    assert "C102 eligibility check: Ruritania  \nRuritania could" in markdown  # a hard line break
    link = "<https://normlex.example.org/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C102>"
    assert f"Sources:\n\n- see {link}.\n\nWrite to" in markdown  # the list is a block; the full stop is no link
    assert "<mailto:someone_else@ilo.org>." in markdown
    checks = "- ✗ Benefit rate (Art. 28): 42% where 40% is the minimum\n- ✓ Coverage (Art. 27)"
    assert f"Old age (Part V) falls short\n\n{checks}\n\n" in markdown  # indented lines: items under the line above


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("5 * 3 and a_b_c", r"5 \* 3 and a\_b\_c"),
        ("[not a link](x)", r"\[not a link\](x)"),
        ("# not a heading", r"\# not a heading"),
        ("1952. not an ordered list", r"1952\. not an ordered list"),
        ("<b>not html</b>", r"\<b\>not html\</b\>"),
    ],
)
def test_markdown_takes_nothing_else_for_markup(text, shown):
    assert to_markdown(text) == shown


def test_every_answer_of_the_knowledge_base_converts():
    kb = knowledge.load()
    for topic in answers.TOPICS:
        text = answers.answer(topic, kb, answers.UserQuestion(text="x")).text
        markdown = to_markdown(text)
        assert markdown.strip()
        assert "http" not in text or "<http" in markdown


def test_slack_mrkdwn_escapes_and_links():
    mrkdwn = to_slack_mrkdwn("A & B <c>\n- item https://example.org/a_b.\nmail a@b.org")
    assert mrkdwn == "A &amp; B &lt;c&gt;\n• item <https://example.org/a_b>.\nmail <mailto:a@b.org|a@b.org>"


def test_split_prefers_blocks_then_lines_then_words():
    text = "first block line one\nline two\n\nsecond block"
    assert split_message(text, 100) == [text]
    assert split_message(text, 30) == ["first block line one\nline two", "second block"]
    assert split_message(text, 22) == ["first block line one", "line two\n\nsecond block"]
    assert split_message("word " * 5, 10) == ["word word", "word word", "word"]
    assert split_message("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_message("  \n\n ", 10) == []


@given(st.text(alphabet=st.sampled_from("ab \n-✓"), max_size=400), st.integers(min_value=1, max_value=60))
def test_split_parts_fit_and_lose_no_word(text, limit):
    parts = split_message(text, limit)
    assert all(len(part) <= limit for part in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())  # only whitespace between parts is dropped


def test_shorten():
    assert shorten("short", 20) == "short"
    assert shorten("What is Convention No. 102?", 20) == "What is Convention …"
    assert len(shorten("x" * 100, 20)) == 20


def test_a_slack_link_cannot_show_one_address_and_open_another():
    # e.g. a display name typed by a participant ("join K7Q2 as https://a.example|b.example")
    text = to_slack_mrkdwn("Welcome, https://bank.example.evil|bank.example!")
    assert text == "Welcome, <https://bank.example.evil%7Cbank.example>!"
    assert "|" not in text


def test_the_offer_of_the_report_is_a_link_in_the_web_chat_and_on_slack():
    url = "https://ratify.example.org/api/assess/K7Q2XP4M3N/report.pdf"
    line = DOWNLOAD_REPORT.format(url=url)
    assert to_markdown(line) == f"Download the report, to print and circulate (PDF): <{url}>"
    assert to_slack_mrkdwn(line) == f"Download the report, to print and circulate (PDF): <{url}>"
