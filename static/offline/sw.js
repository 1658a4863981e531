/* Flyway Academy's service worker (served at /sw.js; docs/offline.md).
   Pages come from the network while there is one. Without one, a page the
   learner kept on the phone comes from Cache Storage, and any other page is our
   own "you are offline" page in the reader's language, never the browser's
   error. Files (styles, scripts, images, downloads) come from the stored copy
   first: their addresses change whenever their content does.
   The worker never stores anything by itself: storing and removing courses is
   offline.js's work, so nothing personal is kept unless the learner asks. */
"use strict";

var SHELL = "flyway-shell-v1";
var LANGUAGES = ["en", "zh-hans", "ja", "ko", "mn", "ru"];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) {
      return cache.addAll(LANGUAGES.map(function (code) { return "/" + code + "/offline/"; }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

function offlinePage(url) {
  var first = url.pathname.split("/")[1];
  var code = LANGUAGES.indexOf(first) >= 0 ? first : "en";
  return caches.match("/" + code + "/offline/", {cacheName: SHELL});
}

function stored(request) {
  // Query strings matter for pages (filters) but the stored copy of a page is
  // kept under its plain address.
  return caches.match(request, {ignoreVary: true});
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method !== "GET") {
    // A form sent as the connection drops: our page, not the browser's error.
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(function () { return offlinePage(url); }));
    }
    return;
  }
  if (url.pathname === "/sw.js") { return; }
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(function () {
        return stored(request).then(function (hit) { return hit || offlinePage(url); });
      })
    );
    return;
  }
  if (/^\/(static|media|documents)\//.test(url.pathname)) {
    event.respondWith(
      stored(request).then(function (hit) { return hit || fetch(request); })
    );
  }
  // Anything else (the pages' own fetches) goes to the network untouched, tied
  // to its page: a reply arriving after the page is gone is dropped with it.
});
