"""Leaf helpers shared by the stages and the generator (text canonicalisation, OCR character
confidence, identifier check digits, citation text, precision/recall, the OCR-confusion table,
masking of what is published, writable text, the output folder, signals …).

Nothing here imports a stage: every stage may import ``lib``, as it imports ``model``.
"""
