"""The one exception the CLI turns into a one-line error and a non-zero exit."""


class ProposalsError(Exception):
    """A user-facing failure: bad input, a refused operation, a repo in the wrong state.

    The message is a single line that says what is wrong and, where possible, what to do.
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split("\n")))
