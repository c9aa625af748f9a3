// Takes the screenshots that scripts/screenshots.sh asks for: node screenshots.js BASE_URL OUT_DIR DATA_DIR [SET].
// SET is "frame" (part 1: the frame and the style guide), "pages" (part 2: the pages people see most) or "all".
// Only the files of the shots taken are replaced; a shot the commit cannot make is said and left out.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { chromium } = require("playwright-core");

const password = process.env.PLBADGES_DEMO_PASSWORD || "Demo-Passw0rd!";
const sizes = { phone: { width: 390, height: 844 }, laptop: { width: 1280, height: 800 } };
const people = {
  teacher: "teacher@demo.plbadges.test",
  teacher2: "teacher2@demo.plbadges.test",
  coach: "coach@demo.plbadges.test",
  admin: "admin@demo.plbadges.test",
  state: "state@demo.plbadges.test",
  platform: "platform@demo.plbadges.test",
};
// Part 1: who, which page, and whether to open a menu first; each shot is what fits on the screen.
const frameShots = [
  { file: "home-teacher", as: people.teacher, path: "/" },
  { file: "home-district-admin", as: people.admin, path: "/" },
  { file: "menu-district-admin", as: people.admin, path: "/", openMenu: true },
  // Screen-sized parts of the style guide: the whole page would be a megabyte a shot.
  { file: "styleguide", as: people.platform, path: "/styleguide" },
  { file: "styleguide-choices", as: people.platform, path: "/styleguide#choices" },
  { file: "styleguide-errors", as: people.platform, path: "/styleguide#errors" },
];

// A student's self-monitoring graph, drawn by the browser, uploaded as evidence so the coach's page has an image to show.
const graph = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="360" font-family="sans-serif">
  <rect width="600" height="360" fill="#fffdf5"/><text x="20" y="32" font-size="20">On-task writing minutes (my checklist)</text>
  <line x1="50" y1="320" x2="580" y2="320" stroke="#333"/><line x1="50" y1="60" x2="50" y2="320" stroke="#333"/>
  <line x1="50" y1="140" x2="580" y2="140" stroke="#c33" stroke-dasharray="6 4"/><text x="470" y="132" font-size="14" fill="#c33">goal: 15 min</text>
  ${[6, 5, 7, 6, 8, 10, 11, 13, 14, 16].map((v, i) => `<rect x="${65 + i * 51}" y="${320 - v * 12}" width="34" height="${v * 12}" fill="${i < 5 ? "#8aa" : "#2a6"}"/>`).join("")}
  <text x="70" y="345" font-size="14">baseline</text><text x="330" y="345" font-size="14">with the checklist</text></svg>`;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

(async () => {
  const [base, out, data, set = "all"] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.PLBADGES_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });

  // Each person signs in once; later pages reuse the cookies (many sign-ins in a row would meet the sign-in throttle).
  const signedIn = {};
  async function open(as, viewport = sizes.laptop) {
    const context = await browser.newContext({ baseURL: base, viewport, colorScheme: "light", storageState: as ? signedIn[as] : undefined });
    const page = await context.newPage();
    if (as && !signedIn[as]) {
      await page.goto("/account/signin");
      await page.getByLabel("Email", { exact: true }).fill(as);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await Promise.all([page.waitForURL(url => !url.pathname.startsWith("/account/signin")), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
      signedIn[as] = await context.storageState();
    }
    return page;
  }

  function target(name, viewport) {
    const file = `${out}/${name}-${viewport.width}x${viewport.height}.png`;
    fs.rmSync(file, { force: true });
    return file;
  }

  // One page at both sizes, as `as` (null: a visitor); `before` runs on the page before the shot.
  async function shoot(name, as, address, before) {
    for (const viewport of Object.values(sizes)) {
      const file = target(name, viewport);
      const page = await open(as, viewport);
      try {
        const response = await page.goto(address);
        if (!address.startsWith("file:") && (!response || response.status() !== 200)) {
          console.log(`${address} answered ${response && response.status()}: no ${file}`);
          continue;
        }
        if (before) await before(page);
        await page.screenshot({ path: file });
        console.log(file);
      } finally {
        await page.context().close();
      }
    }
  }

  async function frame() {
    for (const [size, viewport] of Object.entries(sizes)) {
      for (const shot of frameShots) {
        const page = await open(shot.as, viewport);
        const response = await page.goto(shot.path);
        const file = target(shot.file, viewport);
        if (!response || response.status() !== 200) {
          console.log(`${shot.path} answered ${response && response.status()}: no ${file}`);
        } else if (shot.openMenu) {
          // The phone's menu button, or the laptop's first section menu; a commit without either has nothing to open.
          const button = page.locator("header [data-menu-button]:visible, nav[aria-label=Main] button[aria-expanded]:visible").first();
          if (await button.count() === 0) {
            console.log(`No menu button on ${shot.path} at ${size} size: no ${file}`);
          } else {
            await button.click();
            await page.screenshot({ path: file });
            console.log(file);
          }
        } else {
          await page.screenshot({ path: file });
          console.log(file);
        }
        await page.context().close();
      }
    }
  }

  /** A second demo teacher submits Self-Monitoring (answers and an image); returns the submission's address. */
  async function submit() {
    const page = await open(people.teacher2);
    await page.setContent(graph);
    const png = await page.locator("svg").screenshot();
    await page.goto("/micro-credentials/ef-self-monitoring");
    await Promise.all([page.waitForURL(/\/me\/submissions\/[0-9a-f-]{36}$/), page.getByRole("button", { name: "Start a submission" }).click()]);
    const address = new URL(page.url()).pathname;
    for (const answer of await page.locator("textarea[id^='answer-']").all()) {
      await answer.fill("Fourth grade, 24 students: a self-monitoring checklist for independent writing, with five days of baseline data.");
    }
    await page.locator("#save-state").filter({ hasText: "All changes saved" }).waitFor({ timeout: 30000 });
    const file = page.locator("input[type=file]").first();
    await file.setInputFiles({ name: "self-monitoring-graph.png", mimeType: "image/png", buffer: png });
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Upload", exact: true }).first().click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Submit for review", exact: true }).click()]);
    await page.context().close();
    return address;
  }

  /** The demo coach claims the oldest waiting submission; returns the review's address. */
  async function claim() {
    const page = await open(people.coach);
    await page.goto("/review");
    await Promise.all([page.waitForURL(/\/review\/[0-9a-f-]{36}$/), page.getByRole("button", { name: /^Claim/ }).first().click()]);
    const address = new URL(page.url()).pathname;
    await page.context().close();
    return address;
  }

  /** Every criterion met, feedback written, the pass confirmed where the commit asks for it, the decision recorded. */
  async function pass(review) {
    const page = await open(people.coach);
    await page.goto(review);
    for (const met of await page.locator("input[type=radio][value=met]").all()) {
      await met.check();
    }
    await page.locator("#feedback").fill("Clear targets, honest data and a checklist your students use without you. Well done.");
    if (await page.locator("#confirm-pass").count() > 0) {
      await page.locator("#confirm-pass").check();
    }
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Record decision", exact: true }).click()]);
    await page.context().close();
  }

  /** The pass email to the second teacher, from the mail pickup folder, as an HTML file to open (a text-only email in <pre>). */
  async function passEmail(since) {
    const folder = path.join(data, "mail-pickup");
    const extract = String.raw`
