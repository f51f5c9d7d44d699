// The options page: the hosts to check and the categories to underline, kept in
// chrome.storage.sync (settings.js). Content scripts pick a change up at once.
const { CATEGORIES, parseHosts, load, save } = globalThis.replylint;

const $ = (id) => document.getElementById(id);

const settings = await load();
$("hosts").value = settings.hosts.join("\n");
for (const { id, label, colour, positive } of CATEGORIES) {
  const input = Object.assign(document.createElement("input"), { type: "checkbox", name: "category", value: id });
  input.checked = !settings.disabledCategories.includes(id);
  const swatch = document.createElement("span");
  swatch.className = "swatch";
  swatch.style.setProperty("--c", colour);
  const row = document.createElement("label");
  row.append(input, swatch, label);
  $(positive ? "positives" : "problems").append(row);
}
document.body.dataset.ready = "true";

$("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("status").textContent = "";
  const { hosts, errors } = parseHosts($("hosts").value);
  $("errors").replaceChildren(...errors.map((e) => Object.assign(document.createElement("li"), { textContent: e })));
  if (errors.length) return;
  const disabledCategories = [...document.querySelectorAll("input[name=category]:not(:checked)")].map((i) => i.value);
  await save({ hosts, disabledCategories });
  $("hosts").value = hosts.join("\n");
  $("status").textContent = `Saved: ${hosts.length} host${hosts.length === 1 ? "" : "s"}.`;
});
