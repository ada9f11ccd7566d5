// The field app: which view shows, and what the trainer's clicks and entries do.
// Every entry is kept in IndexedDB at once; the server sees it at the next sync.
"use strict";

(function (field) {
  const { store, sync, views, config } = field;
  const text = config.strings;
  const $ = (selector) => document.querySelector(selector);
  const state = { session: null, day: null };

  function say(message) {
    $("[data-message]").textContent = message || "";
  }

  function showView(name) {
    for (const section of document.querySelectorAll("[data-view]")) {
      section.hidden = section.dataset.view !== name;
    }
  }

  async function refreshStatus() {
    $("[data-connection]").textContent = navigator.onLine ? text.online : text.offline;
    const changes = await sync.changes();
    const waiting = changes.filter((entry) => entry.state === "pending").length;
    $("[data-waiting-badge]").textContent = String(waiting);
    $("[data-waiting]").textContent = views.fmt(text.waiting, { count: waiting });
    const last = await store.meta("last_sync");
    $("[data-last-sync]").textContent = last
      ? views.fmt(text.last_sync, { time: views.formatTime(last) })
      : text.never_synced;
    const warning = $("[data-sign-out-warning]");
    const unsent = changes.filter((entry) => sync.OPEN.includes(entry.state)).length;
    warning.hidden = unsent === 0;
    warning.textContent = views.fmt(text.unsaved_warning, { count: unsent });
    return changes;
  }

  async function showSessions() {
    const sessions = (await store.all("sessions")).sort((a, b) =>
      (a.first_day || "").localeCompare(b.first_day || "")
    );
    const list = $("[data-session-list]");
    list.replaceChildren(
      ...sessions.map((session) =>
        views.h(
          "li",
          {},
          views.h("a", { href: "#session=" + session.id }, session.curriculum_title),
          " ",
          views.h(
            "span",
            { class: "field-help" },
            session.location_name + (session.first_day ? " · " + views.formatDate(session.first_day) : "")
          )
        )
      )
    );
    if (!sessions.length) {
      list.replaceChildren(views.h("li", {}, text.no_sessions));
    }
    const user = await store.meta("username");
    const device = await store.meta("device_name");
    $("[data-account]").textContent = views.fmt(text.signed_in, { user, device });
    showView("sessions");
  }

  async function showSession(id) {
    const session = await store.get("sessions", id);
    if (!session) {
      return showSessions();
    }
    const sheet = views.sheet(session, await sync.changes());
    if (state.session !== id || !session.days.some((day) => day.id === state.day)) {
      const today = new Date().toISOString().slice(0, 10);
      const current = session.days.find((day) => day.date === today) || session.days[0];
      state.day = current ? current.id : null;
    }
    state.session = id;
    $("[data-session-title]").textContent = session.curriculum_title;
    $("[data-session-meta]").textContent = session.location_name;
    const daySelect = $("[data-day]");
    daySelect.replaceChildren(
      ...session.days.map((day) =>
        views.h("option", { value: String(day.id), selected: day.id === state.day }, views.formatDate(day.date))
      )
    );
    const day = session.days.find((item) => item.id === state.day);
    $("[data-attendance-rows]").replaceChildren(
      ...(day ? sheet.rows.map((row) => views.attendanceRow(row, day)) : [])
    );
    $("[data-score-rows]").replaceChildren(...sheet.rows.map(views.scoreRow));
    const notes = $("[data-notes]");
    notes.value = sheet.notes;
    notes.dataset.version = sheet.notesVersion;
    showView("session");
  }

  async function showQueue() {
    const changes = await refreshStatus();
    $("[data-conflicts]").replaceChildren(
      ...changes.filter((entry) => entry.state === "conflict").map(views.conflictItem)
    );
    $("[data-refused]").replaceChildren(
      ...changes.filter((entry) => entry.state === "refused").map(views.refusedItem)
    );
    showView("queue");
  }

  async function route() {
    await refreshStatus();
    const signedIn = Boolean(await store.meta("token"));
    document.querySelector("[data-signed-in]").hidden = !signedIn;
    if (!signedIn) {
      return showView("sign-in");
    }
    const hash = location.hash.slice(1);
    if (hash.startsWith("session=")) {
      return showSession(Number(hash.slice("session=".length)));
    }
    return hash === "queue" ? showQueue() : showSessions();
  }

  function dateOf(dayId) {
    return store.get("sessions", state.session).then((session) => {
      const day = session.days.find((item) => item.id === dayId);
      return day ? day.date : "";
    });
  }

  async function markChanged(select) {
    const ref = /^\d+$/.test(select.dataset.ref) ? Number(select.dataset.ref) : select.dataset.ref;
    const day = Number(select.dataset.day);
    const change = { kind: "attendance", enrolment: ref, day, status: select.value };
    const info = { session: state.session, number: select.dataset.number, date: await dateOf(day) };
    await sync.record(views.keys(ref).mark(day), change, info, select.dataset.version);
    await refreshStatus();
  }

  function scoreError(value, test) {
    const ok = value === "" || (/^\d{1,3}$/.test(value) && Number(value) <= 100);
    return ok ? "" : views.fmt(text.score_error, { test: text[test] });
  }

  async function scoreChanged(input) {
    const value = input.value.trim();
    const test = input.dataset.test;
    const error = scoreError(value, test);
    input.setAttribute("aria-invalid", error ? "true" : "false");
    say(error);
    if (error) {
      return;
    }
    const ref = /^\d+$/.test(input.dataset.ref) ? Number(input.dataset.ref) : input.dataset.ref;
    const change = { kind: "score", enrolment: ref, test, value };
    const info = { session: state.session, number: input.dataset.number };
    await sync.record(views.keys(ref).score(test), change, info, input.dataset.version);
    await refreshStatus();
  }

  async function notesChanged(area) {
    const change = { kind: "note", session: state.session, text: area.value };
    await sync.record("n:" + state.session, change, { session: state.session }, area.dataset.version);
    await refreshStatus();
  }

  field.app = { $, say, route, showQueue, showSession, refreshStatus, state, markChanged, scoreChanged, notesChanged };
})(window.PDOField);
