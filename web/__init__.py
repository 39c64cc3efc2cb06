"""The web app (aiohttp): the chat page, the web API of the eligibility check and the trainer's pages.

`web.app.create_app` builds it; `python -m web` serves it. Its settings and public URLs are in `bot.config`.
"""
