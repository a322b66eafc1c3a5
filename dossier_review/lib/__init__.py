"""lib: leaf helpers every stage (and the sample generator) may import.

Nothing here imports a stage; each module is small and stands alone (identifier check digits,
citation text, precision/recall, …).
"""
