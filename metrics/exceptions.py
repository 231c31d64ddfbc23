"""One exception hierarchy: the command line catches AbastoError, prints it, exits 1."""


class AbastoError(Exception):
    """An error a user can act on; its message is shown as is, never a traceback."""


class DatabaseError(AbastoError):
    """The database file is missing, corrupt, foreign, locked or from a newer version."""


class ImportRejected(AbastoError):
    """An import batch failed validation; nothing was written.

    `problems` is a pandas DataFrame with columns file, row, column, value, problem, severity.
    """

    def __init__(self, message, problems):
        super().__init__(message)
        self.problems = problems


class NothingToImport(AbastoError):
    """An import batch whose files hold no rows (only headers); nothing was written.

    `problems` is the batch's problem frame (its `no_rows` warnings name the files)."""

    def __init__(self, message, problems):
        super().__init__(message)
        self.problems = problems


class InvalidFilter(AbastoError):
    """A filter or option value that cannot be used (bad date, unknown grouping...)."""


class NotFound(AbastoError):
    """A supplier, item or contract id that is not in the database."""
