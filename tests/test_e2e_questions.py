"""Questions a constituent or trainer asks, over the REST webhook of the running bot.

Each case asserts that the reply carries the figure asked for and the article it rests on. Single questions
use a fresh sender; follow-up chains run as one sender, so they test that the context is kept.
"""

from __future__ import annotations

import uuid

import pytest
import requests

pytestmark = pytest.mark.e2e

# (question, texts that must all appear in the reply: the figure(s) and the article)
SINGLE_QUESTIONS = [
    # per-branch requirements: benefit rates (Schedule to Part XI with each Part's article)
    ("What replacement rate does C102 require for old-age benefit?", ["40%", "Art. 28"]),
    ("minimum sickness benefit rate under convention 102?", ["45%", "Art. 16"]),
    ("How much must unemployment benefit pay under C102?", ["45%", "Art. 22"]),
    ("What is the benefit rate for employment injury?", ["50%", "Art. 36"]),
    ("maternity benefit level required by C102", ["45%", "Art. 50"]),
    ("Could you indicate the minimum replacement rate for invalidity benefit?", ["40%", "Art. 56"]),
    ("what rate for survivors benefit", ["40%", "Art. 62"]),
    # qualifying periods
    ("What qualifying period does C102 allow for an old-age pension?", ["30 years", "Art. 29"]),
    ("qualifying period for invalidity benefit?", ["15 years", "Art. 57"]),
    ("How many years of contribution can be required for survivors' benefit?", ["15 years", "Art. 63"]),
    ("What is the qualifying period for family benefit?", ["3 months", "Art. 43"]),
    # waiting days
    ("How many waiting days are allowed for sickness benefit?", ["3 days", "Art. 18"]),
    ("waiting period for unemployment benefit", ["7 days", "Art. 24"]),
    ("Can there be waiting days for employment injury benefit?", ["3 days", "Art. 38"]),
    # durations
    ("For how long must unemployment benefit be paid?", ["13 weeks", "Art. 24"]),
    ("maximum duration of sickness benefit under C102", ["26 weeks", "Art. 18"]),
    ("How long must maternity cash benefit last?", ["12 weeks", "Art. 52"]),
    ("Can medical care be limited in duration?", ["26 weeks", "Art. 12"]),
    # pensionable age, coverage, family benefit value
    ("What pensionable age does C102 allow?", ["65", "Art. 26"]),
    ("Who must be covered for old-age benefit?", ["50%", "Art. 27"]),
    ("who must be protected under the employment injury part", ["50%", "Art. 33"]),
    ("Who must be covered for maternity benefit?", ["50%", "Art. 48"]),
    ("what share of employees must be covered for medical care", ["50%", "Art. 9"]),
    ("How much family benefit does C102 require?", ["3%", "Art. 42, 44"]),
    # rules for every branch and the content of care (articles the bot answers since the reference was verified)
    ("What must medical care include?", ["general practitioner", "Art. 10"]),
    ("Can benefits be suspended?", ["without just cause", "Art. 69"]),
    ("Is there a right of appeal?", ["appeal against a refusal", "Art. 70"]),
    ("Who pays for the benefits?", ["Art. 71(1)", "50%"]),
    ("What does C102 say about participation of the persons protected?", ["take part in its management", "Art. 72"]),
    ("Are seafarers covered by C102?", ["1946", "Art. 77"]),
    ("Do non-nationals have the same rights under C102?", ["born outside the country", "Art. 68"]),
    ("Does C102 apply retroactively?", ["periods before", "Art. 73"]),
    ("Is vocational rehabilitation required for employment injury?", ["vocational rehabilitation", "Art. 34–35"]),
    ("Who is the skilled manual male employee?", ["75th percentile", "Art. 65(6)"]),
    ("Must long-term benefits follow the cost of living?", ["cost of living", "Art. 65(10)"]),
    ("What level must means-tested benefits reach under C102?", ["30%", "Art. 67"]),
    ("Can voluntary schemes count for C102?", ["voluntary insurance", "Art. 6"]),
    # the Conventions
    ("What is C102?", ["1952", "Art. 2"]),
    ("what is the minimum standards convention about", ["nine branches", "Art. 2"]),
    ("What are the nine branches of C102?", ["Part V", "Art. 2"]),
    ("How many Parts must a country accept to ratify C102?", ["3", "Art. 2"]),
    ("What are the Article 3 temporary exceptions?", ["27(d)", "Art. 3"]),
    ("What is C128?", ["1967", "45%"]),
    ("What does C168 add compared with C102?", ["85%", "Art. 21"]),
    ("How does the maternity protection convention go beyond C102?", ["14 weeks", "Art. 52"]),
    ("What does C128 raise above C102?", ["50%", "45%"]),
    ("What are the four basic guarantees of a social protection floor?", ["4 basic guarantees", "Para. 5"]),
    ("What is the difference between a Convention and a Recommendation?", ["ratif", "art"]),
    ("What are the principles of C102?", ["Art. 71(3)", "Art. 72(1)"]),
    ("How is social security financed under C102? what principles apply", ["Art. 71", "50%"]),
    # the procedure
    ("How does a country ratify C102?", ["C144 Art. 5(1)", "Art. 79"]),
    ("Who signs the instrument of ratification?", ["Minister of Labour", "art. 19(5)(d)"]),
    ("When does C102 enter into force for a country?", ["12 months", "Art. 79"]),
    ("When is the first report due?", ["1 September", "art. 22"]),
    ("How often must a country report on C102?", ["6 years", "art. 22"]),
    ("Can a country denounce C102?", ["ten-year", "Art. 82"]),
    ("Can we accept more parts later?", ["Director-General", "Art. 4"]),
    ("What happens to Part V of C102 if we ratify C128?", ["Art. 45", "Art. 75"]),
    ("Who supervises the application of C102?", ["CEACR", "art"]),
    ("how long do we have to submit a new convention to parliament", ["18 months", "19(5)"]),
    # why, campaign, assistance
    ("Why should my country ratify C102?", ["SDG target 1.3", "1948"]),
    ("What is the C102 ratification campaign?", ["2021", "70"]),
    ("Can the ILO help us prepare ratification?", ["socpro@ilo.org", "toolkit"]),
    # who ratified
    ("Has Morocco ratified C102?", ["2019", "NORMLEX"]),
    ("Did Brazil ratify convention 102?", ["2009", "NORMLEX"]),
    ("Has Ukraine ratified C102 and which parts?", ["2016", "IX, X"]),
    ("Has Finland ratified C102?", ["not in my records", "NORMLEX"]),
    ("Has the US ratified C102?", ["United States of America", "not in my records"]),  # an acronym, case kept
    ("How many countries have ratified C102?", ["68 ratifications", "11 June 2025", "normlex.ilo.org"]),
    ("Which countries ratified C102 since 2020?", ["Paraguay", "El Salvador", "Angola (11 June 2025)"]),
    ("Which African countries have ratified C102?", ["Togo", "Chad"]),
    ("Has Czechoslovakia ratified C102?", ["1990", "former"]),
]

