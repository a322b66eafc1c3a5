"""Batch review, case registers and sampling.

- ``run_batch(inputs, out_dir, ...) -> BatchResult``: review many dossiers, resumably, into
  per-dossier reports, the SQLite store and summary.xlsx / summary.html / bulletin.docx.
- ``sample_register(register_path, n, seed, by=None, out_dir=None) -> DataFrame``: a
  reproducible (stratified) random sample of a case register.
"""
from .inputs import DossierInput, collect_inputs, file_hash
from .outputs import write_batch_outputs
from .register import RegisterError, allocate, read_register, sample_register, write_sample
from .runner import BatchResult, run_batch

__all__ = ["run_batch", "BatchResult", "sample_register", "read_register", "write_sample", "allocate",
           "RegisterError", "collect_inputs", "DossierInput", "file_hash", "write_batch_outputs"]
