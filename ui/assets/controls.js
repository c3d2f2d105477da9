// The play bar under an animated chart: play, pause, a step slider and the
// speed; space plays or pauses and ←/→ step. The one implementation of the
// play controls: the chart component (ui/chart.py) and the exported page
// (ui/export.py) both include this plain script; figures carry no plotly
// updatemenus or sliders (plotly redraws those on every Plotly.react, ≈ 40 ms).
//
// plotly.js 7 API used: Plotly.animate(plot, frameNames, options) and the
// plotly_animatingframe / plotly_animated / plotly_animationinterrupted events.

const SPEEDS = [0.25, 0.5, 1, 2, 4];
const WORDS = { step: "step", play: "Play", pause: "Pause", speed: "speed" };
const FRAME_MS = 60; // the figures' pace, ms per frame (2-D)
const FRAME_MS_3D = 80; // 3-D frames redraw the scene: a slower pace

// The figure as drawn with the play bar: whether it is animated, how frames
// are shown, and the bottom margin the axes need (meta.bottom, the figure's
// own word for it) now that no plotly controls sit under them.
function playable(spec) {
  const layout = { ...spec.layout };
  const frames = spec.frames || [];
  const animated = frames.length > 1;
  const redraw = Boolean(layout.scene); // 3-D frames must redraw (plotly.js)
  if (animated) {
    const bottom = layout.meta && layout.meta[TAGS.bottom];
    if (bottom != null) layout.margin = { ...(layout.margin || {}), b: bottom };
  }
  return { layout, frames, animated, redraw, duration: redraw ? FRAME_MS_3D : FRAME_MS };
}

function words(texts) {
  return { ...WORDS, ...(texts || {}) };
}

// "step" is a prefix ("step 12") or a template around {n} ("第 {n} 步").
function stepLabel(word, name) {
  return word.includes("{n}") ? word.replace("{n}", name) : word + " " + name;
}

function barOf(root) {
  return root.parentElement
    ? root.parentElement.querySelector(":scope > .descent-lab-controls")
    : null;
}

function makeBar(root) {
  const bar = document.createElement("div");
  bar.className = "descent-lab-controls";
  const options = SPEEDS.map((s) => `<option value="${s}">${s}×</option>`).join("");
  bar.innerHTML =
    '<button type="button" class="descent-lab-play">▶</button>' +
    '<button type="button" class="descent-lab-pause">❚❚</button>' +
    '<input type="range" class="descent-lab-step" min="0" value="0" step="1">' +
    '<span class="descent-lab-label"></span>' +
    '<label class="descent-lab-speed"><span class="descent-lab-speed-word"></span>' +
    `<select>${options}</select></label>`;
  bar.__speed = 1;
  root.after(bar);
  return bar;
}

// The words of the bar and the speed the page asks for (a choice made in
// the bar itself stays until the page asks for another speed).
function dressBar(bar, texts, speed) {
  const w = words(texts);
  bar.__words = w;
  for (const [cls, word] of [["play", w.play], ["pause", w.pause]]) {
    const button = bar.querySelector(".descent-lab-" + cls);
    button.title = word;
    button.setAttribute("aria-label", word);
  }
  bar.querySelector(".descent-lab-speed-word").textContent = w.speed;
  const select = bar.querySelector(".descent-lab-speed select");
  select.setAttribute("aria-label", w.speed);
  const asked = Number(speed) > 0 ? Number(speed) : 1;
  if (bar.__askedSpeed !== asked) {
    bar.__askedSpeed = asked;
    bar.__speed = asked;
    if (!SPEEDS.includes(asked)) {
      select.insertAdjacentHTML("beforeend", `<option value="${asked}">${asked}×</option>`);
    }
    select.value = String(asked);
  }
  const label = bar.querySelector(".descent-lab-label");
  if (bar.__names && bar.__shown != null) {
    label.textContent = stepLabel(w.step, bar.__names[bar.__shown]);
  }
}

// plotly.js rejects the promise of an animation that another one interrupts.
function animate(Plotly, plot, frames, options) {
  const done = Plotly.animate(plot, frames, options);
  if (done && done.catch) done.catch(() => {});
}

// The bar's actions on one plot's frames.
function barActions(Plotly, bar, plot, anim) {
  const { redraw } = anim;
  const range = bar.querySelector(".descent-lab-step");
  const options = (duration) => ({
    mode: "immediate",
    frame: { duration, redraw },
    transition: { duration: 0 },
  });
  const show = (i) => {
    bar.__shown = i;
    range.value = String(i);
    bar.querySelector(".descent-lab-label").textContent = stepLabel(
      bar.__words.step,
      bar.__names[i]
    );
    announce(bar);
  };
  const actions = {
    show,
    play() {
      const names = bar.__names;
      const at = Number(range.value);
      const from = at >= names.length - 1 ? 0 : at + 1;
      bar.__playing = true;
      announce(bar);
      animate(Plotly, plot, names.slice(from), options(anim.duration / bar.__speed));
    },
    pause() {
      bar.__playing = false;
      animate(Plotly, plot, [null], { mode: "immediate" });
      announce(bar);
    },
    toggle() {
      if (bar.__playing) actions.pause();
      else actions.play();
    },
    step(delta) {
      if (bar.__playing) actions.pause();
      const last = bar.__names.length - 1;
      const i = Math.min(last, Math.max(0, Number(range.value) + delta));
      show(i);
      animate(Plotly, plot, [bar.__names[i]], options(0));
    },
    scrub() {
      bar.__playing = false;
      show(Number(range.value));
      animate(Plotly, plot, [bar.__names[Number(range.value)]], options(0));
    },
  };
  return actions;
}

