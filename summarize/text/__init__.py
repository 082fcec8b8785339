"""Text tools every part shares: extraction, grounding and consolidation read text the same way.

``sentences``  where sentences begin and end; ``dates`` the dates an article writes out;
``percents``  percentages; ``places`` whether a name is a place; ``valuations`` which valuation
a figure is, from the words around it; ``caseless`` fast case-blind cue searches; ``span`` a
string found in a text and where.
"""
