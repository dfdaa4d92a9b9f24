"""The legal core: facts in, assessment out. Imports nothing from Flask.

    from guidance_app.core import assess
    assessment = assess({"exclusion_type": "suspension", "days": 3}, locale="en")
    assessment.to_json()
"""

from .assess import Assessment, assess
from .facts import FACTS, FactError, Facts, InvalidFacts, parse_facts

__all__ = ["assess", "Assessment", "FACTS", "FactError", "Facts", "InvalidFacts", "parse_facts"]
