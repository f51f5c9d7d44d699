// End to end: the playground (bindings/wasm/playground) with the built package, served on
// 127.0.0.1, in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no
// browser is downloaded). Types a reply with sins in English and Russian, checks what is
// highlighted, the hover card and the score, and saves a screenshot to
// build/playground-screenshot.png.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { startServer } from "../playground/serve.mjs";
import { buildDir, packageDir } from "./helpers.mjs";

const CHROMIUM = process.env.REPLYLINT_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOT = path.join(buildDir, "playground-screenshot.png");
const REPLY = "Dear valued customer, as I already said, it's company policy.\nЭто не ко мне.";

let server;
let context;
let page;
let profile;
const pageErrors = [];

before(async () => {
  assert.ok(fs.existsSync(path.join(packageDir, "replylint.js")), `no package in ${packageDir}`);
  server = await startServer({ packageDir });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "replylint-chromium-"));
  // A persistent context is how playwright takes a --user-data-dir: a fresh, empty one.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1200, height: 860 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => pageErrors.push(err.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  await page.goto(server.url);
  // Building the analyzer with every language takes a few seconds.
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/** `[rule, category, text]` of every highlighted finding, the pieces of one finding joined. */
async function highlights() {
  return page.$$eval("#mirror mark[data-finding]", (marks) => {
    const byFinding = new Map();
    for (const mark of marks) {
      const entry = byFinding.get(mark.dataset.finding) ?? [mark.dataset.rule, mark.dataset.category, ""];
      entry[2] += mark.textContent;
      byFinding.set(mark.dataset.finding, entry);
    }
    return [...byFinding.values()];
  });
}

test("typing a reply highlights its sins by category, in two languages", async () => {
  const textarea = page.locator("#reply");
  await textarea.click();
  const analysed = Number(await page.getAttribute("body", "data-analyzed"));
  await textarea.pressSequentially(REPLY, { delay: 5 });
  await page.waitForFunction((n) => Number(document.body.dataset.analyzed) > n, analysed);
  await page.waitForFunction(() => document.querySelectorAll("#mirror mark").length >= 4);

  assert.equal(await textarea.inputValue(), REPLY, "the user's text is unchanged");
  assert.deepEqual(await highlights(), [
    ["en.dear-valued-customer", "robotic_opener", "Dear valued customer"],
    ["en.as-i-said", "argumentative", "as I already said"],
    ["en.company-policy", "policy_hiding", "it's company policy"],
    ["ru.not-my-department", "deflection", "Это не ко мне"],
  ]);
  // The mirror holds exactly the text, so every highlight lies under its phrase.
  assert.equal((await page.textContent("#mirror")).replace(/\u200b$/, ""), REPLY);

  assert.equal(await page.textContent("#score"), String(90 - 6 - 6 - 6 - 12));
  const counts = await page.$$eval("#legend li", (items) =>
    Object.fromEntries(items.map((li) => [li.dataset.category, Number(li.querySelector(".count").textContent)])),
  );
  assert.equal(Object.keys(counts).length, 12);
  assert.deepEqual(
    Object.entries(counts).filter(([, n]) => n > 0),
    [
      ["robotic_opener", 1],
      ["deflection", 1],
      ["policy_hiding", 1],
      ["argumentative", 1],
    ],
  );
  assert.equal(await page.locator("#findings li[data-rule]").count(), 4);
});

test("pointing at a highlight shows its explanation and suggestion", async () => {
  const mark = page.locator('#mirror mark[data-rule="ru.not-my-department"]');
  const box = await mark.boundingBox();
  assert.ok(box, "the highlight is laid out");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const card = page.locator("#card");
  await card.waitFor({ state: "visible" });
  assert.equal(await card.getAttribute("data-rule"), "ru.not-my-department");
  assert.equal(await card.locator(".card-text").textContent(), "Это не ко мне");
  assert.match(await card.locator(".card-explanation").textContent(), /\S{10}/);
  assert.match(await card.locator(".card-suggestion").textContent(), /^Instead: \S/);
  // The card does not cover the highlight it explains.
  const cardBox = await card.boundingBox();
  assert.ok(cardBox.y >= box.y + box.height || cardBox.y + cardBox.height <= box.y);

  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  assert.ok(fs.statSync(SCREENSHOT).size > 10_000);

  await page.mouse.move(5, 5);
  await card.waitFor({ state: "hidden" });
});

test("editing the text re-analyses it; clicking a finding selects its span", async () => {
  const textarea = page.locator("#reply");
  const analysed = Number(await page.getAttribute("body", "data-analyzed"));
  await textarea.fill("I'm so sorry, that was my mistake. I understand how frustrating this must be.");
  await page.waitForFunction((n) => Number(document.body.dataset.analyzed) > n, analysed);
  const categories = await page.$$eval("#mirror mark", (marks) => marks.map((m) => m.dataset.category));
  assert.deepEqual(categories, ["apology", "empathy"]);
  assert.equal(await page.textContent("#score"), "100");

  await page.locator("#findings li[data-finding]").first().click();
  const selected = await textarea.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  const first = await page.locator("#findings li[data-finding] .quote").first().textContent();
  assert.equal(selected, first);
});

test("the page logged no errors", () => {
  assert.deepEqual(pageErrors, []);
});
