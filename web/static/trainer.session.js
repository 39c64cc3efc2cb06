// The live dashboard of one session: fetches /trainer/CODE/data.json?lang= every few seconds, in the page's language,
// and draws it with Chart.js (served from our own server, /vendor/chart.js); trainer.js provides window.Trainer.
"use strict";

(() => {
  if (window.Trainer.view !== "session") {
    return;
  }
  const { api, problemOf, cell, when, percent, text, inLanguage, language } = window.Trainer;
  const code = window.location.pathname.split("/").filter(Boolean).pop();
  const REFRESH_MS = 3000;
  const BLUE = "#1e2dbe";
  const GREEN = "#1a7f37";
  const problem = document.querySelector(".controls .problem");
  let timer = null;

  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.animation = false; // redrawn every few seconds: no movement on each refresh

  // A bar chart on canvas `id`, made once and then given new data.
  function bars(id, labels, values, options) {
    const existing = Chart.getChart(id);
    if (existing) {
      existing.data.labels = labels;
      existing.data.datasets[0].data = values;
      existing.update();
      return;
    }
    new Chart(document.getElementById(id), {
      type: "bar",
      data: { labels, datasets: [{ data: values, backgroundColor: options.colour || BLUE }] },
      options: {
        indexAxis: options.horizontal ? "y" : "x",
        plugins: { legend: { display: false }, tooltip: options.tooltip || {} },
        scales: options.scales,
      },
    });
  }

  function countAxis(title) {
    return { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: title } };
  }

  function table(id, rows, columns) {
    const body = document.querySelector(`#${id} tbody`);
    body.replaceChildren();
    for (const item of rows) {
      const row = body.insertRow();
      columns.forEach((column) => cell(row, column(item)));
    }
  }

  function render(data) {
    const session = data.session;
    document.title = text("dashboard_title", { name: session.name });
    document.getElementById("page-title").textContent = session.name;
    const status = session.status === "open" ? "status_open" : "status_closed_long";
    document.getElementById("status").textContent = text(status);
    document.getElementById("code").textContent = session.code;
    document.querySelector(".join .join-words").textContent = session.join_words;
    const link = document.getElementById("join-link");
    link.href = inLanguage(session.join_url);
    link.textContent = link.href;
    document.getElementById("close-session").disabled = session.status !== "open";

    const finished = data.participants.filter((person) => person.answered === session.questions).length;
    document.getElementById("joined").textContent = data.participants.length;
    document.getElementById("finished").textContent = finished;
    document.getElementById("answers").textContent = data.questions.reduce((sum, q) => sum + q.answered, 0);
    document.getElementById("assessed").textContent = data.assessments.length;

    bars("scores-chart", data.scores.map((score) => `${score.right}/${session.questions}`),
      data.scores.map((score) => score.participants),
      {
        scales: {
          y: countAxis(text("axis_participants")),
          x: { title: { display: true, text: text("axis_right") } },
        },
      });
    bars("questions-chart", data.questions.map((q) => `Q${q.number}`),
      data.questions.map((q) => (q.share_right === null ? 0 : Math.round(q.share_right * 100))), {
        horizontal: true,
        colour: GREEN,
        scales: {
          x: { min: 0, max: 100, title: { display: true, text: text("axis_percent") } },
          y: { ticks: { autoSkip: false } },
        },
        tooltip: { callbacks: { title: (items) => data.questions[items[0].dataIndex].prompt } },
      });
    bars("topics-chart", data.topics.map((topic) => topic.label), data.topics.map((topic) => topic.count),
      { horizontal: true, scales: { x: countAxis(text("axis_asked")) } });
    document.getElementById("no-topics").hidden = data.topics.length > 0;
    document.getElementById("no-participants").hidden = data.participants.length > 0;
    document.getElementById("no-assessments").hidden = data.assessments.length > 0;

    table("questions", data.questions, [(q) => q.number, (q) => q.prompt, (q) => q.answer, (q) => q.article,
      (q) => q.answered, (q) => percent(q.share_right)]);
    table("participants", data.participants, [(p) => p.participant, (p) => p.display_name, (p) => when(p.joined_at),
      (p) => `${p.answered}/${session.questions}`, (p) => p.right]);
    table("assessments", data.assessments, [(a) => a.display_name || a.participant,
      (a) => a.country, (a) => a.verdict]);
    const time = new Date().toLocaleTimeString(language());
    document.getElementById("updated").textContent = text("updated", { time });
  }

  async function refresh() {
    window.clearTimeout(timer);
    const response = await api(`/trainer/${code}/data.json?lang=${language()}`, {}, refresh).catch(() => null);
    if (response === null && !document.getElementById("token-form").hidden) {
      return; // waits for the token; refresh() runs again once it is given
    }
    if (response && response.ok) {
      problem.textContent = "";
      render(await response.json());
    } else {
      problem.textContent = response ? await problemOf(response) : text("unreachable");
    }
    timer = window.setTimeout(refresh, REFRESH_MS);
  }

  async function download(kind) {
    const response = await api(`/trainer/${code}/${kind}.csv?lang=${language()}`, {}, () => download(kind));
    if (!response) {
      return;
    }
    if (!response.ok) {
      problem.textContent = await problemOf(response);
      return;
    }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = `trainer-${code}-${kind}.csv`;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  async function closeSession() {
    if (!window.confirm(text("confirm_close"))) {
      return;
    }
    const response = await api(`/trainer/${code}/close`, { method: "POST" }, closeSession);
    if (response && !response.ok) {
      problem.textContent = await problemOf(response);
    }
    refresh();
  }

  document.getElementById("close-session").addEventListener("click", closeSession);
  document.querySelectorAll("[data-export]").forEach((button) => {
    button.addEventListener("click", () => download(button.dataset.export));
  });
  window.Trainer.ready.then(() => {
    window.Trainer.onLanguage(refresh); // the session's data in the new language (questions, topics, verdicts)
    refresh();
  });
})();