// Tells the page which frame the bar shows and whether it plays: a bubbling
// FRAME_EVENT on the chart's element, detail {key, name, index, playing}.
// Charts that follow this one (a data view) and the map's mini-batch
// surface (batch.js) listen to it.
const FRAME_EVENT = TAGS.frameEvent;

function announce(bar) {
  if (!bar.__root || !bar.__names || bar.__shown == null) return;
  const detail = {
    key: bar.__key,
    name: bar.__names[bar.__shown],
    index: bar.__shown,
    playing: Boolean(bar.__playing),
  };
  bar.__root.dispatchEvent(new CustomEvent(FRAME_EVENT, { bubbles: true, detail }));
}

// Draws (or removes) the bar under ``root`` for ``plot``'s frames. ``anim``:
// {frames, redraw, duration}, or null for a still figure; ``look``: {texts,
// speed, large, left}.
function controls(Plotly, root, plot, anim, look) {
  let bar = barOf(root);
  if (!anim) {
    if (bar) bar.remove();
    return;
  }
  if (!bar) bar = makeBar(root);
  bar.__root = root;
  bar.__key = look.key || "";
  dressBar(bar, look.texts, look.speed);
  bar.classList.toggle("descent-lab-large", look.large);
  bar.style.marginLeft = look.left + "px";
  bar.__names = anim.frames.map((f) => f.name);
  bar.querySelector(".descent-lab-step").max = String(bar.__names.length - 1);
  const actions = (bar.__actions = barActions(Plotly, bar, plot, anim));
  bar.querySelector(".descent-lab-play").onclick = actions.play;
  bar.querySelector(".descent-lab-pause").onclick = actions.pause;
  bar.querySelector(".descent-lab-step").oninput = actions.scrub;
  bar.querySelector(".descent-lab-speed select").onchange = (event) => {
    bar.__speed = Number(event.target.value) || 1;
    if (bar.__playing) actions.play(); // on from the frame shown, at the new pace
  };
  if (!plot.__descentLabFrames) {
    plot.__descentLabFrames = true;
    plot.on("plotly_animatingframe", (event) => {
      const i = bar.__names.indexOf(event.name);
      if (i >= 0) bar.__actions.show(i);
    });
    const stopped = () => {
      bar.__playing = false;
      announce(bar);
    };
    plot.on("plotly_animated", stopped);
    plot.on("plotly_animationinterrupted", stopped);
  }
  // A new figure shows its last step, as the markers do.
  bar.__playing = false;
  actions.show(bar.__names.length - 1);
}

// Keyboard: space plays or pauses, ←/→ step one frame, on the first animated
// chart of the page, unless the focus is in a control or a Streamlit widget.
const CONTROL =
  'input, textarea, select, button, [role="slider"], [role="combobox"],' +
  ' [role="listbox"], [role="option"], [role="radio"], [role="checkbox"],' +
  ' [role="switch"], [role="tab"], [role="menuitem"], [role="spinbutton"],' +
  ' [contenteditable=""], [contenteditable="true"], [data-baseweb],' +
  ' [data-testid="stSlider"], [data-testid="stSelectbox"],' +
  ' [data-testid="stMultiSelect"], [data-testid="stNumberInput"],' +
  ' [data-testid="stTextInput"], [data-testid="stTextArea"],' +
  ' [data-testid="stRadio"], [data-testid="stCheckbox"]';

function inControl(el) {
  return Boolean(el && el.closest && el.closest(CONTROL));
}

function onPlayKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const key = event.key;
  if (key !== " " && key !== "ArrowLeft" && key !== "ArrowRight") return;
  if (inControl(event.target) || inControl(document.activeElement)) return;
  const bar = document.querySelector(".descent-lab-controls");
  if (!bar || !bar.__actions) return;
  event.preventDefault();
  if (key === " ") bar.__actions.toggle();
  else bar.__actions.step(key === "ArrowLeft" ? -1 : 1);
}

// One listener for the page however many charts it shows (adding the same
// function twice is a no-op for addEventListener).
function installPlayKeys() {
  document.addEventListener("keydown", onPlayKey);
}

function removePlayKeys() {
  document.removeEventListener("keydown", onPlayKey);
}
