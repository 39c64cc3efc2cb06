"""Rasa input channels of the project (Rasa glue, like `actions/`)."""
