// What the trainer's two views share (trainer.html): which view the address asks for, the trainer token (typed once, or opened with ?token=, kept for this tab only and
// taken out of the address bar, which a projector shows), calls to the trainer API with it, and the page's language:
// EN | FR | ES as on the chat page, else ?lang=, else the browser's languages (static/texts.json, `trainer`).
"use strict";

(() => {
  const TOKEN_KEY = "ratify-trainer-token";
  const LANGUAGES = ["en", "fr", "es"];
  const waiting = [];
  const languageChanged = [];
  let texts = null;
  let language = chosenLanguage();

  // ?lang=, else the first of the browser's languages that the page speaks, else English.
  function chosenLanguage() {
    const asked = new URLSearchParams(window.location.search).get("lang");
    for (const tag of [asked, ...(navigator.languages || [navigator.language])]) {
      const code = (tag || "").toLowerCase().split(/[-_]/)[0];
      if (LANGUAGES.includes(code)) {
        return code;
      }
    }
    return "en";
  }

  // The page's text `key` in its language, with {name} placeholders filled from `values`.
  function text(key, values = {}) {
    const template = texts ? texts[language].trainer[key] : key;
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  // What participants type to join the session `code` in the page's language ("rejoindre K7Q2").
  function joinWords(code) {
    return texts[language].page.join.replace("{code}", code);
  }

  // `address` opening in the page's language: a dashboard, or the chat page's join link (for participants who
  // speak the trainer's language; the chat's switch changes it).
  function inLanguage(address) {
    const url = new URL(address, window.location.href);
    url.searchParams.set("lang", language);
    return url.href;
  }

  function showLanguage() {
    document.documentElement.lang = language;
    document.querySelectorAll("[data-text]").forEach((element) => {
      element.textContent = text(element.dataset.text);
    });
    document.querySelectorAll("[data-label]").forEach((element) => {
      element.setAttribute("aria-label", text(element.dataset.label));
    });
    document.querySelectorAll("[data-placeholder]").forEach((element) => {
      element.placeholder = text(element.dataset.placeholder);
    });
    document.querySelectorAll(".language-switch [data-lang]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.lang === language));
    });
    if (view === "home") {
      document.title = text("title");
    }
  }

  // A switch keeps its language in the address (`?lang=`), so that a reload and a shared link keep it.
  function switchTo(chosen) {
    language = chosen;
    const address = new URL(window.location.href);
    address.searchParams.set("lang", chosen);
    window.history.replaceState(null, "", address.pathname + address.search + address.hash);
    showLanguage();
    languageChanged.forEach((redraw) => redraw());
  }

  // The form that asks for the token, first in the page's <main>, hidden until a request is refused.
  function tokenForm() {
    const form = document.createElement("form");
    form.className = "panel token-form";
    form.id = "token-form";
    form.hidden = true;
    const add = (tag, properties = {}) => form.appendChild(Object.assign(document.createElement(tag), properties));
    add("h2", { textContent: "Trainer token" }).dataset.text = "token_title";
    add("p", { textContent: "These pages need the trainer token, the value of RATIFY_TRAINER_TOKEN on the server." })
      .dataset.text = "token_help";
    add("label", { htmlFor: "token", textContent: "Token" }).dataset.text = "token_label";
    add("input", { id: "token", name: "token", type: "password", required: true, autocomplete: "current-password" });
    add("button", { type: "submit", textContent: "Continue" }).dataset.text = "continue";
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
    if (response.status === 401) { // the server's reason, in the page's language
      askForToken(text(sessionStorage.getItem(TOKEN_KEY) ? "token_invalid" : "token_required"), retry);
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
    return iso ? new Date(iso).toLocaleString(language, { dateStyle: "short", timeStyle: "short" }) : "";
  }

  function percent(share) {
    return share === null ? "–" : new Intl.NumberFormat(language, { style: "percent" }).format(share);
  }

  // The page's view: "home" at /trainer, "session" at /trainer/CODE (whose heading is the session's name).
  const view = window.location.pathname.replace(/\/+$/, "") === "/trainer" ? "home" : "session";
  document.querySelectorAll(".view").forEach((element) => {
    element.hidden = element.dataset.view !== view;
  });
  if (view === "session") {
    document.getElementById("page-title").removeAttribute("data-text");
  }

  takeTokenFromAddress();
  // resolves once the page is in its language; the views start then
  const ready = fetch("/static/texts.json")
    .then((reply) => reply.json())
    .then((loaded) => {
      texts = loaded;
      showLanguage();
      document.querySelectorAll(".language-switch [data-lang]").forEach((button) => {
        button.addEventListener("click", () => switchTo(button.dataset.lang));
      });
    });
  window.Trainer = {
    view, api, problemOf, cell, when, percent, text, joinWords, inLanguage, ready,
    language: () => language,
    onLanguage: (redraw) => languageChanged.push(redraw),
  };
})();
