"""Rasa input channels of the project (Rasa glue, like `actions/`).

Rasa imports this package when it loads our channels at start-up; that is where the faster validation of the
action server's responses is put in place (`channels.action_validation`).
"""

from channels import action_validation

action_validation.install()
