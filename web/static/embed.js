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
 */
(() => {
  "use strict";

  const SETTINGS = "__RATIFY_SETTINGS__"; // {"socketUrl": ...}, filled in by the server (web/page.py)
  const SESSION_KEY = "chat_session"; // where the widget keeps the conversation (session storage)
  const START_OVER_KEY = "ratify-start-over"; // set by startOver() for the next page load
  const BOX_ID = "ratify-assistant";
  const base = new URL(".", document.currentScript.src);

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
    startOver.textContent = "Start over";
    startOver.title = "Clear this conversation and start a new one";
    startOver.addEventListener("click", () => window.RatifyAssistant.startOver());
    bar.appendChild(startOver);
    return bar;
  }

  // The widget's buttons are plain divs and its message box has no label: make them usable with a keyboard and a
  // screen reader, and have new messages announced.
  const ACCESSIBLE = [
    [".rw-messages-container", { role: "log", "aria-live": "polite" }],
    [".rw-reply", { role: "button", tabindex: "0" }],
    [".rw-new-message", { "aria-label": "Your question" }],
    [".rw-send", { "aria-label": "Send" }],
  ];

  function makeAccessible(root) {
    const label = () => {
      for (const [selector, attributes] of ACCESSIBLE) {
        root.querySelectorAll(selector).forEach((element) => {
          for (const [name, value] of Object.entries(attributes)) {
            if (element.getAttribute(name) !== value) {
              element.setAttribute(name, value);
            }
          }
        });
      }
    };
    new MutationObserver(label).observe(root, { childList: true, subtree: true });
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
    window.WebChat.default(
      {
        socketUrl: SETTINGS.socketUrl,
        socketPath: "/socket.io/",
        title: "ILO Ratify Assistant",
        inputTextFieldHint: "Type your question…",
        connectingText: "Connecting to the assistant…",
        initPayload: "/greet",
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
