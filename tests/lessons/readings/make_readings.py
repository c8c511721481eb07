# ruff: noqa: E501
# (The readings below are data, one mark per line, kept whole so they read as a table.)
"""Build the blind "careful reader" submissions in this folder from the table below.

Why this exists: the grader must reward careful readers and punish guessers, and that can only be
tested against readings made *without* looking at the answer keys. Each lesson gets two readings
by two personas (see README.md): `tight` marks just the words that do the work, with the most
specific category; `phrase` marks whole phrases or short clauses, sometimes picks a neighbouring
category, and misses a subtle item or two. Both include the odd borderline mark a careful reader
makes.

The marks are written as data (lesson, reader, quote, occurrence, category, note) so anyone can
read, correct and regenerate them. Offsets are never typed by hand: each quote is found in the
lesson's normalised article text (its n-th occurrence, counting from 1), so the files stay right
if an article is corrected, and this script fails loudly if a quote no longer occurs.

Run from the repository root: `.venv/bin/python tests/lessons/readings/make_readings.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

from literacy_app import __version__
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark
from literacy_app.core.submission import Student, Submission
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import dumps, submission_to_dict

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
LESSONS = ROOT / "lessons"
# A fixed time, so that regenerating an unchanged table gives byte-identical files.
TIMESTAMP = "2026-01-15T10:00:00+00:00"
READERS = {"tight": "Careful reader (tight)", "phrase": "Careful reader (phrase)"}


class Row(NamedTuple):
    """One mark: which lesson and reader, the words, which occurrence of them, the category."""

    lesson: str
    reader: str
    quote: str
    occurrence: int
    category: str
    note: str = ""


T = "tight"
P = "phrase"

# fmt: off
ROWS: list[Row] = [
    # --- bakhmut-op-ed ---------------------------------------------------------------------------
    Row("bakhmut-op-ed", T, "Fake", 1, "loaded_language", "calls the raid fake before saying anything about it"),
    Row("bakhmut-op-ed", T, "“Proxy Invasion of Russia”", 1, "scare_quotes", "the quotation marks say not to take it seriously"),
    Row("bakhmut-op-ed", T, "doomed-to-fail", 1, "speculation_as_fact", "a prediction stated as certain"),
    Row("bakhmut-op-ed", T, "purely for propaganda", 1, "unsupported_motive", "how does the writer know the purpose?"),
    Row("bakhmut-op-ed", T, "crushing blow", 1, "loaded_language"),
    Row("bakhmut-op-ed", T, "Artyomovsk", 1, "loaded_language", "the Russian name for Bakhmut, which the headline itself uses"),
    Row("bakhmut-op-ed", T, "confirmed", 1, "appeal_to_authority", "'confirmed' treats the spokesman's word as proof"),
    Row("bakhmut-op-ed", T, "the goal of such subversive activities is to divert attention", 1, "unsupported_motive", "Peskov's claim about intent, no evidence"),
    Row("bakhmut-op-ed", T, "Reports suggest", 1, "vague_attribution", "which reports?"),
    Row("bakhmut-op-ed", T, "so-called", 1, "scare_quotes"),
    Row("bakhmut-op-ed", T, "terrorist proxies", 1, "name_calling"),
    Row("bakhmut-op-ed", T, "It was predictable", 1, "speculation_as_fact", "hindsight presented as foresight"),
    Row("bakhmut-op-ed", T, "in order to deflect", 1, "unsupported_motive"),
    Row("bakhmut-op-ed", T, "special operation", 1, "euphemism", "softer word for a war"),
    Row("bakhmut-op-ed", T, "The following four analyses", 1, "missing_evidence", "the analyses are never listed"),
    Row("bakhmut-op-ed", T, "urgently needs to repair his side’s morale", 1, "unsupported_motive"),
    Row("bakhmut-op-ed", T, "Western patrons", 1, "name_calling"),
    Row("bakhmut-op-ed", T, "$165 billion", 1, "unsourced_figure", "no source for the number"),
    Row("bakhmut-op-ed", T, "aligns with Peskov’s assessment", 1, "appeal_to_authority"),
    Row("bakhmut-op-ed", T, "the Kremlin’s official conclusion", 1, "appeal_to_authority"),
    Row("bakhmut-op-ed", T, "failed assassination attempt", 1, "presupposition", "slipped in as settled fact"),
    Row("bakhmut-op-ed", T, "it therefore naturally follows", 1, "causal_oversimplification", "one thing does not follow from the other"),
    Row("bakhmut-op-ed", T, "proxy invasion", 1, "name_calling"),
    Row("bakhmut-op-ed", T, "infowar copium", 1, "loaded_language", "mocking slang"),
    Row("bakhmut-op-ed", T, "doomed-to-fail provocation carried out purely for propaganda with the intent of lessening the crushing blow to morale from losing Artyomovsk", 2, "repetition", "the opening sentence again, word for word"),
    Row("bakhmut-op-ed", T, "patriots", 1, "flag_waving"),
    Row("bakhmut-op-ed", P, "Fake “Proxy Invasion of Russia”", 1, "loaded_language", "headline decides for the reader"),
    Row("bakhmut-op-ed", P, "doomed-to-fail provocation", 1, "loaded_language"),
    Row("bakhmut-op-ed", P, "purely for propaganda with the intent of lessening", 1, "unsupported_motive"),
    Row("bakhmut-op-ed", P, "the crushing blow to morale", 1, "exaggeration"),
    Row("bakhmut-op-ed", P, "Kremlin spokesman Dmitry Peskov confirmed", 1, "appeal_to_authority"),
    Row("bakhmut-op-ed", P, "the goal of such subversive activities is to divert attention from the Bakhmut area", 1, "speculation_as_fact", "a guess about the aim, said as if known"),
    Row("bakhmut-op-ed", P, "Reports suggest", 1, "vague_attribution"),
    Row("bakhmut-op-ed", P, "the so-called “Freedom of Russian Legion”", 1, "scare_quotes"),
    Row("bakhmut-op-ed", P, "Ukrainian military intelligence’s terrorist proxies", 1, "name_calling"),
    Row("bakhmut-op-ed", P, "It was predictable that something of the sort would soon be attempted", 1, "speculation_as_fact"),
    Row("bakhmut-op-ed", P, "in order to deflect from Russia’s victory", 1, "unsupported_motive"),
    Row("bakhmut-op-ed", P, "its special operation", 1, "euphemism"),
    Row("bakhmut-op-ed", P, "The following four analyses touched upon precisely this scenario:", 1, "missing_evidence", "nothing follows the colon"),
    Row("bakhmut-op-ed", P, "Zelensky urgently needs to repair his side’s morale", 1, "unsupported_motive"),
    Row("bakhmut-op-ed", P, "his Western patrons’", 1, "name_calling"),
    Row("bakhmut-op-ed", P, "$165 billion worth of taxpayer-provided military aid", 1, "unsourced_figure"),
    Row("bakhmut-op-ed", P, "which aligns with Peskov’s assessment", 1, "appeal_to_authority"),
    Row("bakhmut-op-ed", P, "Keeping in mind the Kremlin’s official conclusion that the US was involved", 1, "appeal_to_authority"),
    Row("bakhmut-op-ed", P, "it therefore naturally follows that it had a hand in this attack too", 1, "causal_oversimplification"),
    Row("bakhmut-op-ed", P, "nothing more than infowar copium", 1, "loaded_language"),
    Row("bakhmut-op-ed", P, "a doomed-to-fail provocation carried out purely for propaganda with the intent of lessening the crushing blow to morale from losing Artyomovsk", 2, "repetition"),
    Row("bakhmut-op-ed", P, "an overwhelming response", 1, "appeal_to_fear", "sounds like a threat"),
    Row("bakhmut-op-ed", P, "which patriots have been pleading for", 1, "flag_waving"),
    # --- getting-started -------------------------------------------------------------------------
    Row("getting-started", T, "Naysayers", 1, "name_calling"),
    Row("getting-started", T, "endless bickering", 1, "loaded_language", "makes the debate sound silly"),
    Row("getting-started", T, "busybodies", 1, "name_calling"),
    Row("getting-started", T, "sink", 1, "loaded_language"),
    Row("getting-started", T, "so-called", 1, "scare_quotes"),
    Row("getting-started", T, "“noise study”", 1, "scare_quotes"),
    Row("getting-started", T, "Many people say", 1, "vague_attribution", "who?"),
    Row("getting-started", T, "Sources close to the council", 1, "vague_attribution"),
    Row("getting-started", T, "Insiders", 1, "vague_attribution"),
    Row("getting-started", T, "constant moaning", 1, "loaded_language"),
    Row("getting-started", T, "staggering", 1, "loaded_language"),
    Row("getting-started", T, "300 hours", 1, "unsourced_figure", "who counted the hours?"),
    Row("getting-started", T, "thrilled", 1, "loaded_language", "maybe just enthusiastic, but it is the writer's word"),
    Row("getting-started", T, "More than 2,000 people", 1, "unsourced_figure"),
    Row("getting-started", T, "9 out of 10 visitors", 1, "unsourced_figure", "was there a survey?"),
    Row("getting-started", P, "No Thanks to the Naysayers", 1, "name_calling"),
    Row("getting-started", P, "After two years of endless bickering", 1, "loaded_language"),
    Row("getting-started", P, "A small band of busybodies", 1, "name_calling"),
    Row("getting-started", P, "spent months trying to sink the project", 1, "loaded_language"),
    Row("getting-started", P, "so-called concerns", 1, "scare_quotes"),
    Row("getting-started", P, "their “noise study”", 1, "scare_quotes"),
    Row("getting-started", P, "Many people say the group simply dislikes teenagers", 1, "vague_attribution"),
    Row("getting-started", P, "Sources close to the council say", 1, "vague_attribution"),
    Row("getting-started", P, "Insiders blame", 1, "vague_attribution"),
    Row("getting-started", P, "the group’s constant moaning", 1, "loaded_language"),
    Row("getting-started", P, "a staggering 300 hours of staff time", 1, "unsourced_figure"),
    Row("getting-started", P, "More than 2,000 people crowded into the park", 1, "unsourced_figure"),
    Row("getting-started", P, "9 out of 10 visitors said", 1, "unsourced_figure"),
    Row("getting-started", P, "the best thing to happen to Wrenfield in years", 1, "loaded_language", "sounds like hype"),
    # --- miracle-supplement ----------------------------------------------------------------------
    Row("miracle-supplement", T, "Thousands Are Switching", 1, "bandwagon"),
    Row("miracle-supplement", T, "She is far from alone", 1, "bandwagon", "borderline: tiredness is common, but it sets up the crowd"),
    Row("miracle-supplement", T, "silent epidemic", 1, "exaggeration"),
    Row("miracle-supplement", T, "Experts warn", 1, "vague_attribution", "which experts?"),
    Row("miracle-supplement", T, "weight gain, brain fog, weakened immunity and worse", 1, "appeal_to_fear"),
    Row("miracle-supplement", T, "most of us", 1, "exaggeration", "31 percent is not most"),
    Row("miracle-supplement", T, "proprietary blend", 1, "euphemism", "hides what is in it"),
    Row("miracle-supplement", T, "nature knows best", 1, "slogans"),
    Row("miracle-supplement", T, "The results speak for themselves", 1, "missing_evidence", "one customer's story is not results"),
    Row("miracle-supplement", T, "award-winning scientists", 1, "appeal_to_authority", "no names, no awards named"),
    Row("miracle-supplement", T, "the most complete energy formula ever created", 1, "exaggeration"),
    Row("miracle-supplement", T, "Clinical studies show", 1, "missing_evidence", "which studies? and of the ingredients, not the product"),
    Row("miracle-supplement", T, "one recent trial", 1, "missing_evidence"),
    Row("miracle-supplement", T, "94 percent", 1, "unsourced_figure"),
    Row("miracle-supplement", T, "appears regularly on morning television", 1, "appeal_to_authority"),
    Row("miracle-supplement", T, "When a doctor says that, it’s worth listening", 1, "appeal_to_authority"),
    Row("miracle-supplement", T, "Some researchers believe", 1, "vague_attribution"),
    Row("miracle-supplement", T, "will reset your body’s natural rhythm", 1, "speculation_as_fact"),
    Row("miracle-supplement", T, "brief adjustment period", 1, "euphemism", "side effects?"),
    Row("miracle-supplement", T, "Word has spread fast", 1, "bandwagon"),
    Row("miracle-supplement", T, "More than 250,000 people", 1, "unsourced_figure"),
    Row("miracle-supplement", T, "the waiting list grows every week", 1, "bandwagon"),
    Row("miracle-supplement", T, "Don’t be the last of your friends to discover it", 1, "bandwagon"),
    Row("miracle-supplement", T, "don’t wait for the slump to get worse", 1, "appeal_to_fear"),
    Row("miracle-supplement", T, "your cells age a little faster", 1, "appeal_to_fear"),
    Row("miracle-supplement", T, "flexible Solmera Wellness Membership", 1, "euphemism", "it is a $59.95 monthly subscription"),
    Row("miracle-supplement", T, "Feel like yourself again", 1, "slogans"),
    Row("miracle-supplement", P, "Why Thousands Are Switching", 1, "bandwagon"),
    Row("miracle-supplement", P, "used to feel like a phone on two percent battery", 1, "exaggeration", "colourful, maybe just a figure of speech"),
    Row("miracle-supplement", P, "Tiredness has become a silent epidemic", 1, "exaggeration"),
    Row("miracle-supplement", P, "Experts warn that ignoring it", 1, "vague_attribution"),
    Row("miracle-supplement", P, "can open the door to weight gain, brain fog, weakened immunity and worse", 1, "appeal_to_fear"),
    Row("miracle-supplement", P, "In other words, most of us are running on empty", 1, "exaggeration"),
    Row("miracle-supplement", P, "a proprietary blend the company calls its Cellular Renewal Complex", 1, "euphemism"),
    Row("miracle-supplement", P, "one simple rule: nature knows best", 1, "slogans"),
    Row("miracle-supplement", P, "The results speak for themselves.", 1, "slogans"),
    Row("miracle-supplement", P, "Formulated by a team of award-winning scientists", 1, "appeal_to_authority"),
    Row("miracle-supplement", P, "the most complete energy formula ever created", 1, "exaggeration"),
    Row("miracle-supplement", P, "Clinical studies show that its ingredients support natural energy levels", 1, "missing_evidence"),
    Row("miracle-supplement", P, "in one recent trial 94 percent of users felt more energized within seven days", 1, "unsourced_figure"),
    Row("miracle-supplement", P, "a wellness physician who appears regularly on morning television", 1, "appeal_to_authority"),
    Row("miracle-supplement", P, "When a doctor says that, it’s worth listening.", 1, "appeal_to_authority"),
    Row("miracle-supplement", P, "Some researchers believe it can even slow the aging of cells", 1, "vague_attribution"),
    Row("miracle-supplement", P, "Solmera Restore will reset your body’s natural rhythm in as little as seven days", 1, "speculation_as_fact"),
    Row("miracle-supplement", P, "A few users notice a brief adjustment period as the body recalibrates", 1, "euphemism"),
    Row("miracle-supplement", P, "Word has spread fast.", 1, "bandwagon"),
    Row("miracle-supplement", P, "More than 250,000 people have already made Solmera part of their morning", 1, "bandwagon", "also an unsourced number"),
    Row("miracle-supplement", P, "Don’t be the last of your friends to discover it.", 1, "bandwagon"),
    Row("miracle-supplement", P, "Every day you put it off, your cells age a little faster.", 1, "appeal_to_fear"),
    Row("miracle-supplement", P, "Solmera Restore. Feel like yourself again.", 1, "slogans"),
    # --- product-launch-release ------------------------------------------------------------------
    Row("product-launch-release", T, "Workforce Realignment", 1, "euphemism", "job cuts"),
    Row("product-launch-release", T, "the AI-first era of work", 1, "presupposition"),
    Row("product-launch-release", T, "record-breaking success", 1, "presupposition", "revenue fell 9 percent; which record?"),
    Row("product-launch-release", T, "the most significant leap in workplace software in a generation", 1, "exaggeration"),
    Row("product-launch-release", T, "11 hours a week", 1, "unsourced_figure", "how measured, how many teams?"),
    Row("product-launch-release", T, "independent benchmarks confirm", 1, "missing_evidence", "which benchmarks, run by whom?"),
    Row("product-launch-release", T, "work that works", 1, "slogans"),
    Row("product-launch-release", T, "embrace AI-first work or be left behind", 1, "black_and_white"),
    Row("product-launch-release", T, "Leading organisations in every industry are already making the switch", 1, "bandwagon"),
    Row("product-launch-release", T, "Professor Anton Reyes of the Eastlake Institute of Technology", 1, "appeal_to_authority", "he sits on their advisory board"),
    Row("product-launch-release", T, "every serious organisation will be running within five years", 1, "speculation_as_fact"),
    Row("product-launch-release", T, "transition those functions to trusted partners", 1, "euphemism", "outsourcing"),
    Row("product-launch-release", T, "rightsizing", 1, "euphemism"),
    Row("product-launch-release", T, "driven entirely by the accelerating pace of AI innovation", 1, "causal_oversimplification", "revenue was also down 9 percent"),
    Row("product-launch-release", T, "begin their next chapter", 1, "euphemism"),
    Row("product-launch-release", T, "unable to match our pace of innovation", 1, "unsupported_motive"),
    Row("product-launch-release", T, "spread fear", 1, "loaded_language"),
    Row("product-launch-release", T, "with a stake in the old way of working", 1, "doubt"),
    Row("product-launch-release", T, "The results speak for themselves", 1, "thought_terminating_cliche"),
    Row("product-launch-release", T, "more than 9 in 10 Pulse customers", 1, "unsourced_figure", "which survey?"),
    Row("product-launch-release", T, "more than 8,000 organisations in 30 countries", 1, "unsourced_figure", "boilerplate, but still unsourced"),
    Row("product-launch-release", T, "work that works", 2, "repetition", "the slogan again at the end"),
    Row("product-launch-release", P, "Announces Strategic Workforce Realignment", 1, "euphemism"),
    Row("product-launch-release", P, "changes to its organisation that position the company for the AI-first era of work", 1, "euphemism", "this is the job cuts, said softly"),
    Row("product-launch-release", P, "Building on the record-breaking success of Pulse 3", 1, "exaggeration"),
    Row("product-launch-release", P, "It is, quite simply, the most significant leap in workplace software in a generation.", 1, "exaggeration"),
    Row("product-launch-release", P, "Teams using the early-access version saved an average of 11 hours a week", 1, "unsourced_figure"),
    Row("product-launch-release", P, "independent benchmarks confirm that Pulse 4 outperforms every competing platform on speed and accuracy", 1, "missing_evidence"),
    Row("product-launch-release", P, "Pulse 4: work that works.", 1, "slogans"),
    Row("product-launch-release", P, "Companies today face a simple choice: embrace AI-first work or be left behind", 1, "black_and_white"),
    Row("product-launch-release", P, "Leading organisations in every industry are already making the switch.", 1, "bandwagon"),
    Row("product-launch-release", P, "Professor Anton Reyes of the Eastlake Institute of Technology, who sits on Corvalle’s advisory board", 1, "appeal_to_authority"),
    Row("product-launch-release", P, "“the platform every serious organisation will be running within five years.”", 1, "speculation_as_fact"),
    Row("product-launch-release", P, "transition those functions to trusted partners", 1, "euphemism"),
    Row("product-launch-release", P, "This rightsizing", 1, "euphemism"),
    Row("product-launch-release", P, "is driven entirely by the accelerating pace of AI innovation", 1, "causal_oversimplification"),
    Row("product-launch-release", P, "It allows us to invest where our customers need us most.", 1, "euphemism", "vague; what happens to support in Halden?"),
    Row("product-launch-release", P, "career support as they begin their next chapter", 1, "euphemism"),
    Row("product-launch-release", P, "Some competitors, unable to match our pace of innovation, have chosen to spread fear", 1, "unsupported_motive"),
    Row("product-launch-release", P, "a few commentators with a stake in the old way of working", 1, "doubt"),
    Row("product-launch-release", P, "The results speak for themselves:", 1, "thought_terminating_cliche"),
    Row("product-launch-release", P, "more than 9 in 10 Pulse customers say they would recommend it to a colleague", 1, "unsourced_figure"),
    Row("product-launch-release", P, "Corvalle: work that works.", 1, "repetition"),
    # --- school-budget-vote ----------------------------------------------------------------------
    Row("school-budget-vote", T, "Rams Through", 1, "loaded_language"),
    Row("school-budget-vote", T, "Record", 1, "exaggeration", "4.5 percent, and no record is cited"),
    Row("school-budget-vote", T, "reckless spending spree", 1, "loaded_language"),
    Row("school-budget-vote", T, "tax-and-spend", 1, "name_calling"),
    Row("school-budget-vote", T, "Half the town", 1, "exaggeration", "a meeting room cannot hold half a town"),
    Row("school-budget-vote", T, "Nearly 70 percent", 1, "unsourced_figure", "no poll named"),
    Row("school-budget-vote", T, "many parents say", 1, "vague_attribution"),
    Row("school-budget-vote", T, "forced out of the homes they have lived in for decades", 1, "appeal_to_fear", "the sourced figure is $96 a year"),
    Row("school-budget-vote", T, "Insiders say", 1, "vague_attribution"),
    Row("school-budget-vote", T, "poured", 1, "loaded_language"),
    Row("school-budget-vote", T, "$1.2 million", 1, "unsourced_figure"),
    Row("school-budget-vote", T, "Experts warn", 1, "vague_attribution"),
    Row("school-budget-vote", T, "the district’s savings will run dry by 2028", 1, "appeal_to_fear"),
    Row("school-budget-vote", T, "union bosses", 1, "name_calling"),
    Row("school-budget-vote", T, "got everything they wanted", 1, "exaggeration"),
    Row("school-budget-vote", T, "the rest of Larkmoor will pay for it", 1, "loaded_language", "borderline"),
    Row("school-budget-vote", T, "a town that only the wealthy can afford", 1, "appeal_to_fear"),
    Row("school-budget-vote", T, "young families will take their children elsewhere", 1, "appeal_to_fear"),
    Row("school-budget-vote", P, "Rams Through Budget", 1, "loaded_language"),
    Row("school-budget-vote", P, "Record Tax Hike", 1, "exaggeration"),
    Row("school-budget-vote", P, "a reckless spending spree", 1, "loaded_language"),
    Row("school-budget-vote", P, "the board’s tax-and-spend majority", 1, "name_calling"),
    Row("school-budget-vote", P, "residents made their feelings clear", 1, "exaggeration", "assumes all residents feel one way"),
    Row("school-budget-vote", P, "Half the town packed into the meeting room", 1, "exaggeration"),
    Row("school-budget-vote", P, "Nearly 70 percent of Larkmoor homeowners are against it", 1, "unsourced_figure"),
    Row("school-budget-vote", P, "many parents say they no longer trust the board", 1, "vague_attribution"),
    Row("school-budget-vote", P, "Seniors on fixed incomes like Ms. Haines could soon be forced out of the homes", 1, "appeal_to_fear"),
    Row("school-budget-vote", P, "Insiders say", 1, "vague_attribution"),
    Row("school-budget-vote", P, "$1.2 million into outside consultants", 1, "unsourced_figure"),
    Row("school-budget-vote", P, "Experts warn", 1, "vague_attribution"),
    Row("school-budget-vote", P, "the district’s savings will run dry by 2028", 1, "exaggeration"),
    Row("school-budget-vote", P, "the union bosses who cheered from the front row", 1, "name_calling"),
    Row("school-budget-vote", P, "Larkmoor will become a town that only the wealthy can afford", 1, "appeal_to_fear"),
    Row("school-budget-vote", P, "young families will take their children elsewhere", 1, "appeal_to_fear"),
    # --- transport-plan-column -------------------------------------------------------------------
    Row("transport-plan-column", T, "War on Ordinary Drivers", 1, "loaded_language"),
    Row("transport-plan-column", T, "either we stop this scheme now, or we say goodbye to the Harborview we grew up in", 1, "black_and_white"),
    Row("transport-plan-column", T, "the city has spoken", 1, "exaggeration", "41 against 47 percent is a split, not a verdict"),
    Row("transport-plan-column", T, "every one of us can cycle to work with a week’s shopping and a fridge strapped to our backs", 1, "whataboutism", "straw man: nobody proposed this"),
    Row("transport-plan-column", T, "I doubt she has ever waited for a bus on Mill Road in February", 1, "doubt"),
    Row("transport-plan-column", T, "cycling zealots", 1, "name_calling"),
    Row("transport-plan-column", T, "so what else would it say?", 1, "doubt", "attacks who paid, not the model"),
    Row("transport-plan-column", T, "Ambulances will sit trapped behind half-empty buses", 1, "appeal_to_fear"),
    Row("transport-plan-column", T, "Small shops on Quay Street will lose the passing trade they depend on", 1, "appeal_to_fear"),
    Row("transport-plan-column", T, "a ghost town", 1, "exaggeration"),
    Row("transport-plan-column", T, "it killed the Bayside Cinema", 1, "causal_oversimplification"),
    Row("transport-plan-column", T, "Nobody at City Hall likes to talk about that", 1, "doubt", "borderline"),
    Row("transport-plan-column", T, "has one cause", 1, "causal_oversimplification"),
    Row("transport-plan-column", T, "Fill in the potholes and the buses will move again", 1, "causal_oversimplification"),
    Row("transport-plan-column", T, "spare me the lectures", 1, "loaded_language"),
    Row("transport-plan-column", T, "Where was this council’s concern for our lungs", 1, "whataboutism"),
    Row("transport-plan-column", T, "how long before it is $20, and every street in the city is a toll road?", 1, "appeal_to_fear", "slippery slope"),
    Row("transport-plan-column", T, "cash grab", 1, "loaded_language"),
    Row("transport-plan-column", T, "Harborview was built by dockworkers and delivery drivers", 1, "flag_waving"),
    Row("transport-plan-column", T, "Real Harborview families", 1, "flag_waving"),
    Row("transport-plan-column", T, "a planner with a clipboard", 1, "name_calling"),
    Row("transport-plan-column", T, "You can’t put a price on that kind of freedom", 1, "thought_terminating_cliche"),
    Row("transport-plan-column", T, "not rocket science. It is common sense", 1, "thought_terminating_cliche"),
    Row("transport-plan-column", T, "a living city, or a museum with bus lanes", 1, "black_and_white"),
    Row("transport-plan-column", P, "Harborview’s Transport Plan Is a War on Ordinary Drivers", 1, "loaded_language"),
    Row("transport-plan-column", P, "I have lived in this city for thirty-one years", 1, "flag_waving", "maybe fair background, but it leans on belonging"),
    Row("transport-plan-column", P, "either we stop this scheme now, or we say goodbye to the Harborview we grew up in", 1, "black_and_white"),
    Row("transport-plan-column", P, "In other words, the city has spoken, and City Hall has stopped listening.", 1, "exaggeration"),
    Row("transport-plan-column", P, "The plan’s fans seem to think every one of us can cycle to work with a week’s shopping and a fridge strapped to our backs", 1, "exaggeration", "nobody said that"),
    Row("transport-plan-column", P, "Ms Osei cycles to the town hall herself; I doubt she has ever waited for a bus on Mill Road in February", 1, "doubt"),
    Row("transport-plan-column", P, "A handful of cycling zealots on the council", 1, "name_calling"),
    Row("transport-plan-column", P, "the council paid the consultants who built it, so what else would it say?", 1, "doubt"),
    Row("transport-plan-column", P, "Ambulances will sit trapped behind half-empty buses.", 1, "appeal_to_fear"),
    Row("transport-plan-column", P, "by next Christmas the old town will be a ghost town", 1, "appeal_to_fear"),
    Row("transport-plan-column", P, "When the council narrowed Harbour Parade in 2019, it killed the Bayside Cinema within two years", 1, "causal_oversimplification"),
    Row("transport-plan-column", P, "congestion in this city has one cause, and it is the council’s own endless roadworks", 1, "causal_oversimplification"),
    Row("transport-plan-column", P, "Where was this council’s concern for our lungs when it approved the new cruise terminal", 1, "whataboutism"),
    Row("transport-plan-column", P, "how long before it is $20, and every street in the city is a toll road?", 1, "appeal_to_fear"),
    Row("transport-plan-column", P, "This is a cash grab, dressed up as a climate policy.", 1, "loaded_language"),
    Row("transport-plan-column", P, "Harborview was built by dockworkers and delivery drivers", 1, "flag_waving"),
    Row("transport-plan-column", P, "Real Harborview families do not need a planner with a clipboard", 1, "flag_waving"),
    Row("transport-plan-column", P, "You can’t put a price on that kind of freedom.", 1, "thought_terminating_cliche"),
    Row("transport-plan-column", P, "Keeping a city moving is not rocket science. It is common sense.", 1, "thought_terminating_cliche"),
    Row("transport-plan-column", P, "The choice on 14 April is simple: a living city, or a museum with bus lanes.", 1, "black_and_white"),
    # --- viral-claim-thread ----------------------------------------------------------------------
    Row("viral-claim-thread", T, "Everyone on the east side has noticed", 1, "bandwagon"),
    Row("viral-claim-thread", T, "A friend who works at the treatment plant says", 1, "vague_attribution", "no way to check the friend"),
    Row("viral-claim-thread", T, "staff were told to keep quiet", 1, "missing_evidence", "borderline: a secret nobody can check"),
    Row("viral-claim-thread", T, "#AskWhatsInTheTap", 1, "slogans", "a hashtag that sounds like a question"),
    Row("viral-claim-thread", T, "They’re the ones who did it", 1, "speculation_as_fact"),
    Row("viral-claim-thread", T, "Why would a company that earns money every time you turn on a tap tell you the truth?", 1, "doubt"),
    Row("viral-claim-thread", T, "Funny how this happens the same month", 1, "causal_oversimplification", "same month does not mean connected"),
    Row("viral-claim-thread", T, "so the developers wouldn’t have to pay for a new pipeline", 1, "unsupported_motive"),
    Row("viral-claim-thread", T, "Do the maths", 1, "thought_terminating_cliche"),
    Row("viral-claim-thread", T, "I’m not saying it’s the water, but I’m not saying it isn’t", 1, "causal_oversimplification", "hints the rash is from the water while denying it"),
    Row("viral-claim-thread", T, "before it gets taken down", 1, "presupposition", "assumes someone is censoring it"),
    Row("viral-claim-thread", T, "#AskWhatsInTheTap", 2, "repetition"),
    Row("viral-claim-thread", T, "They switched the water. They switched the water", 1, "repetition"),
    Row("viral-claim-thread", T, "they didn’t tell you", 1, "speculation_as_fact", "half true: a notice was posted on 28 April"),
    Row("viral-claim-thread", T, "Remember that next time anyone asks you to trust them", 1, "doubt"),
    Row("viral-claim-thread", T, "Nobody in this town said a word when the leisure centre pool went green", 1, "whataboutism"),
    Row("viral-claim-thread", T, "A notice nobody saw, on a website nobody reads", 1, "exaggeration"),
    Row("viral-claim-thread", T, "Convenient", 1, "doubt"),
    Row("viral-claim-thread", T, "will always cover for the people who buy its adverts", 1, "unsupported_motive"),
    Row("viral-claim-thread", T, "Wake up, Millbrook", 1, "slogans"),
    Row("viral-claim-thread", T, "#AskWhatsInTheTap", 3, "repetition"),
    Row("viral-claim-thread", T, "3,000 shares", 1, "unsourced_figure"),
    Row("viral-claim-thread", T, "That many people don’t share something for no reason", 1, "bandwagon"),
    Row("viral-claim-thread", T, "Apparently", 1, "vague_attribution", "apparently according to whom?"),
    Row("viral-claim-thread", T, "They would say that, wouldn’t they?", 1, "doubt"),
    Row("viral-claim-thread", T, "internal emails from the plant, posting them tonight", 1, "missing_evidence", "promised, not shown"),
    Row("viral-claim-thread", T, "Do your own research", 1, "thought_terminating_cliche"),
    Row("viral-claim-thread", T, "#AskWhatsInTheTap", 4, "repetition", "fourth time"),
    Row("viral-claim-thread", P, "secretly switched", 1, "presupposition", "the thread's title already assumes a secret"),
    Row("viral-claim-thread", P, "Everyone on the east side has noticed.", 1, "exaggeration"),
    Row("viral-claim-thread", P, "A friend who works at the treatment plant says they’ve switched us to treated river water", 1, "vague_attribution"),
    Row("viral-claim-thread", P, "#AskWhatsInTheTap", 1, "slogans"),
    Row("viral-claim-thread", P, "They’re the ones who did it.", 1, "speculation_as_fact"),
    Row("viral-claim-thread", P, "Why would a company that earns money every time you turn on a tap tell you the truth?", 1, "doubt"),
    Row("viral-claim-thread", P, "Funny how this happens the same month the council signs off on the Pell Farm estate.", 1, "causal_oversimplification"),
    Row("viral-claim-thread", P, "They did it quietly so the developers wouldn’t have to pay for a new pipeline.", 1, "unsupported_motive"),
    Row("viral-claim-thread", P, "Do the maths.", 1, "thought_terminating_cliche"),
    Row("viral-claim-thread", P, "My little one has had a rash since Tuesday. I’m not saying it’s the water, but I’m not saying it isn’t.", 1, "appeal_to_fear"),
    Row("viral-claim-thread", P, "Share this before it gets taken down!!", 1, "appeal_to_fear", "pressure to share now"),
    Row("viral-claim-thread", P, "They switched the water. They switched the water and they didn’t tell you.", 1, "repetition"),
    Row("viral-claim-thread", P, "Remember that next time anyone asks you to trust them.", 1, "doubt"),
    Row("viral-claim-thread", P, "Bit late to start caring about water quality, isn’t it? Nobody in this town said a word when the leisure centre pool went green for a month last summer.", 1, "whataboutism"),
    Row("viral-claim-thread", P, "A notice nobody saw, on a website nobody reads. Convenient.", 1, "doubt"),
    Row("viral-claim-thread", P, "The local paper will always cover for the people who buy its adverts.", 1, "doubt"),
    Row("viral-claim-thread", P, "Wake up, Millbrook.", 1, "slogans"),
    Row("viral-claim-thread", P, "3,000 shares since breakfast. That many people don’t share something for no reason.", 1, "bandwagon"),
    Row("viral-claim-thread", P, "Apparently the same thing happened in Dunmore last year and they only admitted it months later.", 1, "vague_attribution"),
    Row("viral-claim-thread", P, "Of course they say it’s safe. They would say that, wouldn’t they?", 1, "doubt"),
    Row("viral-claim-thread", P, "Someone has sent me internal emails from the plant, posting them tonight.", 1, "missing_evidence"),
    Row("viral-claim-thread", P, "Do your own research.", 1, "thought_terminating_cliche"),
    # --- library-hours-report (a control text: few slips) -------------------------------------
    Row("library-hours-report", T, "Roughly one in three library users", 1, "unsourced_figure", "every other number here has a source; this one has none"),
    Row("library-hours-report", T, "quietly", 1, "loaded_language", "suggests hiding, yet the motion was published a week before"),
    Row("library-hours-report", T, "are said to be", 1, "vague_attribution", "said by whom?"),
    Row("library-hours-report", T, "certain to be popular", 1, "speculation_as_fact", "the council's own figure is a forecast"),
    Row("library-hours-report", T, "“look again”", 1, "scare_quotes", "borderline: probably just quoting her exactly"),
    Row("library-hours-report", P, "Saturday is the only free day many parents have", 1, "vague_attribution", "in a quote, but 'many parents' is vague"),
    Row("library-hours-report", P, "Some staff are said to be unhappy about working Sundays.", 1, "vague_attribution"),
    Row("library-hours-report", P, "The shorter Monday hours were quietly included in the same motion.", 1, "unsupported_motive", "implies they wanted to hide it"),
    Row("library-hours-report", P, "Sunday opening is certain to be popular with young families.", 1, "speculation_as_fact"),
    # --- water-lease-column ----------------------------------------------------------------------
    Row("water-lease-column", T, "Corporate Vultures", 1, "name_calling"),
    Row("water-lease-column", T, "fire sale", 1, "loaded_language"),
    Row("water-lease-column", T, "The sky is the limit", 1, "exaggeration", "after year ten the regulator must approve increases"),
    Row("water-lease-column", T, "Experts agree", 1, "vague_attribution", "which experts?"),
    Row("water-lease-column", T, "bills double within a decade", 1, "unsourced_figure"),
    Row("water-lease-column", T, "every extra dollar", 1, "exaggeration"),
    Row("water-lease-column", T, "who have never set foot in Kelbridge", 1, "flag_waving", "borderline: us against outsiders"),
    Row("water-lease-column", T, "he is paying back his friends in the boardroom", 1, "unsupported_motive", "donations are a fact, the motive is not"),
    Row("water-lease-column", T, "brown water running into your child’s glass", 1, "appeal_to_fear"),
    Row("water-lease-column", T, "Pensioners will be left choosing between their water bill and their groceries", 1, "appeal_to_fear"),
    Row("water-lease-column", T, "That is what privatisation does to a town", 1, "causal_oversimplification", "one town, one incident"),
    Row("water-lease-column", T, "so what did anyone expect them to say?", 1, "doubt"),
    Row("water-lease-column", T, "will fix our pipes out of the goodness of its heart", 1, "whataboutism", "straw man: nobody claims that"),
    Row("water-lease-column", T, "where was all this worry about the city’s finances", 1, "whataboutism"),
    Row("water-lease-column", T, "Our grandparents dug the Kelbridge reservoirs with public money and their own hands", 1, "flag_waving"),
    Row("water-lease-column", T, "No true Kelbridge family", 1, "flag_waving"),
    Row("water-lease-column", T, "Water is life, and that is the end of the argument", 1, "thought_terminating_cliche"),
    Row("water-lease-column", T, "either water stays a public service, or it becomes a luxury for those who can pay", 1, "black_and_white"),
    Row("water-lease-column", P, "Not for Sale to Corporate Vultures", 1, "name_calling"),
    Row("water-lease-column", P, "this is a fire sale of the one thing no family in this city can live without", 1, "loaded_language"),
    Row("water-lease-column", P, "Experts agree that bills double within a decade of any private takeover", 1, "vague_attribution"),
    Row("water-lease-column", P, "every extra dollar will flow to shareholders who have never set foot in Kelbridge", 1, "loaded_language"),
    Row("water-lease-column", P, "Clearly he is paying back his friends in the boardroom with our water.", 1, "unsupported_motive"),
    Row("water-lease-column", P, "Make no mistake about what this means for ordinary people.", 1, "appeal_to_fear", "sets up the scary picture"),
    Row("water-lease-column", P, "Picture brown water running into your child’s glass while a call centre in another state keeps you on hold for an hour.", 1, "appeal_to_fear"),
    Row("water-lease-column", P, "Pensioners will be left choosing between their water bill and their groceries.", 1, "appeal_to_fear"),
    Row("water-lease-column", P, "That is what privatisation does to a town.", 1, "causal_oversimplification"),
    Row("water-lease-column", P, "have spent decades advising water companies, so what did anyone expect them to say?", 1, "doubt"),
    Row("water-lease-column", P, "The deal’s supporters seem to believe that a company answerable only to its shareholders will fix our pipes out of the goodness of its heart.", 1, "whataboutism"),
    Row("water-lease-column", P, "where was all this worry about the city’s finances when the council handed the Riverside Mall developers a tax break two years ago?", 1, "whataboutism"),
    Row("water-lease-column", P, "Our grandparents dug the Kelbridge reservoirs with public money and their own hands.", 1, "flag_waving"),
    Row("water-lease-column", P, "No true Kelbridge family would sell them off to pay a bill.", 1, "flag_waving"),
    Row("water-lease-column", P, "Water is life, and that is the end of the argument.", 1, "thought_terminating_cliche"),
    Row("water-lease-column", P, "The choice on 9 June is simple: either water stays a public service, or it becomes a luxury for those who can pay.", 1, "black_and_white"),
]
# fmt: on


def locate(text: str, quote: str, occurrence: int) -> int:
    """Start of the `occurrence`-th (from 1) appearance of `quote`; overlapping hits count."""
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            raise ValueError(f"{quote!r}: occurrence {occurrence} not in the article")
    return start


def build(lesson: Lesson, reader: str, rows: list[Row]) -> Submission:
    """The submission a reader would have saved: marks in reading order, ids m1, m2, ..."""
    spans: list[tuple[int, Row]] = []
    for row in rows:
        if row.category not in lesson.palette:
            raise ValueError(f"{lesson.id}: {row.category!r} is not in the lesson's palette")
        spans.append((locate(lesson.article.text, row.quote, row.occurrence), row))
    spans.sort(key=lambda pair: pair[0])
    marks = tuple(
        Mark(
            id=f"m{number}",
            start=start,
            end=start + len(row.quote),
            category=row.category,
            note=row.note,
        ).with_context(lesson.article.text)
        for number, (start, row) in enumerate(spans, start=1)
    )
    return Submission(
        marks=marks,
        lesson=lesson.id,
        article_sha256=lesson.article.sha256,
        student=Student(READERS[reader]),
        created=TIMESTAMP,
        modified=TIMESTAMP,
        app_version=__version__,
        attempts=1,
    )


def main() -> int:
    """Write reader-<persona>.json for every (lesson, reader) pair in ROWS."""
    pairs = sorted({(row.lesson, row.reader) for row in ROWS})
    for lesson_id, reader in pairs:
        lesson = load_lesson(LESSONS / lesson_id, with_key=False)
        rows = [row for row in ROWS if row.lesson == lesson_id and row.reader == reader]
        submission = build(lesson, reader, rows)
        target = HERE / lesson_id / f"reader-{reader}.json"
        target.parent.mkdir(exist_ok=True)
        target.write_text(dumps(submission_to_dict(submission)), encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {len(submission.marks)} marks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
