"""One eligibility check as a conversation and a saved record: the form's questions and progress, reading
free-text answers, the chat's wording, and the service the chat, the CLI and the web API share."""
