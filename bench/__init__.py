"""`make bench` (`python -m bench`): throughput and latency of Rasa's starter bot, ours and production mode."""
