"""Text tools every part shares: extraction, grounding and consolidation read text the same way.

``sentences``  where sentences begin and end; ``dates`` the dates an article writes out;
``places``  whether a name is a place; ``percents`` percentages; ``valuations`` which
valuation a figure is, from the words around it; ``phrases`` the phrase tables (data files in
``summarize/phrases/``) the readers match.
"""
