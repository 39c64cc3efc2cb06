"""Custom actions: thin rasa-sdk adapters that read the conversation, call `bot`, and render the reply."""
