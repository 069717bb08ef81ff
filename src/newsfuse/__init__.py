"""newsfuse: many news reports of the same events in, one cited and evidence-linked brief out.

>>> import newsfuse
>>> brief = newsfuse.brief(["examples/kazakhstan-2022"])   # doctest: +SKIP
>>> brief.reuse[0].sources                                  # doctest: +SKIP
('S2', 'S3')
"""

from .errors import NewsfuseError
from .model import Article, Brief
from .pipeline import brief, load_articles
from .settings import Settings

__version__ = "0.1.0"

__all__ = ["Article", "Brief", "NewsfuseError", "Settings", "__version__", "brief", "load_articles"]
