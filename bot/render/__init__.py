"""Text for people, shared by the chat actions, the CLI and the web so the three faces say the same thing."""
