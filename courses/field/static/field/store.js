// What the field app keeps on the phone, in IndexedDB: "meta" (token, account, last
// sync), "sessions" (as downloaded) and "changes" (the queue, one entry per change).
"use strict";

window.PDOField = window.PDOField || {};

(function (field) {
  const NAME = "pdo-field";
  const STORES = ["meta", "sessions", "changes"];
  let opened = null;

  function request(req) {
    return new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  function open() {
    if (!opened) {
      const req = indexedDB.open(NAME, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore("meta");
        db.createObjectStore("sessions", { keyPath: "id" });
        db.createObjectStore("changes", { keyPath: "uuid" });
      };
      opened = request(req);
    }
    return opened;
  }

  async function run(store, mode, action) {
    const db = await open();
    const tx = db.transaction(store, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await request(action(tx.objectStore(store)));
    await done;
    return result;
  }

  field.store = {
    get: (store, key) => run(store, "readonly", (s) => s.get(key)),
    all: (store) => run(store, "readonly", (s) => s.getAll()),
    put: (store, value, key) => run(store, "readwrite", (s) => s.put(value, key)),
    remove: (store, key) => run(store, "readwrite", (s) => s.delete(key)),
    clear: (store) => run(store, "readwrite", (s) => s.clear()),
    async clearAll() {
      for (const store of STORES) {
        await run(store, "readwrite", (s) => s.clear());
      }
    },
    async meta(key) {
      return run("meta", "readonly", (s) => s.get(key));
    },
    async setMeta(key, value) {
      return run("meta", "readwrite", (s) => s.put(value, key));
    },
  };
})(window.PDOField);
