"""Validation: from files on disk to a batch the store can import, or the list of what is wrong.

read (pac_core.io) → recognise the tables → parse every cell → check across tables → Batch.
"""

from pac_core.validate.files import Batch, Context, SourceFile, Validation, validate_files
from pac_core.validate.issues import ERROR, WARNING, Issue

__all__ = ["Batch", "Context", "SourceFile", "Validation", "validate_files", "Issue", "ERROR", "WARNING"]