import email, html, sys
from email import policy
message = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
if sys.argv[2] not in str(message["To"]):
    sys.exit(3)
subject = str(message["Subject"])
if not any(word in subject.lower() for word in ("earned", "pass")):
    sys.exit(3)
body = message.get_body(preferencelist=("html",))
if body is not None:
    print(body.get_content())
else:
    text = message.get_body(preferencelist=("plain",)).get_content()
    print("<!doctype html><meta charset=utf-8><title>" + html.escape(subject) + "</title><body style='font-family:sans-serif;margin:16px'>"
          + "<p><b>Subject:</b> " + html.escape(subject) + "</p><pre style='white-space:pre-wrap;font-family:inherit'>" + html.escape(text) + "</pre>")
`;
    for (let i = 0; i < 120; i++) {
      const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter(f => f.endsWith(".eml")).map(f => path.join(folder, f)).filter(f => fs.statSync(f).mtimeMs >= since) : [];
      for (const file of files) {
        try {
          const body = execFileSync("python3", ["-c", extract, file, people.teacher2], { encoding: "utf8" });
          const rendered = path.join(data, "pass-email.html");
          fs.writeFileSync(rendered, body);
          return rendered;
        } catch {
          // not the pass email to this teacher
        }
      }
      await sleep(1000);
    }
    return null;
  }

  /** The public page of the second teacher's badge, once it is issued (the outbox issues it). */
  async function badgeAddress() {
    const page = await open(people.teacher2);
    try {
      for (let i = 0; i < 90; i++) {
        await page.goto("/me/credentials");
        const link = page.locator("main h2 a[href^='/credentials/']").first();
        if (await link.count() > 0) return await link.getAttribute("href");
        await sleep(1000);
      }
      return null;
    } finally {
      await page.context().close();
    }
  }

  async function pages() {
    await shoot("teacher-home", people.teacher, "/");
    await shoot("readiness", people.admin, "/district/readiness");
    // A school's own readiness page (issue 21), reached from the summary table; a commit without one has no such link.
    const admin = await open(people.admin);
    await admin.goto("/district/readiness");
    const school = await admin.locator("#readiness-summary a[href^='/district/readiness/schools/']").first();
    const schoolAddress = await school.count() > 0 ? await school.getAttribute("href") : null;
    await admin.context().close();
    if (schoolAddress) {
      await shoot("readiness-school", people.admin, schoolAddress);
    } else {
      console.log("No school has a readiness page of its own: no readiness-school shots");
    }
    await shoot("state-dashboard", people.state, "/state");

    const since = Date.now();
    await submit();
    const review = await claim();
    // The scoring page at its top, and where the uploaded image is (shown in the page, or a link to download).
    await shoot("scoring-page", people.coach, review);
    await shoot("scoring-page-image", people.coach, review, async page => {
      await page.locator("img.evidence-preview, .review-evidence a[href^='/evidence/files/']").first().scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.images].every(i => i.complete));
    });
    await pass(review);

    const email = await passEmail(since);
    if (email) {
      await shoot("earning-email", null, "file://" + email);
    } else {
      console.log("No pass email reached the pickup folder: no earning-email shots");
    }

    const badge = await badgeAddress();
    if (badge) {
      await shoot("badge-page", null, badge);
    } else {
      console.log("No badge was issued to the second teacher: no badge-page shots");
    }
  }

  try {
    if (set === "frame" || set === "all") await frame();
    if (set === "pages" || set === "all") await pages();
  } finally {
    await browser.close();
  }
})().catch(error => { console.error(error); process.exit(1); });
