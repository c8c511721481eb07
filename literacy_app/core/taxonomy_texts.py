"""The default taxonomy's texts for the translation catalogue.

gettext's extractor cannot read `default_taxonomy.json`, so every name, definition and example
it holds is listed here as `N_(...)`; `Category.display_name` and its siblings translate them
when shown. tests/core/test_taxonomy_texts.py keeps this list and the JSON in step.
"""

from __future__ import annotations

from literacy_app.i18n import N_

#: The two groups' names (`Group.display_label`).
GROUPS: tuple[str, ...] = (
    N_("Framing devices"),
    N_("Unsupported claims"),
)

#: Every category's name, definition and example, in the JSON's order.
CATEGORIES: tuple[str, ...] = (
    # loaded_language
    N_("Loaded language"),
    N_("Words chosen for their emotional charge rather than for what they literally say."),
    N_("a crushing blow; a reckless scheme"),
    # name_calling
    N_("Name-calling / labeling"),
    N_(
        "Attaching a label to a person or group so the reader judges them by the label, "
        "not by what they did."
    ),
    N_("terrorist proxies; Western patrons"),
    # scare_quotes
    N_('Scare quotes / "so-called"'),
    N_(
        'Quotation marks or "so-called" used to signal that a name or claim should not be'
        " taken seriously, without saying why."
    ),
    N_('the so-called "experts"'),
    # exaggeration
    N_("Exaggeration / minimisation"),
    N_("Making something seem much bigger, or much smaller, than the evidence supports."),
    N_("the greatest disaster in history; a mere scratch"),
    # appeal_to_fear
    N_("Appeal to fear / prejudice"),
    N_(
        "Building support or opposition by stirring fear, anxiety or prejudice instead of"
        " giving reasons."
    ),
    N_("if we do nothing, our children will pay"),
    # flag_waving
    N_("Flag-waving"),
    N_("Appealing to patriotism or group identity to justify a position."),
    N_("every true patriot knows"),
    # doubt
    N_("Casting doubt"),
    N_(
        "Questioning someone's credibility or motives to discredit their position rather "
        "than engaging with it."
    ),
    N_("can we really trust a man who..."),
    # repetition
    N_("Repetition"),
    N_("Repeating the same message or phrase so that it sticks and starts to feel true."),
    N_("the same slogan in the lead and the last line"),
    # slogans
    N_("Slogan"),
    N_("A short, punchy phrase that stands in for an argument."),
    N_("Take back control"),
    # black_and_white
    N_("Black-and-white fallacy"),
    N_("Presenting two options as the only possibilities when more exist."),
    N_("you are either with us or against us"),
    # thought_terminating_cliche
    N_("Thought-terminating cliché"),
    N_("A stock phrase that discourages further thought about the question."),
    N_("it is what it is"),
    # whataboutism
    N_("Whataboutism / straw man / red herring"),
    N_(
        "Deflecting from the point by pointing at something else, misrepresenting the "
        "other side, or changing the subject."
    ),
    N_("but what about the other side's crimes?"),
    # bandwagon
    N_("Bandwagon / reductio ad Hitlerum"),
    N_(
        "Urging agreement because everyone agrees, or rejecting an idea because a hated "
        "group holds it."
    ),
    N_("everyone already knows; that's what the Nazis said"),
    # euphemism
    N_("Euphemism"),
    N_("A mild or technical phrase that hides or softens something the reader might object to."),
    N_("collateral damage; special operation"),
    # presupposition
    N_("Presupposition"),
    N_(
        "A contested claim slipped in as if it were settled background fact, so the "
        "reader never gets to weigh it."
    ),
    N_("after the failed policy, the mayor..."),
    # vague_attribution
    N_("Vague attribution"),
    N_("A claim credited to unnamed sources the reader cannot check."),
    N_("reports suggest; experts say; it is believed"),
    # unsourced_figure
    N_("Unsourced figure"),
    N_("A number or statistic given without saying where it comes from or how it was measured."),
    N_("$165 billion; 9 out of 10 residents"),
    # speculation_as_fact
    N_("Speculation stated as fact"),
    N_("A guess, prediction or opinion presented with the certainty of an established fact."),
    N_("this will certainly fail"),
    # unsupported_motive
    N_("Unsupported motive"),
    N_("Asserting why someone acted, their intent or goal, without evidence for it."),
    N_("they did it purely to distract"),
    # missing_evidence
    N_("Missing evidence"),
    N_("Evidence promised, referred to or implied, but not actually given to the reader."),
    N_("as the following studies show: (none listed)"),
    # appeal_to_authority
    N_("Appeal to authority"),
    N_(
        "Treating a claim as true because an authority said it, not because of the "
        "evidence behind it."
    ),
    N_("the ministry confirmed, so it is true"),
    # causal_oversimplification
    N_("Leap in logic / oversimplified cause"),
    N_(
        "A conclusion that does not follow from what came before, or a single cause given"
        " for a complex event."
    ),
    N_("A happened, therefore B must be behind it"),
)
