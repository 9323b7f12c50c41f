"""The numbers of DESIGN.md, computed in SQL over the current-data views, one definition each."""
