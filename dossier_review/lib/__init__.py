"""Leaf helpers shared by several stages and the batch (text canonicalisation, OCR character
confidence, privacy, output folders, …).

Modules here import only the standard library (and well-kept third-party libraries): never a
stage, never ``pipeline``. Any stage may import them, as it imports ``model``.
"""