FOLLOW_UP_CHAINS = [
    [("What replacement rate does C102 require for old-age benefit?", ["40%", "Art. 28"]),
     ("And for invalidity?", ["40%", "Art. 56"]),
     ("What about the qualifying period?", ["15 years", "Art. 57"])],
    [("How many waiting days are allowed for sickness benefit?", ["3 days", "Art. 18"]),
     ("and for unemployment?", ["7 days", "Art. 24"]),
     ("what about employment injury?", ["3 days", "Art. 38"])],
    [("Has Morocco ratified C102?", ["2019"]),
     ("Which Parts did it accept?", ["do not list the Parts"]),
     ("And Brazil?", ["2009"])],
    [("Who signs the instrument of ratification?", ["Minister of Labour", "art. 19(5)(d)"]),
     ("What comes next?", ["Registration", "Art. 79"]),
     ("and then?", ["first report", "1 September"])],
    [("What is the qualifying period for survivors' benefit?", ["15 years", "Art. 63"]),
     ("and for old age?", ["30 years", "Art. 29"]),
     ("what about the pensionable age?", ["65", "Art. 26"])],
    [("Which African countries have ratified C102?", ["Chad"]),
     ("and since 2019?", ["Benin", "Sierra Leone"])],
]


def ask(webhook: str, sender: str, question: str) -> str:
    reply = requests.post(webhook, json={"sender": sender, "message": question}, timeout=60)
    assert reply.status_code == 200, reply.text
    return "\n".join(message.get("text", "") for message in reply.json())


def test_the_suite_has_at_least_sixty_cases():
    assert len(SINGLE_QUESTIONS) + sum(len(chain) for chain in FOLLOW_UP_CHAINS) >= 60


@pytest.mark.parametrize(("question", "expected"), SINGLE_QUESTIONS, ids=[q for q, _ in SINGLE_QUESTIONS])
def test_single_question(servers, question, expected):
    text = ask(servers.webhook, uuid.uuid4().hex, question)
    for needle in expected:
        assert needle.lower() in text.lower(), f"{needle!r} missing from the answer to {question!r}:\n{text}"


@pytest.mark.parametrize("chain", FOLLOW_UP_CHAINS, ids=[chain[0][0] for chain in FOLLOW_UP_CHAINS])
def test_follow_up_chain_keeps_context(servers, chain):
    sender = uuid.uuid4().hex
    for question, expected in chain:
        text = ask(servers.webhook, sender, question)
        for needle in expected:
            assert needle.lower() in text.lower(), f"{needle!r} missing from the answer to {question!r}:\n{text}"
