"""Leaf helpers shared by several stages and the batch.

Modules here import only the standard library (and well-kept third-party libraries): never a
stage, never ``pipeline``. Any stage may import them.
"""
