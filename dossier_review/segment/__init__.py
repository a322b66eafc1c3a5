"""Segmentation: a dossier's pages → typed documents (文书) with page spans.

``segment(dossier)`` is the stage's entry point; the title/content vocabulary it uses is data
(``vocabulary.yaml``) loaded by :class:`Vocabulary`.
"""
from .segmenter import segment
from .vocabulary import TitleMatch, Vocabulary, default_vocabulary

__all__ = ["segment", "Vocabulary", "TitleMatch", "default_vocabulary"]
