// Takes the screenshots that scripts/screenshots.sh asks for: node screenshots.js BASE_URL OUT_DIR.
const { chromium } = require("playwright-core");

const password = process.env.PLBADGES_DEMO_PASSWORD || "Demo-Passw0rd!";
const sizes = { phone: { width: 390, height: 844 }, laptop: { width: 1280, height: 800 } };
// Who, which page, and whether to open a menu first; each shot is what fits on the screen.
const shots = [
  { file: "home-teacher", as: "teacher@demo.plbadges.test", path: "/" },
  { file: "home-district-admin", as: "admin@demo.plbadges.test", path: "/" },
  { file: "menu-district-admin", as: "admin@demo.plbadges.test", path: "/", openMenu: true },
  // Screen-sized parts of the style guide: the whole page would be a megabyte a shot.
  { file: "styleguide", as: "platform@demo.plbadges.test", path: "/styleguide" },
  { file: "styleguide-choices", as: "platform@demo.plbadges.test", path: "/styleguide#choices" },
  { file: "styleguide-errors", as: "platform@demo.plbadges.test", path: "/styleguide#errors" },
];

(async () => {
  const [base, out] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.PLBADGES_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const [size, viewport] of Object.entries(sizes)) {
      for (const shot of shots) {
        const context = await browser.newContext({ baseURL: base, viewport, colorScheme: "light" });
        const page = await context.newPage();
        await page.goto("/account/signin");
        await page.getByLabel("Email", { exact: true }).fill(shot.as);
        await page.getByLabel("Password", { exact: true }).fill(password);
        await Promise.all([page.waitForURL(url => !url.pathname.startsWith("/account/signin")), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
        const response = await page.goto(shot.path);
        const file = `${out}/${shot.file}-${viewport.width}x${viewport.height}.png`;
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
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
})().catch(error => { console.error(error); process.exit(1); });
