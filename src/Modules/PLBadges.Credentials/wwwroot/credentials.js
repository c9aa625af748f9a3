// "Copy link" buttons: copy the neighbouring read-only field, and say so to screen readers.
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".copy-button");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(field.value);
    button.textContent = "Copied";
  } catch {
    field.select(); // the visitor can copy the selected text themselves
    button.textContent = "Selected: press Ctrl+C";
  }
  button.setAttribute("aria-live", "polite");
});
