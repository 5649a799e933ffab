// The upload widget (chaiqin/web/uploads.py): show the names chosen beside 「選擇檔案」, in the page's
// language, since the browser's own 「No file chosen」 text is hidden with its input.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches(".upload input[type=file]")) return;
  var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
  input.closest(".upload").querySelector(".upload-names").textContent = names.length ? names.join("、") : "未選擇檔案";
});
