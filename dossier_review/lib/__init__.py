"""Leaf helpers shared by the stages, the batch and the generator (text canonicalisation, OCR
character confidence, identifier check digits, citation text, precision/recall, the OCR-confusion
table, masking of what is published, writable text, the output folder, signals …).

Modules here import only the standard library (and well-kept third-party libraries): never a
stage, never ``pipeline``. Any stage may import them, as it imports ``model``.
"""
