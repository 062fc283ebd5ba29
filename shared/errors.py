"""One exception type for problems the user can fix (bad input, a model not available offline).

model.py code raises UserError with a message that says what is wrong and how to fix it;
the UI layer (shared/ui.py) turns it into a gr.Error, so the person sees the message and never
a traceback, and the worker keeps serving.
"""


class UserError(ValueError):
    """A problem with the request, explained in plain words for the person who made it."""
