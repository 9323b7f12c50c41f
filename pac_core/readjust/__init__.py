"""The quarterly re-adjustment: the review's figures, suggested decisions, the projected effect of the decisions
being edited, the new plan version they make, versions compared, and the exports (issue 6).

Pure functions (projection, suggestions, revision) take small frames from the KPI engine, so that what the
screen shows while decisions are edited is the arithmetic the tests check by hand.
"""
