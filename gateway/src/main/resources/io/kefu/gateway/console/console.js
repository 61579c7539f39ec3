// kefu agent console. Plain JS, no dependencies. Everything a buyer wrote is put into the page with
// textContent only, never as HTML.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { me: null, csrf: '', open: null, ws: null, wsDelay: 500, refreshQueued: false, detail: null };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  async function api(method, path, body) {
    const opts = { method, credentials: 'same-origin', headers: {} };
    if (method === 'POST') {
      opts.headers['Content-Type'] = 'application/json';
      opts.headers['X-Kefu-Csrf'] = state.csrf;
      opts.body = JSON.stringify(body || {});
    }
    const res = await fetch('/console/api/' + path, opts);
    let data = {};
    try { data = await res.json(); } catch (e) { /* empty body */ }
    if (res.status === 401 && path !== 'login') { showLogin(); }
    if (!res.ok) { const err = new Error(data.error || res.statusText); err.status = res.status; throw err; }
    return data;
  }

  function showLogin() {
    $('app').hidden = true;
    $('login').hidden = false;
    if (state.ws) { state.ws.onclose = null; state.ws.close(); state.ws = null; }
  }

  async function start() {
    try {
      state.me = await api('GET', 'me');
    } catch (e) {
      showLogin();
      return;
    }
    state.csrf = state.me.csrf;
    $('login').hidden = true;
    $('app').hidden = false;
    $('who').textContent = state.me.name + ' (' + state.me.role + ')';
    $('store').textContent = state.me.store;
    $('supervisor-btn').hidden = state.me.role !== 'supervisor';
    $('presence').disabled = !state.me.capacity;
    renderCanned();
    renderTransferTargets();
    connect();
    refreshQueue();
  }

  function renderCanned() {
    const box = $('canned');
    box.replaceChildren();
    (state.me.canned || []).forEach((text) => {
      const b = el('button', '', text);
      b.type = 'button';
      b.addEventListener('click', () => { $('reply-text').value = text; $('reply-text').focus(); });
      box.appendChild(b);
    });
  }

  function renderTransferTargets() {
    const sel = $('transfer-target');
    sel.replaceChildren();
    (state.me.agents || []).filter((a) => a.id !== state.me.user).forEach((a) => {
      const o = el('option', '', 'agent: ' + a.name);
      o.value = 'agent:' + a.id;
      sel.appendChild(o);
    });
    const groups = new Set(['default', 'pre_sales', 'after_sales', 'vip'].concat(state.me.groups || []));
    groups.forEach((g) => { const o = el('option', '', 'group: ' + g); o.value = 'group:' + g; sel.appendChild(o); });
  }

  // Live updates: the server pushes desk events; the page re-reads what they concern.
  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/console/ws');
    state.ws = ws;
    ws.onopen = () => {
      state.wsDelay = 500;
      $('app').dataset.ws = 'open';
      $('ws-state').textContent = 'live';
      heartbeat();
      refreshQueue();
      if (state.open) openConversation(state.open);
    };
    ws.onmessage = (m) => {
      let ev;
      try { ev = JSON.parse(m.data); } catch (e) { return; }
      if (ev.type === 'TICKET' || ev.type === 'SLA_BREACH' || ev.type === 'AGENTS') refreshQueueSoon();
      if (state.open && ev.conversationId === state.open) openConversation(state.open);
    };
    ws.onclose = () => {
      $('app').dataset.ws = 'closed';
      $('ws-state').textContent = 'reconnecting…';
      if (state.ws === ws) {
        setTimeout(connect, state.wsDelay);
        state.wsDelay = Math.min(state.wsDelay * 2, 10000);
      }
    };
  }

  function heartbeat() {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify({ type: 'heartbeat', status: $('presence').value }));
    }
  }
  setInterval(heartbeat, 10000);

  function refreshQueueSoon() {
    if (state.refreshQueued) return;
    state.refreshQueued = true;
    setTimeout(() => { state.refreshQueued = false; refreshQueue(); }, 50);
  }

  async function refreshQueue() {
    let q;
    try { q = await api('GET', 'queue'); } catch (e) { return; }
    renderTickets($('waiting'), q.waiting);
    renderTickets($('mine'), q.mine);
    $('waiting-count').textContent = q.waiting.length;
    $('mine-count').textContent = q.mine.length;
    if (!$('supervisor').hidden) refreshSupervisor();
  }

  function wait(ms) {
    const s = Math.floor(ms / 1000);
    return s < 60 ? s + 's' : Math.floor(s / 60) + 'm ' + (s % 60) + 's';
  }

  function renderTickets(list, tickets) {
    list.replaceChildren();
    tickets.forEach((t) => {
      const li = el('li', 'ticket' + (t.breached ? ' breached' : '') + (t.conversationId === state.open ? ' open' : ''));
      li.dataset.conv = t.conversationId;
      li.dataset.status = t.status;
      const top = el('div', 'top');
      top.appendChild(el('span', 'buyer', t.buyerId));
      top.appendChild(el('span', 'pill', t.status));
      li.appendChild(top);
      li.appendChild(el('div', 'muted', t.reason + ' · ' + t.group + ' · P' + t.priority + ' · waiting ' + wait(t.waitMs)
        + (t.assignedAgent ? ' · ' + t.assignedAgent : '')));
      li.appendChild(el('div', 'last', t.lastBuyerText));
      li.addEventListener('click', () => openConversation(t.conversationId));
      list.appendChild(li);
    });
  }

  async function openConversation(conv) {
    const fresh = state.open !== conv || $('order-panel').dataset.conv !== conv;
    state.open = conv;
    let c;
    try { c = await api('GET', 'conversations/' + encodeURIComponent(conv)); } catch (e) {
      $('action-error').textContent = e.message;
      return;
    }
    if (state.open !== conv) return;
    state.detail = c;
    $('supervisor').hidden = true;
    $('conversation').hidden = false;
    $('conversation').dataset.conv = conv;
    $('conversation').dataset.status = c.ticket.status;
    $('conversation').dataset.mode = c.mode;
    $('conv-title').textContent = c.buyerId;
    $('conv-status').textContent = c.ticket.status + (c.ticket.assignedAgent ? ' · ' + c.ticket.assignedAgent : '');
    $('conv-reason').textContent = 'reason: ' + c.ticket.reason + ' · group: ' + c.ticket.group;
    $('ctx-mode').textContent = c.mode;
    $('ctx-flow').textContent = c.activeFlow ? c.activeFlow + ' / ' + c.flowStep : '—';
    $('ctx-lang').textContent = c.language || '—';
    $('ctx-wait').textContent = wait(c.ticket.waitMs) + (c.ticket.breached ? ' (SLA breached)' : '');
    $('ctx-note').textContent = c.ticket.note || '—';
    const intents = $('ctx-intents');
    intents.replaceChildren();
    c.ticket.lastIntents.forEach((i) => intents.appendChild(el('li', '', i.intent + ' ' + (i.confidence * 100).toFixed(1) + '%')));
    const slots = $('ctx-slots').tBodies[0];
    slots.replaceChildren();
    Object.keys(c.slots).forEach((k) => {
      const tr = el('tr');
      tr.appendChild(el('th', '', k));
      tr.appendChild(el('td', '', c.slots[k]));
      slots.appendChild(tr);
    });
    renderTranscript(c.transcript);
    if (fresh) refreshOrders(conv);
    const mine = c.ticket.assignedAgent === state.me.user;
    const open = ['waiting', 'assigned', 'active'].includes(c.ticket.status);
    const sup = state.me.role === 'supervisor';
    $('take-over').disabled = !open || !state.me.capacity || (c.ticket.status === 'active' && mine)
      || (!!c.ticket.assignedAgent && !mine);
    $('resolve').disabled = !open || !(mine || sup);
    $('hand-back').disabled = !open || !(mine || sup);
    $('transfer').disabled = !open || !(mine || sup || c.ticket.status === 'waiting');
    $('send').disabled = !open || !mine;
    document.querySelectorAll('.ticket').forEach((li) => li.classList.toggle('open', li.dataset.conv === conv));
  }

  // The order panel: the buyer's recent orders from the store's ERP, asked when a conversation opens
  // and on the refresh button (not on every live update). Everything from the ERP goes in as text.
  async function refreshOrders(conv) {
    const panel = $('order-panel');
    panel.dataset.conv = conv;
    panel.dataset.state = 'loading';
    $('orders-note').textContent = 'Asking the ERP…';
    $('orders').replaceChildren();
    let o;
    try { o = await api('GET', 'conversations/' + encodeURIComponent(conv) + '/orders'); } catch (e) {
      o = { available: false, reason: 'error', message: e.message };
    }
    if (state.open !== conv || panel.dataset.conv !== conv) return;
    renderOrders(o);
  }

  function money(v) {
    return typeof v === 'number' ? '¥' + v.toFixed(2) : '';
  }

  function renderOrders(o) {
    const panel = $('order-panel');
    const list = $('orders');
    list.replaceChildren();
    if (!o.available) {
      panel.dataset.state = 'unavailable';
      panel.dataset.reason = o.reason || '';
      $('orders-note').textContent = 'ERP unavailable: ' + (o.message || o.reason || 'no answer');
      return;
    }
    panel.dataset.state = 'ready';
    panel.dataset.reason = '';
    $('orders-note').textContent = o.orders.length ? (o.total > o.orders.length ? o.orders.length + ' of ' + o.total + ' orders' : '')
      : 'No orders for this buyer.';
    o.orders.forEach((x) => {
      const li = el('li', 'order');
      li.dataset.order = x.orderId;
      const top = el('div', 'top');
      top.appendChild(el('span', 'id', x.orderId));
      top.appendChild(el('span', 'pill', x.status));
      li.appendChild(top);
      li.appendChild(el('div', 'muted', [money(x.amount), x.at ? new Date(x.at).toLocaleString() : ''].filter(Boolean).join(' · ')));
      (x.items || []).forEach((i) => li.appendChild(el('div', 'item',
        i.name + (i.variant ? ' (' + i.variant + ')' : '') + ' × ' + i.qty)));
      if (x.logistics) {
        li.appendChild(el('div', 'logistics', [x.logistics.courier, x.logistics.trackingNo].filter(Boolean).join(' ')));
        if (x.logistics.latest) {
          li.appendChild(el('div', 'latest', new Date(x.logistics.latest.at).toLocaleString() + ' ' + x.logistics.latest.text));
        }
      }
      list.appendChild(li);
    });
  }

  function renderTranscript(entries) {
    const box = $('transcript');
    const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 20;
    box.replaceChildren();
    entries.forEach((e) => {
      const row = el('div', 'entry ' + e.role);
      if (e.role === 'action') {
        row.textContent = new Date(e.at).toLocaleTimeString() + ' · ' + e.agent + ': ' + e.action;
      } else {
        row.appendChild(el('span', 'text', e.text + (e.attachments ? ' [' + e.attachments + ' attachment(s)]' : '')));
        if (e.role === 'buyer' && e.intents && e.intents.length) {
          row.appendChild(el('div', 'intents', (e.fallback ? 'not understood · ' : '')
            + e.intents.map((i) => i.intent + ' ' + (i.confidence * 100).toFixed(0) + '%').join(', ')));
        }
      }
      box.appendChild(row);
    });
    if (atBottom) box.scrollTop = box.scrollHeight;
  }

  async function act(action, body) {
    $('action-error').textContent = '';
    try {
      await api('POST', 'conversations/' + encodeURIComponent(state.open) + '/' + action, body);
      return true;
    } catch (e) {
      $('action-error').textContent = e.message;
      return false;
    }
  }

  async function refreshSupervisor() {
    let s;
    try { s = await api('GET', 'supervisor'); } catch (e) { return; }
    const q = $('sv-queues').tBodies[0];
    q.replaceChildren();
    s.queues.forEach((g) => {
      const tr = el('tr');
      [g.group, g.waiting, wait(g.longestWaitMs), g.breached].forEach((v) => tr.appendChild(el('td', '', v)));
      q.appendChild(tr);
    });
    $('sv-breaches').textContent = s.breachesLast24h;
    const a = $('sv-agents').tBodies[0];
    a.replaceChildren();
    s.agents.forEach((g) => {
      const tr = el('tr');
      [g.name, g.status, g.load + ' / ' + g.capacity, wait(g.lastSeenMs) + ' ago',
        g.conversations.map((t) => t.buyerId).join(', ')].forEach((v) => tr.appendChild(el('td', '', v)));
      a.appendChild(tr);
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      $('login-error').textContent = '';
      try {
        await api('POST', 'login', { username: $('username').value, password: $('password').value });
        $('password').value = '';
        start();
      } catch (e) {
        $('login-error').textContent = e.message;
      }
    });
    $('logout-btn').addEventListener('click', async () => {
      try { await api('POST', 'logout'); } catch (e) { /* already gone */ }
      showLogin();
    });
    $('presence').addEventListener('change', heartbeat);
    $('supervisor-btn').addEventListener('click', () => {
      $('conversation').hidden = true;
      $('supervisor').hidden = false;
      state.open = null;
      refreshSupervisor();
    });
    $('orders-refresh').addEventListener('click', () => { if (state.open) refreshOrders(state.open); });
    $('take-over').addEventListener('click', () => act('take-over'));
    $('resolve').addEventListener('click', () => act('resolve'));
    $('hand-back').addEventListener('click', () => act('hand-back'));
    $('transfer').addEventListener('click', () => {
      const [kind, target] = $('transfer-target').value.split(/:(.*)/s);
      act('transfer', kind === 'agent' ? { agent: target } : { group: target });
    });
    $('reply-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const text = $('reply-text').value;
      if (!text.trim()) return;
      if (await act('reply', { text })) $('reply-text').value = '';
    });
    setInterval(() => { if (!$('app').hidden) refreshQueue(); }, 5000); // keeps wait times current
    start();
  });
})();
