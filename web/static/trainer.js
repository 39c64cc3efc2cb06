// What the trainer's two views share (trainer.html): which view the address asks for, the trainer token (typed once, or opened with ?token=, kept for this tab only and
// taken out of the address bar, which a projector shows) and calls to the trainer API with it.
"use strict";

(() => {
  const TOKEN_KEY = "ratify-trainer-token";
  const waiting = [];

  // The form that asks for the token, first in the page's <main>, hidden until a request is refused.
  function tokenForm() {
    const form = document.createElement("form");
    form.className = "panel token-form";
    form.id = "token-form";
    form.hidden = true;
    const add = (tag, properties = {}) => form.appendChild(Object.assign(document.createElement(tag), properties));
    add("h2", { textContent: "Trainer token" });
    add("p", { textContent: "These pages need the trainer token, the value of RATIFY_TRAINER_TOKEN on the server." });
    add("label", { htmlFor: "token", textContent: "Token" });
    add("input", { id: "token", name: "token", type: "password", required: true, autocomplete: "current-password" });
    add("button", { type: "submit", textContent: "Continue" });
    add("p", { className: "problem" }).setAttribute("role", "alert");
    document.querySelector("main").prepend(form);
    return form;
  }

  const form = tokenForm();

  function takeTokenFromAddress() {
    const url = new URL(window.location.href);
    const given = url.searchParams.get("token");
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given);
      url.searchParams.delete("token");
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
  }

  // Asks for the token; `retry` runs again once it is given.
  function askForToken(message, retry) {
    form.hidden = false;
    form.querySelector(".problem").textContent = message;
    form.querySelector("input").focus();
    waiting.push(retry);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, form.querySelector("input").value.trim());
    form.hidden = true;
    waiting.splice(0).forEach((retry) => retry());
  });

  // fetch() on the trainer API with the token; resolves to the response, or to null when the token was refused
  // (the token form is then shown, and `retry` runs once a token is typed).
  async function api(path, options = {}, retry = () => {}) {
    const headers = { ...(options.headers || {}), Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) || ""}` };
    const response = await fetch(path, { ...options, headers, cache: "no-store" });
    if (response.status === 401) {
      const body = await response.json().catch(() => ({ errors: ["the trainer token is required"] }));
      askForToken(body.errors.join(" "), retry);
      return null;
    }
    return response;
  }

  async function problemOf(response) {
    const body = await response.json().catch(() => ({ errors: [`${response.status} ${response.statusText}`] }));
    return (body.errors || []).join(" ");
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString([], { dateStyle: "short", timeStyle: "short" }) : "";
  }

  // The page's view: "home" at /trainer, "session" at /trainer/CODE.
  const view = window.location.pathname.replace(/\/+$/, "") === "/trainer" ? "home" : "session";
  document.querySelectorAll(".view").forEach((element) => {
    element.hidden = element.dataset.view !== view;
  });

  takeTokenFromAddress();
  window.Trainer = { view, api, problemOf, cell, when };
})();
