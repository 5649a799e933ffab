// On a phone the lists become stacked cards (chaiqin.css): each cell shows its column's heading,
// copied here from the table's <thead> into a data-label the stylesheet prints before the value.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.list").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (!heads.length) { return; }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (!cell.hasAttribute("data-label") && heads[column]) { cell.setAttribute("data-label", heads[column]); }
        column += cell.colSpan || 1;
      });
    });
  });
});

// Person pickers (by their field names, or data-search="on"): a select of many people gets a search box above it that narrows its options
// as a name, title or unit is typed (the 95-name dropdowns of a unit); the select itself still
// submits, so the page works the same without this script.
document.addEventListener("DOMContentLoaded", function () {
  var people = 'select[data-search="on"], select[name$="agent"], select[name*="person"], select[name*="decider"],' +
    ' select[name*="delegate"], select[name*="assigner"], select[name*="supervisor"], select[name*="head"]';
  document.querySelectorAll(people).forEach(function (select) {
    // picker.js already gives a <select data-picker> its own search box.
    if (select.multiple || select.options.length < 15 || select.dataset.search === "off" ||
        select.hasAttribute("data-picker")) { return; }
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-search";
    box.placeholder = "輸入姓名或職稱搜尋";
    // its own name, not the select's: the select keeps its label to itself
    box.setAttribute("aria-label", "依姓名或職稱篩選下方選單");
    select.parentNode.insertBefore(box, select);
    var all = Array.prototype.slice.call(select.options);
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      var first = null;
      all.forEach(function (option) {
        var match = !words || option.value === "" || option.textContent.toLowerCase().indexOf(words) !== -1;
        option.hidden = !match;
        if (match && option.value !== "" && first === null) { first = option; }
      });
      if (first && select.selectedOptions.length && select.selectedOptions[0].hidden) { select.value = first.value; }
    });
  });
});
