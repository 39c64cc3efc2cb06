"""The NLU side of the project: the spaCy pipeline built from the knowledge base, and measuring understanding."""
