// The page's suggested questions: each button asks its question in the chat (embed.js defines RatifyAssistant).
"use strict";

document.querySelectorAll("[data-question]").forEach((button) => {
  button.addEventListener("click", () => {
    window.RatifyAssistant.ask(button.dataset.question);
  });
});

// A trainer session's join link (/?join=K7Q2): once the chat has greeted, it sends "join K7Q2" as if typed; the
// code then leaves the address bar, so that a reload carries on without joining again.
const joinCode = new URLSearchParams(window.location.search).get("join");
if (joinCode && /^[A-Za-z0-9]{4}$/.test(joinCode)) {
  const started = Date.now();
  const sendJoin = window.setInterval(() => {
    const ready = document.querySelector(".rw-response") && document.querySelector(".rw-sender");
    if (ready || Date.now() - started > 60000) {
      window.clearInterval(sendJoin);
      if (ready) {
        window.RatifyAssistant.ask(`join ${joinCode}`);
        window.history.replaceState(null, "", window.location.pathname);
      }
    }
  }, 300);
}
