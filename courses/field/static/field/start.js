// Starting the field app: the service worker, the forms and buttons, the first view.
"use strict";

(function (field) {
  const { sync, views, config, app } = field;
  const { $, say } = app;
  const text = config.strings;

  // The server's rules for a new participant (courses/training/imports.py), checked
  // here too so a mistake is seen at the camp, not days later at the next sync.
  function participantErrors(values, known) {
    const errors = [];
    if (!new RegExp(config.case_reference_pattern).test(values.case_reference)) {
      errors.push(views.fmt(text.case_reference_error, { value: values.case_reference }));
    }
    if (known.includes(values.case_reference)) {
      errors.push(text.duplicate);
    }
    for (const name of ["sex", "year_of_birth", "nationality"]) {
      if (!values[name]) {
        errors.push(views.fmt(text.required, { column: text.columns[name] }));
      }
    }
    const thisYear = new Date().getFullYear();
    const year = Number(values.year_of_birth);
    if (values.year_of_birth && !(/^\d{4}$/.test(values.year_of_birth) && year >= 1900 && year <= thisYear)) {
      errors.push(views.fmt(text.year_error, { year: thisYear }));
    }
    return errors;
  }

  async function addParticipant(form) {
    const values = {};
    for (const [name, value] of new FormData(form)) {
      values[name] = value.trim();
    }
    values.case_reference = values.case_reference.toUpperCase();
    const session = await field.store.get("sessions", app.state.session);
    const sheet = views.sheet(session, await sync.changes());
    const errors = participantErrors(values, sheet.rows.map((row) => row.reference));
    const list = $("[data-participant-errors]");
    list.replaceChildren(...errors.map((error) => views.h("li", {}, error)));
    form.elements.case_reference.setAttribute("aria-invalid", errors.length ? "true" : "false");
    if (errors.length) {
      form.elements.case_reference.focus();
      return;
    }
    const change = { kind: "participant", session: session.id, ...values };
    await sync.record("p:" + crypto.randomUUID(), change, { session: session.id });
    form.reset();
    say(text.saved_locally);
    await app.showSession(session.id);
    await app.refreshStatus();
  }

  async function signIn(form) {
    if (!navigator.onLine) {
      return say(text.sign_in_online);
    }
    const data = new FormData(form);
    try {
      await sync.signIn(
        data.get("username"),
        data.get("password"),
        data.get("device_name").trim(),
        (data.get("code") || "").trim(),
      );
      form.reset();
      const sessions = await sync.download();
      say(views.fmt(text.downloaded, { count: sessions.length }));
    } catch (error) {
      say(error instanceof sync.ApiError ? error.message : text.unreachable);
    }
    await app.route();
  }

  async function guarded(action) {
    try {
      await action();
    } catch (error) {
      if (error instanceof sync.ApiError && error.status === 401) {
        // Revoked or unknown token: the queue stays, for after signing in again.
        await field.store.remove("meta", "token");
        say(error.message);
      } else {
        say(error instanceof sync.ApiError ? error.message : text.unreachable);
      }
    }
    await app.route();
  }

  async function syncNow() {
    const result = await sync.sync();
    say(views.fmt(text.synced, result));
  }

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("[data-attendance-rows] select")) {
      app.markChanged(target);
    } else if (target.matches("[data-score-rows] input")) {
      app.scoreChanged(target);
    } else if (target.matches("[data-notes]")) {
      app.notesChanged(target);
    } else if (target.matches("[data-day]")) {
      app.state.day = Number(target.value);
      app.showSession(app.state.session);
    }
  });

  document.addEventListener("submit", (event) => {
    event.preventDefault();
    if (event.target.matches("[data-sign-in-form]")) {
      signIn(event.target);
    } else if (event.target.matches("[data-participant-form]")) {
      addParticipant(event.target);
    }
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) {
      return;
    }
    const data = button.dataset;
    if ("download" in data) {
      guarded(async () => {
        const sessions = await sync.download();
        say(views.fmt(text.downloaded, { count: sessions.length }));
      });
    } else if ("sync" in data) {
      guarded(syncNow);
    } else if ("signOut" in data) {
      sync.signOut().then(() => app.route());
    } else if (data.keepMine) {
      sync.keepMine(data.keepMine).then(app.showQueue);
    } else if (data.takeTheirs || data.drop) {
      sync.drop(data.takeTheirs || data.drop).then(app.showQueue);
    }
  });

  window.addEventListener("hashchange", () => {
    say("");
    app.route();
  });
  window.addEventListener("online", app.refreshStatus);
  window.addEventListener("offline", app.refreshStatus);

  async function start() {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(config.sw, { scope: config.scope }).catch(() => {});
    }
    if (await sync.expired()) {
      say(views.fmt(text.wiped, { days: config.wipe_after_days }));
    }
    const device = $("#field-device");
    if (!device.value) {
      device.value = navigator.userAgentData?.platform || navigator.platform || "";
    }
    await app.route();
  }

  start();
})(window.PDOField);
