/* Offline use (docs/offline.md): registers the service worker, keeps courses
   on the device ("Keep this course on my phone", data-offline-save), lists
   them (data-offline-list), keeps what the learner does offline (marking a
   module done, quiz answers and submits) in IndexedDB and sends it, once,
   when the connection is back. Plain JavaScript; strings come translated in
   the data- attributes of #offline-i18n (no inline script: CSP). */
(function () {
  "use strict";
  var t = (document.getElementById("offline-i18n") || {dataset: {}}).dataset;
  var status = document.getElementById("offline-status");

  function fmt(text, values) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (_m, k) { return values[k]; });
  }
  function mb(bytes) {
    var n = bytes / 1048576;
    return (n < 0.1 ? "0.1" : n.toFixed(1)) + " MB";
  }
  function say(text, link) {
    if (!status) { return; }
    status.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link.href; a.textContent = link.text;
      status.appendChild(document.createTextNode(" ")); status.appendChild(a);
    }
    status.hidden = !text;
  }

  // --- IndexedDB: drafts (answers by attempt), queue (writes to send), courses (kept copies).
  var opened;
  function db() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        var req = indexedDB.open("flyway-offline", 1);
        req.onupgradeneeded = function () {
          req.result.createObjectStore("drafts", {keyPath: "attempt"});
          req.result.createObjectStore("queue", {keyPath: "id"});
          req.result.createObjectStore("courses", {keyPath: "key"});
        };
        req.onsuccess = function () { resolve(req.result); };
        req.onerror = function () { reject(req.error); };
      });
    }
    return opened;
  }
  function op(store, mode, act) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tr = d.transaction(store, mode);
        var req = act(tr.objectStore(store));
        tr.oncomplete = function () { resolve(req && req.result); };
        tr.onerror = function () { reject(tr.error); };
      });
    });
  }
  var store = {
    get: function (s, key) { return op(s, "readonly", function (o) { return o.get(key); }); },
    all: function (s) { return op(s, "readonly", function (o) { return o.getAll(); }); },
    put: function (s, value) { return op(s, "readwrite", function (o) { return o.put(value); }); },
    del: function (s, key) { return op(s, "readwrite", function (o) { return o.delete(key); }); }
  };

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var a = new Uint8Array(16); crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // --- The queue: POSTs waiting for a connection, sent in order, each once.
  function post(url, fields, csrf) {
    var body = new URLSearchParams();
    fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    return fetch(url, {method: "POST", body: body, credentials: "same-origin",
                       headers: {"X-CSRFToken": csrf}});
  }
  var listeners = [];
  function send(item) {
    return post(item.url, item.fields, item.csrf).then(function (response) {
      if (response.redirected && /\/accounts\/login\//.test(response.url)) {
        say(t.login || "Log in to send what you did offline.");
        return false;
      }
      if (!response.ok && [400, 404, 409].indexOf(response.status) < 0) { return false; }
      var reading = item.kind === "submit" ? response.json() : Promise.resolve({});
      return reading.then(function (body) {
        return store.del("queue", item.id).then(function () {
          if (item.kind === "submit" && response.ok) { return store.del("drafts", item.attempt); }
        }).then(function () {
          listeners.forEach(function (fn) { fn(item, response, body); });
          return true;
        });
      });
    }, function () { return false; });
  }
  var flushing = null;
  function flush() {
    // No test of navigator.onLine: it may lag the "online" event, and a send
    // that meets no connection leaves its item in the queue.
    if (flushing) { return flushing; }
    flushing = store.all("queue").then(function (items) {
      items.sort(function (a, b) { return a.at - b.at; });
      var sent = 0;
      return items.reduce(function (chain, item) {
        return chain.then(function () { return send(item).then(function (ok) { if (ok) { sent += 1; } }); });
      }, Promise.resolve()).then(function () {
        if (sent) { say(t.sent || "Sent: what you did offline has reached the server."); }
      });
    }).catch(function () {}).then(function () { flushing = null; });
    return flushing;
  }
  function enqueue(item) {
    item.at = Date.now();
    return store.put("queue", item);
  }
  window.addEventListener("online", flush);
  // Connections at a reserve come back without the browser noticing at once.
  setInterval(function () { if (navigator.onLine) { flush(); } }, 20000);

  // --- Marking a module done: sent now, or queued when there is no connection.
  function formFields(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) { fields.push([name, value]); });
    return fields;
  }
  document.querySelectorAll("form[data-offline-queue]").forEach(function (form) {
    var id = "done:" + form.action;
    function queued() {
      var note = document.createElement("p");
      note.className = "message";
      note.setAttribute("data-offline-queued", "");
      note.textContent = t.doneQueued || "Marked as done on this device; it will be sent when you are back online.";
      form.replaceWith(note);
    }
    store.get("queue", id).then(function (item) { if (item) { queued(); } }).catch(function () {});
    form.addEventListener("submit", function (event) {
      // Online, the form is sent as usual; a connection lost on the way gets
      // the service worker's offline page, and the learner can mark it again.
      if (navigator.onLine) { return; }
      event.preventDefault();
      var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
      enqueue({id: id, kind: "done", url: form.action, fields: formFields(form), csrf: csrf}).then(queued);
    });
  });

  // --- Keeping a course on the device.
  var canKeep = "caches" in window && "serviceWorker" in navigator && "indexedDB" in window;

  function putCopy(cache, url, response) {
    return response.blob().then(function (blob) {
      var headers = {"Content-Type": response.headers.get("Content-Type") || "application/octet-stream"};
      return cache.put(url, new Response(blob, {status: 200, headers: headers})).then(function () { return blob.size; });
    });
  }

  function keepCourse(pack, csrf, progress) {
    var name = "flyway-" + pack.key;
    var done = 0, bytes = 0, total = pack.files.length + pack.quizzes.length;
    return caches.delete(name).then(function () { return caches.open(name); }).then(function (cache) {
      var chain = pack.files.reduce(function (p, file) {
        return p.then(function () {
          return fetch(file.url, {credentials: "same-origin"}).then(function (response) {
            if (!response.ok) { throw new Error(file.url); }
            return putCopy(cache, file.url, response);
          }).then(function (size) { done += 1; bytes += size; progress(done, total, bytes); });
        });
      }, Promise.resolve());
      var attempts = [];
      chain = pack.quizzes.reduce(function (p, quiz) {
        return p.then(function () {
          // Starting (or resuming) the attempt fixes its questions, order and version now.
          return post(quiz.start_url, [["csrfmiddlewaretoken", csrf]], csrf).then(function (response) {
            var path = new URL(response.url).pathname;
            if (!response.ok || !/\/attempts\/\d+\/$/.test(path)) { return 0; }  // closed or used up
            attempts.push(path);
            return response.blob().then(function (blob) {
              var copy = function (url) {
                return cache.put(url, new Response(blob, {status: 200, headers: {"Content-Type": "text/html; charset=utf-8"}}));
              };
              return Promise.all([path].concat(quiz.detail_urls).map(copy)).then(function () { return blob.size; });
            });
          }).then(function (size) { done += 1; bytes += size; progress(done, total, bytes); });
        });
      }, chain);
      return chain.then(function () {
        return store.put("courses", {key: pack.key, title: pack.title, url: pack.url, language: pack.language,
                                     packUrl: pack.packUrl, size: bytes, storedAt: new Date().toISOString(),
                                     attempts: attempts});
      });
    }).catch(function (error) {
      // Nothing half-kept: a course is on the device whole or not at all.
      return caches.delete(name).then(function () { throw error; });
    });
  }

  function removeCourse(key) {
    return caches.delete("flyway-" + key).then(function () { return store.del("courses", key); });
  }

  function fetchPack(url) {
    return fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}}).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json().then(function (pack) { pack.packUrl = url; return pack; });
    });
  }

  function csrfToken() {
    var el = document.querySelector("[data-csrf]");
    return el ? el.getAttribute("data-csrf") : "";
  }

  function date(iso) {
    try { return new Date(iso).toLocaleDateString(document.documentElement.lang); } catch (e) { return iso; }
  }

  document.querySelectorAll("[data-offline-save]").forEach(function (box) {
    var button = box.querySelector("button.offline-keep");
    var remove = box.querySelector("button.offline-remove");
    var info = box.querySelector(".offline-info");
    var bar = box.querySelector("progress");
    var key = box.getAttribute("data-offline-key");
    var url = box.getAttribute("data-pack-url");
    var pack = null;
    function state(name, text) {
      box.setAttribute("data-offline-state", name);
      if (text !== undefined) { info.textContent = text; }
      remove.hidden = name !== "ready";
      bar.hidden = name !== "saving";
      button.disabled = name === "saving";
      button.textContent = name === "ready" ? (t.update || "Update the copy on this phone") : (t.keep || "Keep this course on my phone");
    }
    if (!canKeep) { state("unsupported", t.unsupported || "This browser cannot keep courses for offline use."); button.hidden = true; return; }
    box.hidden = false;
    store.get("courses", key).then(function (kept) {
      if (kept) { state("ready", fmt(t.kept, {size: mb(kept.size), date: date(kept.storedAt)})); }
      else { state("idle", ""); }
      if (!navigator.onLine) { return; }
      return fetchPack(url).then(function (p) {
        pack = p;
        if (!kept) { state("idle", fmt(t.size || "About %(size)s on this device.", {size: mb(p.size)})); }
      });
    }).catch(function () {});
    button.addEventListener("click", function () {
      var ready = pack ? Promise.resolve(pack) : fetchPack(url);
      state("saving", t.preparing || "Preparing…");
      ready.then(function (p) {
        pack = p;
        bar.max = p.files.length + p.quizzes.length; bar.value = 0;
        return keepCourse(p, csrfToken(), function (done, total, bytes) {
          bar.value = done;
          info.textContent = fmt(t.progress, {done: done, total: total, size: mb(bytes)});
        });
      }).then(function () {
        return store.get("courses", key);
      }).then(function (kept) {
        state("ready", fmt(t.kept, {size: mb(kept.size), date: date(kept.storedAt)}));
      }, function () {
        state("error", t.failed || "The course could not be kept: check your connection and try again.");
      });
    });
    remove.addEventListener("click", function () {
      removeCourse(key).then(function () { state("idle", ""); });
    });
  });

  // --- The list of kept courses (dashboard, offline page).
  document.querySelectorAll("[data-offline-list]").forEach(function (section) {
    var list = section.querySelector("ul");
    function draw() {
      return store.all("courses").then(function (courses) {
        list.textContent = "";
        section.hidden = !courses.length;
        courses.forEach(function (course) {
          var li = document.createElement("li");
          li.setAttribute("data-offline-course", course.key);
          var a = document.createElement("a");
          a.href = course.url; a.textContent = course.title;
          var meta = document.createElement("span");
          meta.className = "small";
          meta.textContent = " " + fmt(t.kept, {size: mb(course.size), date: date(course.storedAt)}) + " ";
          var update = document.createElement("button");
          update.type = "button"; update.className = "button button-quiet button-small"; update.textContent = t.update || "Update";
          update.addEventListener("click", function () {
            update.disabled = true;
            meta.textContent = " " + (t.preparing || "Preparing…") + " ";
            fetchPack(course.packUrl).then(function (p) { return keepCourse(p, csrfToken(), function () {}); })
              .then(draw, function () { meta.textContent = " " + (t.failed || "") + " "; update.disabled = false; });
          });
          var rm = document.createElement("button");
          rm.type = "button"; rm.className = "button button-quiet button-small"; rm.textContent = t.remove || "Remove";
          rm.addEventListener("click", function () { removeCourse(course.key).then(draw); });
          li.appendChild(a); li.appendChild(meta); li.appendChild(update); li.appendChild(rm);
          list.appendChild(li);
        });
      }).catch(function () {});
    }
    draw();
  });

  if (navigator.serviceWorker && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", {scope: "/"}).catch(function () {});
    // The offline page was stored when the worker installed, maybe before the
    // learner logged in: the dashboard refreshes it, so its menu is theirs.
    if (document.querySelector("[data-offline-list][data-csrf]") && navigator.onLine && window.caches) {
      caches.open("flyway-shell-v1").then(function (c) {
        return c.add("/" + document.documentElement.lang + "/offline/");
      }).catch(function () {});
    }
  }
  store.all("queue").then(function (items) {
    if (items.length && !navigator.onLine) {
      say(fmt(t.waiting || "%(count)s waiting to be sent when you are back online.", {count: items.length}));
    }
  }).catch(function () {});
  flush();

  window.FlywayOffline = {store: store, enqueue: enqueue, flush: flush, post: post, newKey: newKey,
                          onSent: function (fn) { listeners.push(fn); }, say: say};
})();
