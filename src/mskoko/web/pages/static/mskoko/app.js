// МСОКО: the few behaviours the pages need beyond htmx (no inline scripts: CSP allows only files).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target.matches("select[data-autosubmit]") && target.form) {
    target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
  }
});

// File pickers: show the chosen file's name next to the Russian button.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (input.type !== "file") return;
  var pick = input.closest(".file-pick");
  if (!pick) return;
  var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
  pick.querySelector(".file-name").textContent = names.length ? names.join(", ") : "файл не выбран";
  pick.classList.toggle("has-file", names.length > 0);
});
