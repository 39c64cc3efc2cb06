// The trainer's home page: create a session, list the sessions (trainer.js provides window.Trainer).
"use strict";

(() => {
  if (window.Trainer.view !== "home") {
    return;
  }
  const { api, problemOf, cell, when, text, joinWords, inLanguage } = window.Trainer;
  const form = document.getElementById("new-session");
  const created = document.getElementById("created");

  async function listSessions() {
    const response = await api("/trainer/sessions.json", {}, listSessions);
    if (!response || !response.ok) {
      return;
    }
    const body = document.querySelector(".sessions tbody");
    body.replaceChildren();
    const { sessions } = await response.json();
    for (const session of sessions) {
      const row = body.insertRow();
      const link = document.createElement("a");
      link.href = inLanguage(session.dashboard_url);
      link.textContent = session.code;
      cell(row, "").appendChild(link);
      cell(row, session.name);
      cell(row, text(session.status === "open" ? "status_open" : "status_closed"));
      cell(row, session.questions);
      cell(row, when(session.created_at));
    }
    document.getElementById("no-sessions").hidden = sessions.length > 0;
  }

  let lastCreated = null;

  // The new session's code, join words (in the page's language) and links.
  function showCreated(session) {
    lastCreated = session;
    created.querySelector(".join-words").textContent = joinWords(session.code);
    created.querySelector(".big-code").textContent = session.code;
    const join = created.querySelector(".join-link");
    join.href = inLanguage(session.join_url);
    join.textContent = join.href;
    created.querySelector(".dashboard-link").href = inLanguage(session.dashboard_url);
    created.hidden = false;
  }

  async function createSession() {
    const problem = form.querySelector(".problem");
    problem.textContent = "";
    const data = { name: form.elements.name.value, quiz: Number(form.elements.quiz.value) };
    const response = await api("/trainer/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data),
    }, createSession);
    if (!response) {
      return;
    }
    if (!response.ok) {
      problem.textContent = await problemOf(response);
      return;
    }
    showCreated(await response.json());
    form.reset();
    listSessions();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    createSession();
  });
  window.Trainer.ready.then(() => {
    window.Trainer.onLanguage(() => {
      listSessions();
      if (lastCreated) {
        showCreated(lastCreated);
      }
    });
    listSessions();
  });
})();
