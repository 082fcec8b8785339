"""Field readers: each finds one part of a DealSummary in article text, with its quote.

They read, they do not ask a model: a strategy composes them, and asks its model only what the
text does not settle. ``lede`` the headline and opening; ``orgs`` organization candidates;
``mentions`` where a candidate is written; ``cues`` weighted cue phrases; ``history``
sentences about an earlier deal; ``deal_type``, ``status``, ``stake``, ``consideration``,
``announced`` the deal's kind, stage and terms; ``roles`` and ``investors`` who does what;
``parties`` the parties with their roles; ``amount`` the price and valuation among the money
mentions; ``attribution`` who says so; ``people`` the people named with a title; ``facts`` key
facts.
"""
