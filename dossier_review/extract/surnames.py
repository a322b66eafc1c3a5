"""Chinese family names (百家姓 and the most frequent modern ones), used to tell person names
apart in officer and signature fields.  The names are data: ``surnames`` and
``compound_surnames`` in vocabulary.yaml."""

from .vocab import words

SURNAMES = frozenset("".join(words("surnames")))
COMPOUND_SURNAMES = frozenset(words("compound_surnames"))
