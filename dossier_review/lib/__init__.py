"""Leaf helpers shared by the stages (text canonicalisation, OCR character confidence, …).

Nothing here imports a stage: every stage may import ``lib``, as it imports ``model``.
"""
