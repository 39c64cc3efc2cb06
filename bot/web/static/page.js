// The page's suggested questions: each button asks its question in the chat (embed.js defines RatifyAssistant).
"use strict";

document.querySelectorAll("[data-question]").forEach((button) => {
  button.addEventListener("click", () => {
    window.RatifyAssistant.ask(button.dataset.question);
  });
});
