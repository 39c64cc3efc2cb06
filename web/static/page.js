// The page's suggested questions: each button asks its question in the chat (embed.js defines RatifyAssistant).
"use strict";

document.querySelectorAll("[data-question]").forEach((button) => {
  button.addEventListener("click", () => {
    window.RatifyAssistant.ask(button.dataset.question);
  });
});

// The language switch (EN | FR | ES): the page's texts (static/texts.json: data-text is an element's text,
// data-label its aria-label, the suggested questions in order) and the conversation's language, which the chat
// sends with every message from then on. The page opens in the chat's language (`?lang=fr`), else in English; a
// switch writes `?lang=` into the address, so that a reload keeps it.
function rewriteAddress(change) {
  const address = new URL(window.location.href);
  change(address.searchParams);
  window.history.replaceState(null, "", address);
}

function showLanguage(texts, language) {
  const page = texts[language].page;
  document.documentElement.lang = language;
  document.title = page.title;
  document.querySelector("meta[name='description']").content = page.description;
  document.querySelectorAll("[data-text]").forEach((element) => {
    element.textContent = page[element.dataset.text];
  });
  document.querySelectorAll("[data-label]").forEach((element) => {
    element.setAttribute("aria-label", page[element.dataset.label]);
  });
  document.querySelectorAll("[data-question]").forEach((button, index) => {
    button.dataset.question = page.suggestions[index];
    button.textContent = page.suggestions[index];
  });
  document.querySelectorAll(".language-switch [data-lang]").forEach((button) => {
    button.setAttribute("aria-pressed", String(button.dataset.lang === language));
  });
}

const pageTexts = fetch("/static/texts.json").then((reply) => reply.json());
pageTexts
  .then((texts) => {
    showLanguage(texts, window.RatifyAssistant.language() || "en");
    document.querySelectorAll(".language-switch [data-lang]").forEach((button) => {
      button.addEventListener("click", () => {
        const language = button.dataset.lang;
        window.RatifyAssistant.setLanguage(language);
        showLanguage(texts, language);
        rewriteAddress((query) => query.set("lang", language));
      });
    });
  })
  .catch((error) => console.error("ILO Ratify Assistant: the page's texts", error));

// A trainer session's join link (/?join=K7Q2): once the chat has greeted, it sends "join K7Q2" as if typed, in the
// chat's language ("rejoindre K7Q2", so that the conversation stays in it); the code then leaves the address bar
// (`?lang=` stays), so that a reload carries on without joining again.
const joinCode = new URLSearchParams(window.location.search).get("join");
if (joinCode && /^[A-Za-z0-9]{4}$/.test(joinCode)) {
  const started = Date.now();
  const sendJoin = window.setInterval(() => {
    const ready = document.querySelector(".rw-response") && document.querySelector(".rw-sender");
    if (ready || Date.now() - started > 60000) {
      window.clearInterval(sendJoin);
      if (ready) {
        pageTexts
          .then((texts) => texts[window.RatifyAssistant.language() || "en"].page.join)
          .catch(() => "join {code}")
          .then((words) => {
            window.RatifyAssistant.ask(words.replace("{code}", joinCode));
            rewriteAddress((query) => query.delete("join"));
          });
      }
    }
  }, 300);
}
