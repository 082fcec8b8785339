"""One Jinja setup for the HTML views (evidence, eval report, consolidated deals).

Templates ship inside the package next to the code that renders them; autoescape is on because
article text goes into the page, and undefined variables fail loudly.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2


@cache
def package_templates(package: str) -> jinja2.Environment:
    """An environment that loads templates from ``package``'s own folder."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: resources.files(package).joinpath(name).read_text("utf-8")
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
