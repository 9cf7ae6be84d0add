"""Question sets and their sources: models, the YAML loader with line numbers, the validator
and the citation matcher. The quiz engine (``quizapp.core``) only reads what this loaded."""
