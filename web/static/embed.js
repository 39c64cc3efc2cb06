/*
 * The ILO Ratify Assistant's chat on any page. Paste these two lines where the chat should appear:
 *
 *   <div id="ratify-assistant"></div>
 *   <script src="https://ASSISTANT-HOST/embed.js" defer></script>
 *
 * With the div, the chat opens inside it (give it a height); without it, a chat button sits in the corner.
 * The page's origin must be listed in the server's RATIFY_ALLOWED_ORIGINS. Everything (this script, the widget,
 * its styles) comes from the assistant's own server. window.RatifyAssistant.ask(text) asks a question;
 * window.RatifyAssistant.startOver() starts a new conversation.
 *
 * Languages (en, fr, es): the page's `?lang=fr`, else the snippet's `data-lang`
 * (<script src="…/embed.js" data-lang="fr" defer></script>), else none, and the assistant answers in the language
 * each message is written in. The language goes with every message (the widget's customData, which the server
 * reads as the message's metadata); window.RatifyAssistant.setLanguage("es") changes it, and the chat's own texts.
 */
(() => {
  "use strict";

  // {"socketUrl": ..., "texts": {"en": {...}, "fr": ..., "es": ...}}, filled in by the server (web/page.py from
  // static/texts.json: the chat's own texts per language)
  const SETTINGS = "__RATIFY_SETTINGS__";
  const SESSION_KEY = "chat_session"; // where the widget keeps the conversation (session storage)
  const START_OVER_KEY = "ratify-start-over"; // set by startOver() for the next page load
  const BOX_ID = "ratify-assistant";
  const base = new URL(".", document.currentScript.src);
  const known = (language) => (Object.hasOwn(SETTINGS.texts, language) ? language : null);
  const chosen = known(new URLSearchParams(window.location.search).get("lang"))
    || known(document.currentScript.dataset.lang);
  // sent with every message, and changed in place by setLanguage: the widget keeps this very object
  const customData = chosen ? { language: chosen } : {};
  const words = () => SETTINGS.texts[customData.language || "en"];

  function load(tag, attributes) {
    return new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.addEventListener("load", resolve);
      element.addEventListener("error", () => reject(new Error(`could not load ${attributes.src || attributes.href}`)));
      document.head.appendChild(element);
    });
  }

  function toolbar() {
    const bar = document.createElement("div");
    bar.className = "ratify-toolbar";
    const title = document.createElement("span");
    title.className = "ratify-title";
    title.textContent = "ILO Ratify Assistant";
    bar.appendChild(title);
    const startOver = document.createElement("button");
    startOver.type = "button";
    startOver.className = "ratify-start-over";
    startOver.addEventListener("click", () => window.RatifyAssistant.startOver());
    bar.appendChild(startOver);
    return bar;
  }

  // The widget's buttons are plain divs and its message box has no label: make them usable with a keyboard and a
  // screen reader, and have new messages announced. The texts are in the chat's language.
  const accessible = (texts) => [
    [".rw-messages-container", { role: "log", "aria-live": "polite" }],
    [".rw-reply", { role: "button", tabindex: "0" }],
    [".rw-new-message", { "aria-label": texts.your_question, placeholder: texts.hint }],
    [".rw-send", { "aria-label": texts.send }],
    [".ratify-start-over", { title: texts.start_over_title }],
  ];

  // Sets what differs only, so that observing the changes does not loop.
  function label(root) {
    const texts = words();
    for (const [selector, attributes] of accessible(texts)) {
      root.querySelectorAll(selector).forEach((element) => {
        for (const [name, value] of Object.entries(attributes)) {
          if (element.getAttribute(name) !== value) {
            element.setAttribute(name, value);
          }
        }
      });
    }
    root.querySelectorAll(".ratify-start-over").forEach((button) => {
      if (button.textContent !== texts.start_over) {
        button.textContent = texts.start_over;
      }
    });
  }

  function makeAccessible(root) {
    label(root);
    new MutationObserver(() => label(root)).observe(root, { childList: true, subtree: true });
    root.addEventListener("keydown", (event) => {
      if (event.target.classList.contains("rw-reply") && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        event.target.click();
      }
    });
  }

  function mount() {
    const box = document.getElementById(BOX_ID);
    let target = null;
    if (box) {
      box.classList.add("ratify-embedded");
      target = document.createElement("div");
      target.className = "ratify-widget";
      box.append(toolbar(), target);
    }
    makeAccessible(box || document.body);
    const texts = words();
    window.WebChat.default(
      {
        socketUrl: SETTINGS.socketUrl,
        socketPath: "/socket.io/",
        title: "ILO Ratify Assistant",
        inputTextFieldHint: texts.hint,
        connectingText: texts.connecting,
        initPayload: "/greet",
        customData,
        embedded: Boolean(box),
        withRules: false,
        hideWhenNotConnected: false,
        params: { storage: "session" },
        customMessageDelay: () => 100,
      },
      target,
    );
  }

  window.RatifyAssistant = {
    // Sends `text` as if typed, so that it shows in the conversation like any question.
    ask(text) {
      const form = document.querySelector(".rw-sender");
      const input = form && form.querySelector(".rw-new-message");
      if (input) {
        input.value = text;
        form.requestSubmit();
      }
    },
    // The widget saves its state as the page unloads: the conversation is dropped on the next load instead.
    startOver() {
      sessionStorage.setItem(START_OVER_KEY, "1");
      window.location.reload();
    },
    // The language the chat was given ("en", "fr", "es"), or null when none was: then the assistant follows the
    // language of each message.
    language() {
      return customData.language || null;
    },
    // From the next message on, the assistant answers in `language`; the chat's own texts change now.
    setLanguage(language) {
      if (!known(language)) {
        throw new Error(`ILO Ratify Assistant: no language "${language}" (${Object.keys(SETTINGS.texts)})`);
      }
      customData.language = language;
      label(document.getElementById(BOX_ID) || document.body);
    },
  };

  if (sessionStorage.getItem(START_OVER_KEY)) {
    [START_OVER_KEY, SESSION_KEY].forEach((key) => sessionStorage.removeItem(key));
    localStorage.removeItem(SESSION_KEY);
  }
  Promise.all([
    load("link", { rel: "stylesheet", href: new URL("static/widget.css", base).href }),
    load("script", { src: new URL("vendor/rasa-webchat.js", base).href }),
  ]).then(mount, (error) => console.error("ILO Ratify Assistant:", error));
})();
