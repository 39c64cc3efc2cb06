// The trainer's home page: create a session, list the sessions (trainer.js provides window.Trainer).
"use strict";

(() => {
  if (window.Trainer.view !== "home") {
    return;
  }
  const { api, problemOf, cell, when } = window.Trainer;
  const form = document.getElementById("new-session");
  const created = document.getElementById("created");

  async function listSessions() {
    const response = await api("/trainer/sessions.json", {}, listSessions);
    if (!response || !response.ok) {
      return;
    }
    const body = document.querySelector(".sessions tbody");
    body.replaceChildren();
    for (const session of (await response.json()).sessions) {
      const row = body.insertRow();
      const link = document.createElement("a");
      link.href = session.dashboard_url;
      link.textContent = session.code;
      cell(row, "").appendChild(link);
      cell(row, session.name);
      cell(row, session.status);
      cell(row, session.questions);
      cell(row, when(session.created_at));
    }
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
    const session = await response.json();
    created.querySelector(".join-words").textContent = `join ${session.code}`;
    created.querySelector(".big-code").textContent = session.code;
    const join = created.querySelector(".join-link");
    join.href = session.join_url;
    join.textContent = session.join_url;
    created.querySelector(".dashboard-link").href = session.dashboard_url;
    created.hidden = false;
    form.reset();
    listSessions();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    createSession();
  });
  listSessions();
})();
