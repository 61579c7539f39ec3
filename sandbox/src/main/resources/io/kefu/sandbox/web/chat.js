// Buyer web chat for the kefu sandbox: speaks the open channel (PLATFORMS.md §7) as JSON
// text frames. Plain browser JavaScript, no build step, no network beyond this server.
//
// Guarantees it keeps (the same ones a real store's web chat needs):
//  - a message is "sending…" until the server acks it (ack = persisted); unacked messages are
//    kept in localStorage and resent after every reconnect under the same clientMsgId, which the
//    server deduplicates;
//  - every reply is acked (or the server redelivers it) and shown once, deduplicated on its id;
//  - a dropped connection is retried with capped exponential backoff plus jitter;
//  - all buyer/bot/agent text goes through textContent, never innerHTML.
(function () {
  "use strict";

  var STORE = "kefu.chat.v1.";
  var HISTORY_LIMIT = 200;       // messages kept per buyer and channel
  var SEEN_LIMIT = 1000;         // reply ids remembered for dedup
  var BACKOFF_BASE_MS = 500;
  var BACKOFF_CAP_MS = 15000;
  var MAX_TEXT = 2000;           // far below the 64 KiB frame limit even in UTF-8 JSON

  var el = {
    channel: document.getElementById("channel"),
    storeName: document.getElementById("store-name"),
    status: document.getElementById("status"),
    buyerId: document.getElementById("buyer-id"),
    newBuyer: document.getElementById("new-buyer"),
    messages: document.getElementById("messages"),
    quick: document.getElementById("quick-replies"),
    composer: document.getElementById("composer"),
    input: document.getElementById("input"),
    send: document.getElementById("send"),
    unpaid: document.getElementById("unpaid-order")
  };

  var channels = [];
  var channel = null;          // the selected entry of config.json "channels"
  var buyerId = null;
  var state = null;            // { messages: [...], seen: [...] } persisted per channel + buyer
  var ws = null;
  var authed = false;
  var attempt = 0;
  var reconnectTimer = null;
  var heartbeatTimer = null;
  var heartbeatMs = 25000;
  var lastFrameAt = 0;
  var pingNonce = 0;
  var bridgeGen = 0;           // bumps on every disconnect: stale polls of a platform bridge stop
  var bridgeNext = 0;          // replies of the platform bridge already received

  // ---------- storage ----------

  function load(key, fallback) {
    try {
      var raw = localStorage.getItem(STORE + key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      localStorage.setItem(STORE + key, JSON.stringify(value));
    } catch (e) {
      // Storage full or disabled: the chat still works, it just forgets on reload.
    }
  }

  function stateKey() {
    return "state." + channel.id + "." + buyerId;
  }

  function persist() {
    state.messages = state.messages.slice(-HISTORY_LIMIT);
    state.seen = state.seen.slice(-SEEN_LIMIT);
    save(stateKey(), state);
  }

  function randomId(prefix) {
    if (window.crypto && crypto.randomUUID) {
      return prefix + crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return prefix + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function ensureBuyerId(forceNew) {
    var id = forceNew ? null : load("buyerId", null);
    if (!id) {
      id = randomId("web-").slice(0, 16);
      save("buyerId", id);
    }
    return id;
  }

  // ---------- rendering (textContent only) ----------

  function setStatus(kind, text) {
    el.status.dataset.state = kind;
    el.status.textContent = text;
  }

  function timeOf(ms) {
    var d = new Date(ms || Date.now());
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  var WHO = { bot: "机器人 · Bot", agent: "人工客服 · Agent", system: "" };

  function renderMessage(m) {
    var row = document.createElement("div");
    row.className = "msg " + m.kind;
    row.dataset.id = m.id;
    if (WHO[m.kind]) {
      var who = document.createElement("div");
      who.className = "who";
      who.textContent = WHO[m.kind];
      row.appendChild(who);
    }
    var bubble = document.createElement("div");
    bubble.className = "bubble text";
    bubble.textContent = m.text;
    row.appendChild(bubble);

    var meta = document.createElement("div");
    meta.className = "meta";
    var time = document.createElement("span");
    time.className = "time";
    time.textContent = timeOf(m.ts);
    meta.appendChild(time);
    if (m.kind === "buyer") {
      var tick = document.createElement("span");
      tick.className = "tick";
      meta.appendChild(tick);
      row.appendChild(meta);
      setTick(row, m.status);
    } else if (m.kind !== "system") {
      row.appendChild(meta);
    }
    el.messages.appendChild(row);
    return row;
  }

  function setTick(row, status) {
    var tick = row.querySelector(".tick");
    row.dataset.status = status;
    tick.dataset.status = status;
    tick.textContent = status === "sent" ? "sent ✓" : status === "failed" ? "not sent ✕" : "sending…";
  }

  function rowFor(id) {
    var rows = el.messages.querySelectorAll(".msg");
    for (var i = rows.length - 1; i >= 0; i--) {
      if (rows[i].dataset.id === id) {
        return rows[i];
      }
    }
    return null;
  }

  function scrollDown() {
    el.messages.scrollTop = el.messages.scrollHeight;
  }

  function showQuickReplies(options) {
    el.quick.replaceChildren();
    (options || []).forEach(function (label) {
      var chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.textContent = label;
      chip.addEventListener("click", function () { sendText(label); });
      el.quick.appendChild(chip);
    });
    el.quick.hidden = el.quick.childElementCount === 0;
  }

  function renderAll() {
    el.messages.replaceChildren();
    state.messages.forEach(renderMessage);
    var last = state.messages[state.messages.length - 1];
    showQuickReplies(last && last.kind !== "buyer" ? last.quickReplies : []);
    scrollDown();
  }

  function systemNote(text) {
    // Not persisted: connection notes belong to this page view only.
    renderMessage({ kind: "system", id: randomId("sys-"), text: text, ts: Date.now() });
    scrollDown();
  }

  // ---------- protocol ----------

  function wsUrl() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + location.host + "/channel/open/" + encodeURIComponent(channel.id)
      + "?token=" + encodeURIComponent(channel.token || "");
  }

  function sendFrame(frame) {
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  // ---------- platform channels (demo): the sandbox bridge to the platform simulator ----------
  // The buyer "writes on Slack/WeCom/…": POST {bridge}/say makes the simulator deliver the message
  // to kefu as the platform would; GET {bridge}/replies returns what kefu sent back through the
  // platform's API. Polled once a second.

  function connectBridge() {
    var gen = ++bridgeGen;
    authed = true;
    bridgeNext = state.bridgeNext || 0;
    setStatus("online", "online · via " + String(channel.platform || "").toLowerCase() + " simulator");
    resendPending();
    pollBridge(gen);
  }

  function pollBridge(gen) {
    var ch = channel;
    fetch(ch.bridge + "/replies?buyer=" + encodeURIComponent(buyerId) + "&after=" + bridgeNext, { cache: "no-store" })
      .then(function (res) {
        if (!res.ok) { throw new Error("HTTP " + res.status); }
        return res.json();
      })
      .then(function (r) {
        if (gen !== bridgeGen) { return; }
        (r.replies || []).forEach(function (x) {
          onReply({ id: String(x.id), text: String(x.text || ""), sender: "BOT", createdAt: Date.now() });
        });
        bridgeNext = Math.max(bridgeNext, Number(r.next) || 0);
        state.bridgeNext = bridgeNext;
        persist();
        setStatus("online", "online · via " + String(ch.platform || "").toLowerCase() + " simulator");
      })
      .catch(function (e) {
        if (gen === bridgeGen) { setStatus("offline", "offline — retrying (" + e.message + ")"); }
      })
      .then(function () {
        if (gen === bridgeGen) { reconnectTimer = setTimeout(function () { pollBridge(gen); }, 1000); }
      });
  }

  function sayViaBridge(m) {
    var gen = bridgeGen;
    fetch(channel.bridge + "/say", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ buyer: buyerId, text: m.text, clientMsgId: m.id })
    }).then(function (res) {
      if (res.ok) {
        markSent(m.id);
      } else if (res.status >= 400 && res.status < 500) {
        m.status = "failed";
        persist();
        var row = rowFor(m.id);
        if (row) { setTick(row, "failed"); }
      } else {
        throw new Error("HTTP " + res.status);
      }
    }).catch(function () {
      setTimeout(function () { if (gen === bridgeGen && m.status === "sending") { sayViaBridge(m); } }, 2000);
    });
  }

  function deliver(m) {
    if (channel.bridge) {
      sayViaBridge(m);
    } else {
      sendFrame({ message: { clientMsgId: m.id, text: m.text, sentAt: String(m.ts) } });
    }
  }

  // ---------- demo: an unpaid order whose payment reminder (催付) arrives in this chat ----------

  function simulateUnpaidOrder() {
    if (!channel || !channel.unpaidOrder) { return; }
    el.unpaid.disabled = true;
    fetch(channel.unpaidOrder + "?buyer=" + encodeURIComponent(buyerId), { method: "POST" })
      .then(function (res) {
        if (!res.ok) { throw new Error("HTTP " + res.status); }
        return res.json();
      })
      .then(function (r) {
        state.unpaidOrder = String(r.order || "");
        persist();
        systemNote("unpaid order " + state.unpaidOrder + " created — the reminder arrives in about "
          + (r.remindInSeconds || "a few") + " s");
      })
      .catch(function (e) {
        el.unpaid.disabled = false;
        systemNote("could not create the order: " + e.message);
      });
  }

  function showUnpaidButton() {
    if (!el.unpaid) { return; }
    el.unpaid.hidden = !channel.unpaidOrder;
    el.unpaid.disabled = !!state.unpaidOrder; // once per buyer
  }

  function connect() {
    if (channel.bridge) {
      connectBridge();
      return;
    }
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    authed = false;
    setStatus(attempt === 0 ? "connecting" : "reconnecting", attempt === 0 ? "connecting…" : "reconnecting…");
    var socket = new WebSocket(wsUrl());
    ws = socket;
    socket.onopen = function () {
      if (ws !== socket) { return; }
      lastFrameAt = Date.now();
      sendFrame({ auth: { buyerId: buyerId, buyerName: "Web buyer " + buyerId.slice(4, 10),
        locale: navigator.language || "zh-CN" } });
    };
    socket.onmessage = function (event) {
      if (ws !== socket) { return; }
      lastFrameAt = Date.now();
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return; // not for us; a malformed frame never kills the chat
      }
      onFrame(frame);
    };
    socket.onclose = function () {
      if (ws !== socket) { return; }
      ws = null;
      authed = false;
      stopHeartbeat();
      scheduleReconnect();
    };
    socket.onerror = function () { /* onclose follows and decides */ };
  }

  function scheduleReconnect() {
    // Capped exponential backoff with "equal jitter" so a server restart is not met by every
    // open chat at the same instant.
    var ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * Math.pow(2, attempt));
    var delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
    attempt++;
    setStatus("offline", "offline — retrying in " + Math.ceil(delay / 1000) + " s");
    reconnectTimer = setTimeout(connect, delay);
  }

  // Abandon the current socket now rather than wait for its close handshake, which on a dead
  // connection can take minutes, and start the backoff.
  function dropSocket() {
    if (!ws) { return; }
    var old = ws;
    ws = null;
    authed = false;
    stopHeartbeat();
    old.close();
    scheduleReconnect();
  }

  function disconnect() {
    bridgeGen++;
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    stopHeartbeat();
    if (ws) {
      var old = ws;
      ws = null;
      old.close();
    }
    authed = false;
  }

  function onFrame(f) {
    if (f.authOk) {
      authed = true;
      attempt = 0;
      heartbeatMs = f.authOk.heartbeatIntervalMs || heartbeatMs;
      startHeartbeat();
      setStatus("online", "online");
      resendPending();
    } else if (f.ack) {
      markSent(f.ack.id);
    } else if (f.reply) {
      onReply(f.reply);
    } else if (f.ping) {
      sendFrame({ pong: { nonce: f.ping.nonce } });
    } else if (f.error) {
      onError(f.error);
    }
  }

  function onError(e) {
    systemNote("error " + (e.code || "") + (e.message ? ": " + e.message : ""));
    if (e.code === "NOT_AUTHENTICATED") {
      dropSocket(); // reconnect and authenticate again
      return;
    }
    var m = e.refId && state.messages.find(function (x) { return x.kind === "buyer" && x.id === e.refId; });
    if (!m || m.status === "sent") { return; }
    if (e.retryable) {
      // Nothing was persisted (e.g. UNAVAILABLE, RATE_LIMITED): try again shortly, same id.
      setTimeout(function () { if (authed) { resendPending(); } }, 2000);
    } else {
      // TOO_LARGE, BAD_REQUEST: resending would fail forever; say so on the message.
      m.status = "failed";
      persist();
      var row = rowFor(m.id);
      if (row) { setTick(row, "failed"); }
    }
  }

  function resendPending() {
    state.messages.forEach(function (m) {
      if (m.kind === "buyer" && m.status === "sending") {
        deliver(m);
      }
    });
  }

  function markSent(id) {
    var m = state.messages.find(function (x) { return x.kind === "buyer" && x.id === id; });
    if (!m || m.status === "sent") { return; }
    m.status = "sent";
    persist();
    var row = rowFor(id);
    if (row) { setTick(row, "sent"); }
  }

  function onReply(r) {
    // Ack first, duplicates included: an unacked reply comes back after every reconnect.
    sendFrame({ ack: { id: r.id } });
    if (state.seen.indexOf(r.id) >= 0) {
      return;
    }
    state.seen.push(r.id);
    var kind = r.sender === "AGENT" ? "agent" : r.sender === "SYSTEM" ? "system" : "bot";
    var m = {
      kind: kind,
      id: r.id,
      text: r.text || "",
      ts: Number(r.createdAt) || Date.now(),
      inReplyTo: r.inReplyTo || "",
      quickReplies: r.quickReplies || []
    };
    if (m.inReplyTo) {
      markSent(m.inReplyTo); // a reply implies the message was persisted, even if the ack was lost
    }
    state.messages.push(m);
    persist();
    renderMessage(m);
    showQuickReplies(m.quickReplies);
    scrollDown();
  }

  function sendText(raw) {
    var text = String(raw).trim();
    if (!text || !channel) { return false; }
    if (text.length > MAX_TEXT) {
      text = text.slice(0, MAX_TEXT);
    }
    var m = { kind: "buyer", id: randomId("m-"), text: text, ts: Date.now(), status: "sending" };
    state.messages.push(m);
    persist();
    renderMessage(m);
    showQuickReplies([]);
    scrollDown();
    if (authed) {
      deliver(m);
    } // otherwise resendPending() sends it once the connection is back
    return true;
  }

  // A server we cannot hear from is dead even if TCP has not noticed: ping when idle, and
  // drop the socket (and reconnect) after two silent intervals.
  function startHeartbeat() {
    stopHeartbeat();
    heartbeatTimer = setInterval(function () {
      var idle = Date.now() - lastFrameAt;
      if (idle > 2 * heartbeatMs + 5000) {
        dropSocket();
      } else if (idle > heartbeatMs) {
        sendFrame({ ping: { nonce: String(++pingNonce) } });
      }
    }, Math.max(1000, Math.min(heartbeatMs / 2, 10000)));
  }

  function stopHeartbeat() {
    clearInterval(heartbeatTimer);
    heartbeatTimer = null;
  }

  // ---------- wiring ----------

  function selectChannel(id) {
    disconnect();
    channel = channels.find(function (c) { return c.id === id; }) || channels[0];
    save("channel", channel.id);
    el.channel.value = channel.id;
    el.storeName.textContent = channel.name || channel.store || "在线客服";
    document.title = (channel.name || "kefu") + " · 在线客服";
    state = load(stateKey(), null) || { messages: [], seen: [] };
    renderAll();
    showUnpaidButton();
    attempt = 0;
    connect();
  }

  function newBuyer() {
    buyerId = ensureBuyerId(true);
    el.buyerId.textContent = buyerId;
    selectChannel(channel.id);
  }

  function submit(event) {
    event.preventDefault();
    if (sendText(el.input.value)) {
      el.input.value = "";
    }
    el.input.focus();
  }

  el.composer.addEventListener("submit", submit);
  el.input.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing (拼音 input).
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      submit(event);
    }
  });
  el.channel.addEventListener("change", function () { selectChannel(el.channel.value); });
  el.newBuyer.addEventListener("click", newBuyer);
  if (el.unpaid) { el.unpaid.addEventListener("click", simulateUnpaidOrder); }

  function start() {
    buyerId = ensureBuyerId(false);
    el.buyerId.textContent = buyerId;
    setStatus("connecting", "loading…");
    fetch("/sandbox/config.json", { cache: "no-store" })
      .then(function (res) {
        if (!res.ok) { throw new Error("HTTP " + res.status); }
        return res.json();
      })
      .then(function (config) {
        channels = (config.channels || []).filter(function (c) { return c && c.id; });
        if (channels.length === 0) { throw new Error("no channels configured"); }
        channels.forEach(function (c) {
          var option = document.createElement("option");
          option.value = c.id;
          option.textContent = (c.name || c.id) + (c.platform ? " (" + c.platform + ")" : "");
          el.channel.appendChild(option);
        });
        selectChannel(load("channel", channels[0].id));
      })
      .catch(function (e) {
        setStatus("error", "cannot load /sandbox/config.json: " + e.message);
      });
  }

  start();
})();
