// The phone's ballot, with JavaScript on: dots and points counted at each tap (no round trip), and
// exactly-once sending. Each submission gets a key made here; the ballot and its key wait in
// localStorage until the server's receipt, and are sent again by themselves (after a timeout, a
// reload, a server restart). The server answers the same key with the same receipt.
(function () {
  "use strict";
  var f = document.getElementById("ballot");
  if (!f || !window.fetch || !window.JSON || !window.localStorage) return;
  var T = JSON.parse(f.getAttribute("data-txt"));
  var L = f.getAttribute("data-lang"), ratings = +f.getAttribute("data-ratings");
  var method = f.getAttribute("data-method");
  var dots = +f.getAttribute("data-dots"), points = +f.getAttribute("data-points");
  var token = f.getAttribute("data-token");
  var PK = "pac_pending_" + f.getAttribute("data-code");
  var left = document.getElementById("left"), send = document.getElementById("send");
  var delay = 1000;

  function fill(s, k) {
    return s.replace(/\{(\w+)\}/g, function (m, n) { return k[n] === undefined ? m : k[n]; });
  }
  // The plural form of a count, by CLDR's rules for Arabic and French (the server's are Babel's; the
  // browser test checks both agree). Arabic: zero, one, two, few (3-10), many (11-99), other.
  function form(forms, n) {
    var c = "other", m = n % 100;
    if (L === "ar") c = n === 0 ? "zero" : n === 1 ? "one" : n === 2 ? "two" : m >= 3 && m <= 10 ? "few" : m >= 11 ? "many" : "other";
    else if (n === 0 || n === 1) c = "one";
    return forms[c] || forms.other;
  }
  function vals() {
    var out = {}, i, el;
    for (i = 0; i < f.elements.length; i++) {
      el = f.elements[i];
      if (!el.name || el.name.charAt(0) !== "v") continue;
      if (el.type === "radio") { if (el.checked) out[el.name] = el.value; }
      else out[el.name] = el.value;
    }
    return out;
  }
  function count() {
    var v = vals(), k, total = 0, text, css = "", ok = true, n = 0;
    if (method === "scoring") {
      for (k in v) if (v[k] !== "") n++;
      text = fill(form(T.rated, n), { n: n, total: ratings });
      css = n ? "done" : ""; ok = n > 0;
    } else {
      for (k in v) total += parseInt(v[k] || "0", 10) || 0;
      var budget = method === "dots" ? dots : points, rest = budget - total;
      if (rest < 0) { text = fill(form(T["over_" + method], -rest), { n: -rest }); css = "over"; ok = false; }
      else if (method === "points" && rest) { text = fill(form(T.left_points, rest), { n: rest, total: points }); ok = false; }
      else if (method === "dots" && rest) { text = fill(form(T.left_dots, rest), { n: rest }); ok = rest < dots; }
      else { text = T["all_placed_" + method]; css = "done"; }
    }
    left.textContent = text;
    left.className = css;
    left.hidden = false;
    send.disabled = !ok;
  }
  function say(kind, text) {
    var m = document.getElementById("jsmsg");
    if (!m) {
      m = document.createElement("div");
      m.id = "jsmsg";
      m.setAttribute("role", "status");
      f.parentNode.insertBefore(m, f.nextSibling);
    }
    m.className = "msg " + kind;
    m.textContent = text;
  }
  function newKey() {
    var a = new Uint8Array(16), s = "", i;
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(a);
    else for (i = 0; i < 16; i++) a[i] = Math.floor(Math.random() * 256);
    for (i = 0; i < 16; i++) s += (a[i] < 16 ? "0" : "") + a[i].toString(16);
    return s;
  }
  function post(p) {
    var body = new URLSearchParams();
    p.fields.forEach(function (kv) { body.append(kv[0], kv[1]); });
    fetch("/voter", { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return { s: r.status, j: j }; }); })
      .then(function (x) {
        if (x.s === 200 && x.j.receipt) {
          localStorage.removeItem(PK);
          location.replace(x.j.next);
        } else if (x.s >= 500) {
          retry(p);
        } else {
          localStorage.removeItem(PK);
          say("err", x.j.error || "?");
          send.disabled = false;
        }
      })
      .catch(function () { retry(p); });
  }
  function retry(p) {
    say("warn", T.retrying);
    setTimeout(function () { post(p); }, delay);
    delay = Math.min(delay * 1.5, 5000);
  }
  function restore(p) {
    var given = {};
    p.fields.forEach(function (kv) { given[kv[0]] = kv[1]; });
    for (var i = 0; i < f.elements.length; i++) {
      var el = f.elements[i];
      if (!el.name || el.name.charAt(0) !== "v" || !(el.name in given)) continue;
      if (el.type === "radio") el.checked = el.value === given[el.name];
      else el.value = given[el.name];
    }
  }

  f.addEventListener("change", count);
  f.addEventListener("input", count);
  count();
  f.addEventListener("submit", function (e) {
    e.preventDefault();
    var fields = [], i, el;
    for (i = 0; i < f.elements.length; i++) {
      el = f.elements[i];
      if (!el.name || (el.type === "radio" && !el.checked)) continue;
      fields.push([el.name, el.name === "key" ? newKey() : el.value]);
    }
    var p = { token: token, fields: fields };
    localStorage.setItem(PK, JSON.stringify(p));
    send.disabled = true;
    say("info", T.sending);
    post(p);
  });
  var pending = localStorage.getItem(PK);
  if (pending) {
    try { pending = JSON.parse(pending); } catch (err) { pending = null; }
    if (pending && pending.token === token) {
      restore(pending);
      count();
      send.disabled = true;
      say("info", T.sending);
      post(pending);
    }
  }
})();
