// Drawing the field app's views from what IndexedDB holds: a session's sheet (rows in
// the printed sheet's order and numbers, with the changes waiting laid over the
// downloaded values) and the sync queue.
"use strict";

(function (field) {
  const text = field.config.strings;
  const statusLabels = new Map(field.config.statuses);

  function fmt(template, values) {
    return template.replace(/%\((\w+)\)[sd]/g, (all, name) =>
      name in values ? String(values[name]) : all
    );
  }

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) {
        continue;
      }
      if (name === "dataset") {
        Object.assign(element.dataset, value);
      } else {
        element.setAttribute(name, value === true ? "" : value);
      }
    }
    for (const child of children.flat()) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  function formatDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return new Intl.DateTimeFormat(document.documentElement.lang, {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    }).format(date);
  }

  function formatTime(ms) {
    return new Intl.DateTimeFormat(document.documentElement.lang, {
      dateStyle: "medium",
      timeStyle: "short",
    }).format(new Date(ms));
  }

  function keys(ref) {
    return {
      mark: (day) => "a:" + ref + ":" + day,
      score: (test) => "s:" + ref + ":" + test,
    };
  }

  // The session as the trainer sees it on the phone: downloaded values, then the
  // changes not yet accepted by the server on top.
  function sheet(session, changes) {
    const open = changes.filter((entry) => field.sync.OPEN.includes(entry.state));
    const local = new Map(open.map((entry) => [entry.key, entry]));
    const rows = session.enrolments.map((enrolment) => ({
      ref: enrolment.id,
      number: enrolment.number,
      reference: enrolment.case_reference,
      name: enrolment.name || "",
      marks: new Map(enrolment.marks.map((mark) => [mark.day, mark])),
      pre: enrolment.pre,
      post: enrolment.post,
    }));
    for (const entry of open) {
      if (entry.change.kind === "participant" && entry.change.session === session.id) {
        rows.push({
          ref: entry.uuid,
          number: "+",
          reference: entry.change.case_reference,
          name: entry.change.name || "",
          marks: new Map(),
          pre: { value: "", version: field.sync.EMPTY_VERSION },
          post: { value: "", version: field.sync.EMPTY_VERSION },
        });
      }
    }
    for (const row of rows) {
      const key = keys(row.ref);
      row.mark = (day) => {
        const entry = local.get(key.mark(day));
        const saved = row.marks.get(day) || { status: "", version: field.sync.EMPTY_VERSION };
        return {
          value: entry ? entry.change.status : saved.status,
          version: saved.version,
          conflict: Boolean(entry && entry.state === "conflict"),
        };
      };
      row.score = (test) => {
        const entry = local.get(key.score(test));
        return {
          value: entry ? entry.change.value : row[test].value,
          version: row[test].version,
          conflict: Boolean(entry && entry.state === "conflict"),
        };
      };
    }
    const note = local.get("n:" + session.id);
    return {
      rows,
      notes: note ? note.change.text : session.notes.value,
      notesVersion: session.notes.version,
    };
  }

  function participantLabel(row) {
    return row.name ? row.reference + " · " + row.name : row.reference;
  }

  function attendanceRow(row, day) {
    const mark = row.mark(day.id);
    const id = "arow-" + row.ref;
    const select = h(
      "select",
      {
        "aria-labelledby": "mark-column " + id,
        class: mark.conflict ? "field-conflict" : null,
        dataset: { ref: String(row.ref), number: String(row.number), day: String(day.id) },
      },
      field.config.statuses.map(([value, label]) =>
        h("option", { value, selected: value === mark.value }, label)
      )
    );
    select.dataset.version = mark.version;
    return h("tr", {}, h("td", {}, row.number), h("th", { scope: "row", id }, participantLabel(row)), h("td", {}, select));
  }

  function scoreInput(row, test) {
    const score = row.score(test);
    const input = h("input", {
      inputmode: "numeric",
      maxlength: "3",
      size: "3",
      "aria-labelledby": test + "-column srow-" + row.ref,
      class: score.conflict ? "field-conflict" : null,
      dataset: { ref: String(row.ref), number: String(row.number), test },
    });
    input.value = score.value;
    input.dataset.version = score.version;
    return h("td", {}, input);
  }

  function scoreRow(row) {
    return h(
      "tr",
      {},
      h("td", {}, row.number),
      h("th", { scope: "row", id: "srow-" + row.ref }, participantLabel(row)),
      scoreInput(row, "pre"),
      scoreInput(row, "post")
    );
  }

  function describe(entry) {
    const info = entry.info || {};
    switch (entry.change.kind) {
      case "attendance":
        return fmt(text.attendance_of, { number: info.number, date: formatDate(info.date) });
      case "score":
        return fmt(text.score_of, { number: info.number, test: text[entry.change.test] });
      case "participant":
        return fmt(text.participant_of, { reference: entry.change.case_reference });
      default:
        return text.notes_of;
    }
  }

  function shown(entry, value) {
    const label = entry.change.kind === "attendance" ? statusLabels.get(value) : value;
    return label && value ? label : text.empty;
  }

  function mine(entry) {
    const change = entry.change;
    return { attendance: change.status, score: change.value, note: change.text }[change.kind];
  }

  function conflictItem(entry) {
    return h(
      "li",
      { class: "field-queue__item" },
      h("p", { class: "field-queue__what" }, describe(entry)),
      h(
        "dl",
        { class: "field-compare" },
        h("div", {}, h("dt", {}, text.mine), h("dd", { dataset: { mine: "" } }, shown(entry, mine(entry)))),
        h("div", {}, h("dt", {}, text.theirs), h("dd", { dataset: { theirs: "" } }, shown(entry, entry.server.value)))
      ),
      h("button", { type: "button", dataset: { keepMine: entry.uuid } }, text.keep_mine),
      h("button", { type: "button", class: "field-secondary", dataset: { takeTheirs: entry.uuid } }, text.take_theirs)
    );
  }

  function refusedItem(entry) {
    return h(
      "li",
      { class: "field-queue__item" },
      h("p", { class: "field-queue__what" }, describe(entry)),
      h("p", { class: "field-queue__reason" }, entry.reason),
      h("button", { type: "button", class: "field-secondary", dataset: { drop: entry.uuid } }, text.dismiss)
    );
  }

  field.views = {
    fmt,
    h,
    formatDate,
    formatTime,
    sheet,
    keys,
    attendanceRow,
    scoreRow,
    conflictItem,
    refusedItem,
  };
})(window.PDOField);
