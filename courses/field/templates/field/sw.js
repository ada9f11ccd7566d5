// The field app's service worker: keeps the shell and its files so the app opens
// without a connection. The sync API is never cached: it always goes to the server.
"use strict";

const CACHE = {{ cache_name|safe }};
const SHELL = {{ shell|safe }};
const ASSETS = {{ assets|safe }};
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  const prefix = CACHE.replace(/-[^-]+$/, "-");
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith(prefix) && name !== CACHE)
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

// The shell page: fresh from the network when it answers soon, else the kept copy.
function shellFirstFromNetwork(request) {
  const fromNetwork = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
    }
    return response;
  });
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS));
  return Promise.race([fromNetwork, late.then(() => caches.match(SHELL))])
    .then((response) => response || fromNetwork)
    .catch(() => caches.match(SHELL));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.mode === "navigate" && url.pathname === SHELL) {
    event.respondWith(shellFirstFromNetwork(request));
    return;
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((kept) => kept || fetch(request)));
  }
});
