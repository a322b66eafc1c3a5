"""Errors that end a dossier's review with a one-line reason, and the exit codes they map to.

Exit codes, like OCRmyPDF's, mean something:
  0  every dossier was reviewed (defects found or not)
  2  bad command-line arguments
  3  at least one input was unusable (the others were still processed)
  4  the evaluation standard file is invalid
  5  a required program is missing (tesseract, its chi_sim data)
  6  the output folder cannot take the results (read-only, full, or in use by another batch);
     results already finished are kept
  130 interrupted (Ctrl-C); results already finished are kept
  143 terminated (SIGTERM, e.g. ``kill`` or a scheduler's stop); results already finished are kept
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_STANDARD = 4
EXIT_MISSING_DEPENDENCY = 5
EXIT_OUTPUT = 6
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process the signal ended


class DossierReviewError(Exception):
    exit_code = 1

    def one_line(self) -> str:
        return str(self).replace("\n", " ")


class InputError(DossierReviewError):
    """An input file or folder cannot be read as a dossier."""

    exit_code = EXIT_INPUT

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StandardFileError(DossierReviewError):
    """An evaluation standard (YAML) is malformed or names an unknown check."""

    exit_code = EXIT_STANDARD

    def __init__(self, path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")




class MissingDependencyError(DossierReviewError):
    exit_code = EXIT_MISSING_DEPENDENCY


class OutputError(DossierReviewError):
    """The output folder cannot take the results: read-only, full, not a folder, or locked."""

    exit_code = EXIT_OUTPUT

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class Terminated(KeyboardInterrupt):
    """SIGTERM turned into an exception in the main thread, so that it cleans up as Ctrl-C does."""
