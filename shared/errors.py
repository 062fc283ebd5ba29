"""One exception type for problems the user can fix (bad input, a model not available offline).

model.py code raises UserError with a message that says what is wrong and how to fix it;
the UI layer (shared/ui.py) turns it into a gr.Error, so the person sees the message and never
a traceback, and the worker keeps serving.
"""


class UserError(ValueError):
    """A problem with the request, explained in plain words for the person who made it."""


def quoted(text, limit: int = 40) -> str:
    """`text` as it appears inside a message: repr-quoted (control characters escaped) and cut
    to `limit` characters, so a 10,000-character value never makes a 10,000-character message."""
    text = str(text)
    return repr(text if len(text) <= limit else text[:limit] + "...")


def one_line(text, limit: int = 200) -> str:
    """Any text (an exception from a library, say) as one line of at most `limit` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."
