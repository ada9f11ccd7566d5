// The queue of changes and the sync API: signing in, downloading sessions, sending
// the waiting changes and keeping each answer (applied, conflict, refused).
"use strict";

(function (field) {
  const store = field.store;
  const config = JSON.parse(document.getElementById("field-config").textContent);
  // The server's version of an empty value (the first 16 hex digits of its SHA-256).
  const EMPTY_VERSION = "e3b0c44298fc1c14";
  const OPEN = ["pending", "conflict"];

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.detail) || String(status));
      this.status = status;
      this.code = (body && body.code) || "";
    }
  }

  async function call(method, path, body) {
    const headers = { Accept: "application/json" };
    const token = await store.meta("token");
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(config.api + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      throw new ApiError(response.status, data);
    }
    return data;
  }

  function uuid() {
    return crypto.randomUUID();
  }

  async function signIn(username, password, deviceName, code) {
    const issued = await call("POST", "tokens", {
      username,
      password,
      device_name: deviceName,
      code: code || "",
    });
    // Another trainer on this phone never sees the first one's data.
    if ((await store.meta("username")) !== issued.username) {
      await store.clearAll();
    }
    await store.setMeta("token", issued.token);
    await store.setMeta("username", issued.username);
    await store.setMeta("device_name", issued.device_name);
    await store.setMeta("signed_in_at", Date.now());
    return issued;
  }

  async function signOut() {
    try {
      await call("DELETE", "tokens/current");
    } catch (error) {
      // Offline or already revoked: the data on the phone is cleared all the same.
    }
    await store.clearAll();
  }

  async function download() {
    const data = await call("GET", "sessions");
    await store.clear("sessions");
    for (const session of data.sessions) {
      await store.put("sessions", session);
    }
    await store.setMeta("names_collected", data.names_collected);
    return data.sessions;
  }

  async function changes() {
    const all = await store.all("changes");
    return all.sort((a, b) => a.created - b.created);
  }

  // Keep a change; a later edit of the same value replaces a waiting one, keeping the
  // server version it was based on. A new UUID each time: the old one may have reached
  // the server already.
  async function record(key, change, info, baseVersion) {
    let version = baseVersion;
    for (const old of await changes()) {
      if (old.key === key && OPEN.includes(old.state)) {
        version = old.change.version;
        await store.remove("changes", old.uuid);
      }
    }
    const entry = {
      uuid: uuid(),
      key,
      state: "pending",
      created: Date.now(),
      info,
      change: version === undefined ? change : { ...change, version },
    };
    await store.put("changes", entry);
    return entry;
  }

  function sendable(entry) {
    return { ...entry.change, uuid: entry.uuid };
  }

  async function sync() {
    const waiting = (await changes()).filter((entry) => entry.state === "pending");
    const result = { applied: 0, conflicts: 0, refused: 0 };
    if (waiting.length) {
      const answer = await call("POST", "sync", { changes: waiting.map(sendable) });
      const byUuid = new Map(waiting.map((entry) => [entry.uuid, entry]));
      for (const outcome of answer.outcomes) {
        const entry = byUuid.get(outcome.uuid);
        if (!entry) {
          continue;
        }
        if (outcome.status === "applied") {
          await store.remove("changes", entry.uuid);
          result.applied += 1;
        } else {
          entry.state = outcome.status;
          entry.reason = outcome.reason;
          entry.server = outcome.server;
          await store.put("changes", entry);
          result[outcome.status === "conflict" ? "conflicts" : "refused"] += 1;
        }
      }
    }
    await download();
    await store.setMeta("last_sync", Date.now());
    return result;
  }

  // The trainer chose their own value: send it again, based on the server's version.
  async function keepMine(id) {
    const entry = await store.get("changes", id);
    await store.remove("changes", id);
    entry.uuid = uuid();
    entry.state = "pending";
    entry.change = { ...entry.change, version: entry.server.version };
    delete entry.server;
    await store.put("changes", entry);
  }

  async function drop(id) {
    await store.remove("changes", id);
  }

  // Data kept too long without a sync is removed (a lost phone holds it no longer).
  async function expired() {
    const last = (await store.meta("last_sync")) || (await store.meta("signed_in_at"));
    const limit = config.wipe_after_days * 24 * 3600 * 1000;
    if (last && Date.now() - last > limit) {
      await store.clearAll();
      return true;
    }
    return false;
  }

  field.config = config;
  field.sync = {
    ApiError,
    EMPTY_VERSION,
    OPEN,
    signIn,
    signOut,
    download,
    changes,
    record,
    sync,
    keepMine,
    drop,
    expired,
  };
})(window.PDOField);
