"""Reading files: from bytes on disk to raw sheets of cells (no interpretation yet)."""
