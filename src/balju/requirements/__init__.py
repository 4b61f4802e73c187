"""Requirements and project facts out of an RFP, and a review of their quality (요구사항·사업 정보 추출과 품질 검토)."""

from balju.requirements.extract import extract
from balju.requirements.facts import ProjectFacts, extract_facts
from balju.requirements.model import Fact, Requirement
from balju.requirements.review import review

__all__ = ["Fact", "ProjectFacts", "Requirement", "extract", "extract_facts", "review"]
