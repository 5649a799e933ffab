// Searchable pickers: a <select data-picker> gets a search box above it; typing part of a name,
// an employee number or a unit keeps only the matching options (the chosen one always stays).
(function () {
  function attach(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-search";
    box.placeholder = "搜尋姓名或單位";
    box.setAttribute("aria-label", "依姓名或單位搜尋");
    select.parentNode.insertBefore(box, select);
    var options = Array.prototype.slice.call(select.options);
    box.addEventListener("input", function () {
      var text = box.value.trim();
      var first = null;
      options.forEach(function (option) {
        var keep = !option.value || option.selected || !text || option.text.indexOf(text) !== -1;
        option.hidden = !keep;
        if (keep && option.value && !first) { first = option; }
      });
      if (text && first && !select.value) { first.selected = true; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-picker]").forEach(attach);
  });
})();
