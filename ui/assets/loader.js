// Descent Lab's scene-file loader: a button that reads a JSON file in the
// browser and hands its text to Python (no upload widget, whose built-in
// words are English only). Files over the limit are refused here.

export default function ({ data, parentElement, setTriggerValue }) {
  let box = parentElement.querySelector(".descent-lab-loader");
  if (!box) {
    box = document.createElement("div");
    box.className = "descent-lab-loader";
    box.innerHTML =
      '<input type="file" accept=".json,application/json" hidden>' +
      '<button type="button"></button>' +
      '<span class="descent-lab-loader-status" aria-live="polite"></span>';
    parentElement.appendChild(box);
  }
  const input = box.querySelector("input");
  const button = box.querySelector("button");
  const status = box.querySelector(".descent-lab-loader-status");
  button.textContent = data.label;
  button.onclick = () => input.click();
  input.onchange = async () => {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > data.most) {
      status.textContent = data.too_big;
      return;
    }
    status.textContent = file.name;
    setTriggerValue("file", { name: file.name, text: await file.text() });
  };
}
