// Descent Lab's address bar: the URL always holds the scene.
//
// history.replaceState rewrites the address without a history entry (a slider
// move must not add one) and without a rerun; a link copied or bookmarked
// brings the scene back. Where the clipboard API is refused (plain http on a
// LAN address), the address stays in a selectable field.

function build(parentElement) {
  let box = parentElement.querySelector(".descent-lab-link");
  if (box) return box;
  box = document.createElement("div");
  box.className = "descent-lab-link";
  box.innerHTML =
    '<button type="button"></button>' +
    '<input type="text" readonly aria-label="link">' +
    '<span class="descent-lab-link-status" aria-live="polite"></span>';
  parentElement.appendChild(box);
  return box;
}

export default function ({ data, parentElement }) {
  const box = build(parentElement);
  const url = new URL(window.location.href);
  url.search = data.query ? "?" + data.query : "";
  if (window.location.search !== url.search) {
    window.history.replaceState(window.history.state, "", url.toString());
  }
  const field = box.querySelector("input");
  const button = box.querySelector("button");
  const status = box.querySelector(".descent-lab-link-status");
  field.value = url.toString();
  button.textContent = data.copy;
  field.onfocus = () => field.select();
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = data.copied;
    } catch (error) {
      // Insecure context or permission refused: select the text instead.
      field.focus();
      field.select();
      status.textContent = data.select;
    }
  };
}
