"""The suggestion rules' explanations for the translation catalogue.

gettext's extractor cannot read `suggest_rules.json`, so every rule's `explanation` (what the
instructor reads beside a suggestion: why the rule fired) is listed here as `N_(...)`, once
each, in the JSON's order; `gui/suggestions_panel.explanation_text` translates them when
shown. The rules stay English in the JSON (a rule file is data, shared and compared as it is).
tests/core/test_suggest_rule_texts.py keeps this list and the JSON in step.
"""

from __future__ import annotations

from literacy_app.i18n import N_

#: Every distinct explanation of the rules, in the JSON's order.
EXPLANATIONS: tuple[str, ...] = (
    N_(
        "Credits a claim to unnamed people ('experts say', 'critics claim', 'many believe'). The "
        "reader cannot check who they are or what exactly they said. Keep it if the article "
        "never names them."
    ),
    N_(
        "Reports what an unnamed group thinks as a whole ('experts are divided', 'critics have "
        "been unanimous'): who, and how many of them, is never said."
    ),
    N_(
        "A single unnamed person as the source ('one academic told the authors', 'said one, who "
        "did not give her name'): the reader cannot judge who they are or how they would know."
    ),
    N_(
        "A passive 'it is believed / it is said / it is reported' hides who believes, says or "
        "reports it."
    ),
    N_("Refers to 'reports' without saying whose reports, so the claim cannot be traced."),
    N_("'Reportedly', 'rumour has it', 'we are told': the claim is passed on without a source."),
    N_("'According to sources / reports / experts' names no one the reader could check."),
    N_("An unnamed or 'close to' source: the reader cannot judge how they would know."),
    N_(
        "'Studies show' or 'research proves' without naming the study: the reader cannot look it "
        "up or see what it measured."
    ),
    N_("'So-called' tells the reader not to take the name seriously, without saying why."),
    N_(
        "A short phrase in quotation marks that nobody is quoted as saying: the quotes "
        "themselves suggest the word is false or ridiculous ('the “experts”')."
    ),
    N_(
        "An absolute word ('always', 'never', 'everyone', 'nobody') claims there are no "
        "exceptions. Does the evidence really cover every case?"
    ),
    N_(
        "An intensifier ('completely', 'totally', 'utterly'), proposed with the word it "
        "intensifies: it turns up the volume without adding evidence."
    ),
    N_(
        "An idiom of excess ('through the roof', 'beyond repair'): a vivid image in place of a "
        "measurement."
    ),
    N_(
        "An adjective of extreme size or novelty ('unprecedented', 'staggering', 'endless'), "
        "proposed with the word it qualifies. Ask what the actual size or trend is."
    ),
    N_(
        "A word of extreme size or drama ('crisis', 'catastrophe', 'skyrocketed'). Ask what the "
        "actual size or trend is."
    ),
    N_(
        "A sweeping superlative ('the worst ... in history', 'the greatest ever') that would "
        "need a comparison with every other case to be true."
    ),
    N_(
        "'The worst' / 'the greatest' ranks something above or below everything else; check "
        "whether any comparison is given."
    ),
    N_(
        "Minimising language ('a mere', 'a few bad apples', 'a drop in the bucket') makes "
        "something look smaller than the evidence may show."
    ),
    N_("A percentage with no source in the same sentence: who measured it, and how?"),
    N_("An amount of money with no source in the same sentence: where does the figure come from?"),
    N_("A large count ('2 million people', '3,000 jobs') with no source in the same sentence."),
    N_(
        "A ratio ('9 out of 10', 'one in five') with no source: out of which group, counted by "
        "whom?"
    ),
    N_(
        "A share of a group in words ('half of students', 'a third of voters', 'most of them') "
        "with no source in the same sentence: who counted, and among whom?"
    ),
    N_(
        "A claim that something doubled, tripled or halved, with no source in the same sentence: "
        "from what, to what, and measured by whom?"
    ),
    N_("A comparison by a factor ('three times more likely') with no source for either number."),
    N_("'Millions of', 'thousands of': a big number implied but never counted or sourced."),
    N_(
        "An emotionally charged adjective ('reckless', 'shocking', 'draconian'), proposed with "
        "the word it qualifies: it tells the reader how to feel about it rather than what "
        "happened. Could a neutral word say the same thing?"
    ),
    N_(
        "An emotionally charged noun or verb ('scheme', 'propaganda', 'slashed', 'witch hunt'): "
        "it tells the reader how to feel rather than what happened. Could a neutral word say the "
        "same thing?"
    ),
    N_(
        "A war metaphor for a policy or a debate ('a war on drivers', 'an assault on our "
        "values'), proposed with its target: it casts one side as an attacker."
    ),
    N_(
        "A coined compound that passes judgement as it describes ('planet-cooking', "
        "'soul-crushing', 'budget-busting'), proposed with the word it qualifies. What would a "
        "neutral description say?"
    ),
    N_(
        "A vivid verb for an ordinary act ('belched', 'spewed', 'gutted', 'bulldozed'): the "
        "picture carries a judgement the facts may not."
    ),
    N_(
        "A stock metaphor of doom or scandal ('death spiral', 'house of cards', 'gravy train'): "
        "an image in place of an argument. What is actually happening, and how do we know?"
    ),
    N_(
        "A derogatory label for a person or group ('thugs', 'cronies', 'elites'): the reader is "
        "invited to judge them by the label, not by what they did."
    ),
    N_(
        "An epithet attached to a group or official ('radical activists', 'unelected "
        "bureaucrats', 'puppet government'): a judgement presented as a description."
    ),
    N_(
        "A connective that announces a conclusion ('therefore', 'as a result', 'that is why'). "
        "Check that what comes before really leads to what comes after."
    ),
    N_(
        "'Which proves', 'clearly shows', 'proof that': a single fact is treated as proof of a "
        "larger conclusion."
    ),
    N_(
        "'Obviously', 'inevitably', 'needless to say': the step in the argument is declared "
        "obvious instead of being shown."
    ),
    N_(
        "One cause or culprit named for an outcome that usually has many ('the only reason', "
        "'solely to blame', 'no coincidence')."
    ),
    N_(
        "A prediction or opinion stated with certainty ('will certainly', 'is bound to', 'there "
        "is no doubt'). Is there evidence, or is it a guess?"
    ),
    N_(
        "A sweeping prediction ('will destroy', 'will collapse') stated as fact, with no hedge "
        "('may', 'could', 'expected') and no one it is attributed to."
    ),
    N_(
        "States the purpose behind someone's action ('in order to', 'purely to', 'with the "
        "intent of'). Does the article show evidence of that intent?"
    ),
    N_(
        "Claims to know what someone 'only wants' or is 'just trying' to do: mind-reading "
        "presented as fact."
    ),
    N_("Asserts a 'real', 'hidden' or 'secret' motive without showing how the writer knows it."),
    N_(
        "Attributes a selfish or cynical motive ('to line their pockets', 'a ploy to', 'to "
        "distract from') without evidence."
    ),
    N_(
        "Claims to know what others want the reader to think ('they want us to believe', 'is "
        "counting on us not reading'): it paints them as manipulators without showing it."
    ),
    N_(
        "'Everyone who cares about X', 'anyone who loves Y': agreeing is made a test of "
        "belonging, not of reasons."
    ),
    N_(
        "'Deliberately', 'on purpose', 'designed to mislead': asserts intent, which is hard to "
        "know from outside."
    ),
    N_("Announces evidence ('as the following figures show') that is not actually given after it."),
    N_(
        "Claims something is 'proven', 'clinically tested' or 'a known fact' without giving the "
        "proof or saying where it is."
    ),
    N_(
        "Says the evidence is 'clear', 'overwhelming' or 'speaks for itself' instead of showing it."
    ),
    N_(
        "'Everyone knows', 'all sensible people agree': support is claimed from the crowd "
        "instead of from reasons."
    ),
    N_("Urges the reader to follow the crowd ('join the millions', 'don't get left behind')."),
    N_(
        "Raises a threat ('before it's too late', 'our children will pay') to push the reader "
        "rather than giving reasons."
    ),
    N_(
        "Appeals to patriotism or group identity ('true patriots', 'un-American') in place of an "
        "argument."
    ),
    N_("Offers only two options, or only one ('there is no alternative'), when others may exist."),
    N_(
        "A stock phrase that ends the discussion ('it is what it is', 'end of story', 'common "
        "sense')."
    ),
    N_(
        "Questions someone's credibility ('self-proclaimed expert', 'can we really trust') "
        "instead of engaging with what they said."
    ),
    N_("Leans on endorsement by doctors, experts or a famous name rather than on the evidence."),
    N_(
        "Stresses an authority's prestige ('world-renowned', 'award-winning') as if it settled "
        "the question."
    ),
    N_(
        "A stock euphemism: a mild or technical phrase for something harsher ('collateral "
        "damage', 'downsizing', 'mistakes were made'). What does it actually refer to?"
    ),
)
