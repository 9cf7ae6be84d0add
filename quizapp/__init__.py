"""quizapp: a bilingual media-literacy quiz about reading AI news critically."""

__version__ = "0.1.0"
