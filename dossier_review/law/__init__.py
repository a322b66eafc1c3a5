"""law: the statute database (a leaf: it imports no stage).

A versioned database of laws, administrative regulations and departmental rules built from
their published text (``scripts/build_lawdb.py``) and shipped in the package, plus a user's own
imported texts; and the reading of a penalty provision's text (kinds, amount range, the
department that enforces it).
"""
from .db import UNKNOWN, Version
from .store import (
           SHIPPED,
           LawStore,
           Provision,
           Resolution,
           default_store,
           import_file,
           norm_name,
           user_path,
)

__all__ = ["UNKNOWN", "Version", "SHIPPED", "LawStore", "Provision", "Resolution", "default_store",
           "import_file", "norm_name", "user_path"]
