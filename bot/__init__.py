"""ILO Ratify Assistant: the domain (knowledge base, C102 rules, persistence, web), independent of Rasa."""
