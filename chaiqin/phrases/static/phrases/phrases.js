// 詞庫 picker: beside every reason field marked data-phrases (chaiqin/phrases/widgets.py), a
// 「詞庫」 button opens a searchable list of the person's own phrases and the agency's common
// ones; choosing one inserts it at the caret. Everything is keyboard usable (Tab, the arrow keys,
// Enter, Escape) and phrases are inserted as text, never as markup. The list is fetched once per
// page, when a picker is first opened.
(function () {
  var cache = null;
  var count = 0;

  function load() {
    if (!cache) {
      cache = fetch("/phrases/pick/", { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { mine: [], common: [] }; })
        .catch(function () { return { mine: [], common: [] }; });
    }
    return cache;
  }

  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") { node.textContent = props[k]; } else { node.setAttribute(k, props[k]); }
    });
    return node;
  }

  function insert(field, caret, text) {
    var value = field.value;
    var at = caret === null || caret > value.length ? value.length : caret;
    var joined = value.slice(0, at) + text + value.slice(at);
    if (field.maxLength > 0 && joined.length > field.maxLength) { joined = joined.slice(0, field.maxLength); }
    field.value = joined;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
    var end = Math.min(at + text.length, joined.length);
    try { field.setSelectionRange(end, end); } catch (e) { /* inputs without a caret */ }
  }

  function attach(field) {
    count += 1;
    var id = "phrase-panel-" + count;
    var caret = null;
    var wrap = el("div", { "class": "phrase-picker" });
    var toggle = el("button", { type: "button", "class": "phrase-toggle", "aria-expanded": "false",
                                "aria-controls": id, text: "詞庫" });
    var panel = el("div", { id: id, "class": "phrase-panel", role: "group", "aria-label": "詞庫" });
    panel.hidden = true;
    var search = el("input", { type: "search", "class": "phrase-search", placeholder: "搜尋詞庫",
                               "aria-label": "搜尋詞庫" });
    var list = el("div", { "class": "phrase-list" });
    var status = el("p", { "class": "phrase-status", "aria-live": "polite" });
    var save = el("button", { type: "button", "class": "phrase-save", text: "將此欄內容存入個人詞庫" });
    var manage = el("a", { href: "/phrases/", text: "管理個人詞庫" });
    var tools = el("p", { "class": "phrase-tools" });
    tools.appendChild(save); tools.appendChild(document.createTextNode(" ")); tools.appendChild(manage);
    panel.appendChild(search); panel.appendChild(list); panel.appendChild(tools); panel.appendChild(status);
    wrap.appendChild(toggle); wrap.appendChild(panel);
    field.insertAdjacentElement("afterend", wrap);

    ["blur", "keyup", "click"].forEach(function (ev) {
      field.addEventListener(ev, function () { caret = field.selectionStart; });
    });

    function items() { return Array.prototype.slice.call(list.querySelectorAll("button:not([hidden])")); }

    function render(data) {
      list.textContent = "";
      [["mine", "我的詞庫"], ["common", "公用詞庫"]].forEach(function (group) {
        var rows = data[group[0]] || [];
        list.appendChild(el("p", { "class": "phrase-group", text: group[1] + (rows.length ? "" : "：尚無詞句") }));
        rows.forEach(function (row) {
          var b = el("button", { type: "button", "class": "phrase-item", text: row.text });
          b.addEventListener("click", function () { insert(field, caret, row.text); close(); });
          list.appendChild(b);
        });
      });
      filter();
    }

    function filter() {
      var text = search.value.trim();
      list.querySelectorAll("button").forEach(function (b) { b.hidden = !!text && b.textContent.indexOf(text) === -1; });
    }

    function open() {
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      status.textContent = "";
      load().then(render);
      search.focus();
    }

    function close() {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
    }

    toggle.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
    search.addEventListener("input", filter);
    panel.addEventListener("keydown", function (ev) {
      var all = items();
      var at = all.indexOf(document.activeElement);
      if (ev.key === "Escape") { ev.preventDefault(); close(); toggle.focus(); }
      else if (ev.key === "ArrowDown" && all.length) { ev.preventDefault(); all[at < 0 ? 0 : Math.min(at + 1, all.length - 1)].focus(); }
      else if (ev.key === "ArrowUp" && at >= 0) { ev.preventDefault(); if (at === 0) { search.focus(); } else { all[at - 1].focus(); } }
      else if (ev.key === "Enter" && document.activeElement === search && all.length) { ev.preventDefault(); all[0].click(); }
    });

    save.addEventListener("click", function () {
      var text = field.value.trim();
      if (!text) { status.textContent = "此欄尚無內容可存入。"; return; }
      var token = field.form ? field.form.querySelector("input[name=csrfmiddlewaretoken]") : null;
      var body = new URLSearchParams({ text: text });
      fetch("/phrases/add/", { method: "POST", credentials: "same-origin", body: body,
                               headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" } })
        .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
        .then(function (answer) {
          if (!answer.ok) { status.textContent = answer.data.detail || "無法存入詞庫。"; return; }
          cache = null;
          load().then(function (data) { render(data); status.textContent = "已存入個人詞庫。"; });
        })
        .catch(function () { status.textContent = "無法存入詞庫，請稍後再試。"; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-phrases]").forEach(attach);
  });
})();
