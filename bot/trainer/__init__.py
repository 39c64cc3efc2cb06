"""Trainer sessions: a workshop joins the assistant with a short code, takes a quiz generated from the knowledge
base, and the trainer follows the room on a live dashboard (`web.trainer`) and exports the answers as CSV.

Rasa-free like the rest of `bot/`: `actions/trainer.py` and the web routes only call `TrainerService`.
"""
