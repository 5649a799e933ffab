"""The one error shape of the rules engine."""


class RuleInputError(ValueError):
    """Input the law cannot be applied to; the message is Chinese and names what is wrong.

    Raised instead of returning a silently wrong answer: an unknown regime or leave code,
    an end before its start, an absurd duration, a date outside every rule version.
    """
