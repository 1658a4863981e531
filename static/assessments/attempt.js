/* Saves each answer as the learner goes (one POST per change, with the CSRF
   token), keeps ordering buttons and colour-band drawings working, and shows
   the time left. The server is the judge of time; this only informs.
   No answer is lost (docs/offline.md): every change is first written to the
   device (IndexedDB, through offline.js) and stays there until the server has
   graded the attempt; the page restores it when it opens again. Submitting
   goes through the idempotent submit with a key kept with the answers; when
   it cannot reach the server the page stays, with every answer, and the
   submit waits in the queue for the connection. */
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) { return; }
  // Messages in the reader's language, from data- attributes (no inline script: CSP).
  var i18n = document.getElementById("assessments-i18n");
  var t = i18n ? i18n.dataset : {};
  var status = document.getElementById("attempt-status");
  var url = form.getAttribute("data-save-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timers = {};
  var DARK = {red: true, green: true, blue: true, black: true, purple: true};
  // Fills and patterns are the legend's <pattern> elements, ids "<prefix>-pat-<number>".
  var LEGS = {left: 150, right: 70}, TOPS = {above: 40, below: 130};

  function say(text) { if (status) { status.textContent = text; } }

  // One save at a time per question, so an older answer never lands after a
  // newer one; "all saved" only when nothing is waiting or on its way.
  var inFlight = {}, dirty = {}, failed = false;

  function busy() {
    return Object.keys(timers).length > 0 || Object.keys(inFlight).length > 0;
  }

  function settle() {
    if (busy()) { say(t.saving || "Saving…"); }
    else if (!failed) { say(t.saved || "Saved."); }
  }

  function save(fieldset) {
    var key = fieldset.id;
    if (inFlight[key]) { dirty[key] = true; return; }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    fieldset.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (!el.name || el.disabled) { return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      data.append(el.name, el.value);
    });
    inFlight[key] = true;
    failed = false;
    settle();
    fetch(url, {method: "POST", body: data, credentials: "same-origin", headers: {"X-CSRFToken": csrf}})
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { failed = true; say(body.error || t.failed); }
        });
      })
      .catch(function () { failed = true; say(t.failed || "Not saved."); })
      .then(function () {
        delete inFlight[key];
        if (dirty[key]) { delete dirty[key]; save(fieldset); } else { settle(); }
      });
  }

  // --- On the device first.
  var offline = window.FlywayOffline;
  var attemptId = form.getAttribute("data-attempt");
  var submitUrl = form.getAttribute("data-submit-url");
  var draft = {attempt: attemptId, key: null, fields: [], queued: false};

  function fields() {
    var out = [];
    form.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken") { return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      out.push([el.name, el.value]);
    });
    return out;
  }

  function keep() {
    if (!offline) { return Promise.resolve(); }
    draft.fields = fields();
    draft.key = draft.key || offline.newKey();
    draft.updated = Date.now();
    return offline.store.put("drafts", draft).catch(function () {});
  }

  function restore(saved) {
    var values = {};
    saved.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    var seen = {};
    form.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken") { return; }
      var list = values[el.name] || [];
      if (el.type === "radio" || el.type === "checkbox") { el.checked = list.indexOf(el.value) >= 0; return; }
      if (el.type === "hidden") { return; }
      var index = seen[el.name] || 0;
      seen[el.name] = index + 1;
      if (index < list.length) { el.value = list[index]; }
    });
    // Ordering questions: put the items back in the order kept.
    form.querySelectorAll("li.ordering-item").forEach(function (item) {
      var input = item.querySelector("input[type=hidden]");
      var order = values[input.name];
      if (!order) { return; }
      var list = item.parentNode;
      var items = Array.prototype.slice.call(list.children);
      items.sort(function (a, b) {
        return order.indexOf(a.querySelector("input").value) - order.indexOf(b.querySelector("input").value);
      });
      items.forEach(function (li) { list.appendChild(li); });
    });
    form.querySelectorAll("fieldset.question").forEach(redraw);
  }

  function schedule(fieldset, delay) {
    keep();
    var key = fieldset.id;
    clearTimeout(timers[key]);
    timers[key] = setTimeout(function () { delete timers[key]; save(fieldset); }, delay);
    settle();
  }

  function redraw(fieldset) {
    var svg = fieldset.querySelector(".bands-drawing .bands-rects");
    var bands = fieldset.querySelector(".bands");
    if (!svg || !bands || bands.getAttribute("data-mode") !== "compose") { return; }
    var prefix = bands.getAttribute("data-prefix");
    var numbered = bands.classList.contains("bands-accessible");
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    fieldset.querySelectorAll(".bands-slot").forEach(function (slotSet) {
      var parts = slotSet.getAttribute("data-slot").split("_");
      var index = 0;
      slotSet.querySelectorAll("select").forEach(function (select) {
        if (!select.value) { return; }
        var rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        rect.setAttribute("x", LEGS[parts[0]] - 12); rect.setAttribute("y", TOPS[parts[1]] + index * 16);
        rect.setAttribute("width", 24); rect.setAttribute("height", 14); rect.setAttribute("rx", 2);
        // The option's index is the colour's legend number (0 is "none").
        var number = select.selectedIndex;
        rect.setAttribute("fill", "url(#" + prefix + "-pat-" + number + ")"); rect.setAttribute("stroke", "#222");
        svg.appendChild(rect);
        if (numbered) {
          var label = document.createElementNS("http://www.w3.org/2000/svg", "text");
          label.setAttribute("class", "band-number"); label.setAttribute("font-size", 12);
          label.setAttribute("font-weight", "bold"); label.setAttribute("text-anchor", "middle");
          label.setAttribute("x", LEGS[parts[0]]); label.setAttribute("y", TOPS[parts[1]] + index * 16 + 11);
          label.setAttribute("fill", DARK[select.value] ? "#ffffff" : "#111111");
          label.textContent = String(number);
          svg.appendChild(label);
        }
        index += 1;
      });
    });
  }

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset.question");
    if (!fieldset) { return; }
    redraw(fieldset);
    schedule(fieldset, 150);
  });
  form.addEventListener("input", function (event) {
    var fieldset = event.target.closest("fieldset.question");
    if (fieldset && event.target.matches("input[type=text], textarea")) { schedule(fieldset, 800); }
  });
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".js-up, .js-down");
    if (!button) { return; }
    var item = button.closest("li");
    if (button.classList.contains("js-up") && item.previousElementSibling) {
      item.parentNode.insertBefore(item, item.previousElementSibling);
    } else if (button.classList.contains("js-down") && item.nextElementSibling) {
      item.parentNode.insertBefore(item.nextElementSibling, item);
    }
    button.focus();
    schedule(button.closest("fieldset.question"), 150);
  });

  function submitted(body) {
    return offline.store.del("drafts", attemptId).catch(function () {}).then(function () {
      window.location.assign(body.result_url);
    });
  }

  function queue() {
    draft.queued = true;
    return keep().then(function () {
      var pairs = draft.fields.concat([["submit_key", draft.key], ["csrfmiddlewaretoken", csrf]]);
      return offline.enqueue({id: "submit:" + attemptId, kind: "submit", attempt: attemptId,
                              url: submitUrl, fields: pairs, csrf: csrf});
    }).then(function () {
      failed = true;
      say(t.queued || "You are offline. Your answers are kept on this device and will be sent for grading when you are back online.");
    });
  }

  if (offline && attemptId && submitUrl) {
    offline.store.get("drafts", attemptId).then(function (saved) {
      if (saved) {
        draft = saved;
        restore(saved.fields);
        if (saved.queued) { say(t.queued); }
      }
      keep();
    }).catch(function () {});
    offline.onSent(function (item, response, body) {
      if (item.attempt !== attemptId) { return; }
      if (response.ok) { window.location.assign(body.result_url); }
      else { draft.queued = false; failed = true; say(body.error || t.failed); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      keep().then(function () {
        if (!navigator.onLine) { return queue(); }
        var pairs = fields().concat([["submit_key", draft.key], ["csrfmiddlewaretoken", csrf]]);
        return offline.post(submitUrl, pairs, csrf).then(function (response) {
          if (response.redirected && /\/accounts\/login\//.test(response.url)) {
            failed = true; say(t.login || "Log in again to submit; your answers are kept on this device.");
            return;
          }
          return response.json().then(function (body) {
            if (response.ok) { return submitted(body); }
            failed = true;
            say(body.error || t.failed);
          });
        }, queue);
      }).then(function () { button.disabled = false; });
    });
    // A quiz that may be taken offline: this page, as drawn now, opens without a connection too.
    if (form.hasAttribute("data-offline-allowed") && navigator.onLine && window.caches) {
      caches.open("flyway-attempts").then(function (c) { return c.add(window.location.pathname); }).catch(function () {});
    }
  }

  var deadline = document.getElementById("attempt-deadline");
  if (deadline) {
    var end = Date.parse(deadline.getAttribute("data-deadline"));
    var out = deadline.querySelector(".attempt-countdown");
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      out.textContent = left > 0
        ? (t.timeLeft || "Time left:") + " " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0")
        : (t.up || "Time is up.");
    };
    tick(); setInterval(tick, 1000);
  }
})();
