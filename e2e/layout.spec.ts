import { axeViolations } from "./support/axe";
import { eventRow, expect, openInspector, rows, test, clickRow, withDemo } from "./support/fixtures";

const SIZES = [
  [1440, 900],
  [1024, 700],
  [768, 1024],
  [390, 844],
] as const;

for (const theme of ["dark", "light"] as const) {
  for (const [width, height] of SIZES) {
    test(`${width}×${height}, ${theme}: no axe-core violations, no horizontal scroll, the parts reachable`, async ({
      page,
      inspector,
      demo,
    }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: theme });
      const phone = width < 768;
      await page.goto(withDemo(inspector, demo.url)); // the form on the demo, with its namespaces
      if (phone) await page.getByRole("button", { name: "Connection", exact: true }).click();
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      await expect(page.getByRole("status", { name: "Connection status" })).toContainText("open");
      if (phone) await page.getByRole("button", { name: "Composer", exact: true }).click();
      await page.getByLabel("Event name").fill("ask-me");
      await page.getByRole("button", { name: "Emit", exact: true }).click();
      if (phone) await page.getByRole("button", { name: "Timeline", exact: true }).click();
      await expect(eventRow(page, "question", "in")).toHaveCount(1);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await axeViolations(page)).toEqual([]);

      // With a row's detail open (a column, or over the timeline), too.
      await clickRow(eventRow(page, "question", "in"));
      await expect(page.getByRole("complementary", { name: "Row detail" })).toContainText(
        "The server asked for an ack",
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}

test("at 1024 px the timeline shows the event name whole and at least 40 characters of the payload", async ({
  page,
  inspector,
  demo,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  const tick = eventRow(page, "tick", "in").first();
  await expect(tick).toBeVisible();
  const fit = await tick.evaluate((row) => {
    const probe = document.createElement("span");
    probe.textContent = "0".repeat(100);
    probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
    row.appendChild(probe);
    const ch = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const event = row.querySelector(".c-event") as HTMLElement;
    const text = row.querySelector(".c-text") as HTMLElement;
    return { eventWhole: event.scrollWidth <= event.clientWidth, payloadChars: Math.floor(text.clientWidth / ch) };
  });
  expect(fit.eventWhole).toBe(true);
  expect(fit.payloadChars).toBeGreaterThanOrEqual(40);
});

test("pane sizes persist; the side bar and the detail pane collapse", async ({ page, inspector }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(inspector);
  const side = page.getByRole("separator", { name: "Resize the side bar" });
  await side.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  const widened = Number(await side.getAttribute("aria-valuenow"));
  await page.reload();
  await expect(page.getByRole("separator", { name: "Resize the side bar" })).toHaveAttribute(
    "aria-valuenow",
    String(widened),
  );
  await page.getByRole("button", { name: "Side bar" }).click();
  await expect(page.getByRole("complementary", { name: "Side bar" })).toBeHidden();
  await page.getByRole("button", { name: "Detail pane" }).click();
  await expect(page.getByRole("complementary", { name: "Row detail" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("complementary", { name: "Side bar" })).toBeHidden();
});

test("the theme follows the system, and the toggle's choice is kept", async ({ page, inspector }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(inspector);
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await bg()).toBe("rgb(255, 255, 255)");
  await page.getByRole("button", { name: "Theme: system" }).click(); // → light
  await page.getByRole("button", { name: "Theme: light" }).click(); // → dark
  expect(await bg()).toBe("rgb(15, 20, 25)");
  await page.reload();
  await expect(page.getByRole("button", { name: "Theme: dark" })).toBeVisible();
  expect(await bg()).toBe("rgb(15, 20, 25)");
});

for (const theme of ["dark", "light"] as const) {
  test(`${theme}: control boundaries reach 3:1 against what surrounds them (WCAG 1.4.11, which axe does not check)`, async ({
    page,
    inspector,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(inspector);
    const weak = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
      };
      const ratio = (a: number[], b: number[]) => {
        const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
        return (x + 0.05) / (y + 0.05);
      };
      /** The colour behind an element: the first ancestor with an opaque background. */
      const behind = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const out: string[] = [];
      let checked = 0;
      for (const el of document.querySelectorAll("input:not([type=checkbox]):not([type=file]), select, textarea")) {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        checked++;
        const border = rgb(getComputedStyle(el).borderTopColor).slice(0, 3);
        const r = ratio(border, behind(el.parentElement));
        if (r < 3) out.push(`${el.tagName.toLowerCase()} ${el.getAttribute("aria-label") ?? ""}: ${r.toFixed(2)}`);
      }
      return { checked, out };
    });
    expect(weak.checked).toBeGreaterThan(10);
    expect(weak.out).toEqual([]);
  });
}

test("long event names, a large payload and deep JSON do not break the layout at any width", async ({
  page,
  inspector,
  demo,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openInspector(page, inspector, demo.url);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("open");
  const long = `event-${"x".repeat(400)}`;
  let deep = "1";
  for (let i = 0; i < 150; i++) deep = `{"a": ${deep}}`;
  for (const [event, type, value] of [
    [long, "text", "y".repeat(200_000)],
    ["echo", "json", deep],
  ] as const) {
    await page.getByLabel("Event name").fill(event);
    await page.getByLabel("Argument 1 type").selectOption(type);
    await page.getByLabel("Argument 1", { exact: true }).fill(value);
    await page.getByRole("button", { name: "Emit", exact: true }).click();
  }
  // The row shows the name cut to fit; its start is enough to find it.
  const row = rows(page).filter({ has: page.locator(".c-event", { hasText: "event-xxxxxxxx" }) });
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(page.getByRole("complementary", { name: "Row detail" })).toContainText("event-xxxxxxxx");
  for (const [width, height] of SIZES) {
    // The long row's detail stays open: a column, or over the timeline below 1200 px.
    await page.setViewportSize({ width, height });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width} px`).toBeLessThanOrEqual(width);
  }
});

test("a part the first screen does not show is fetched once the page is idle, before anyone opens it", async ({
  page,
  inspector,
}) => {
  // On a tablet the row detail is drawn only for a selected row: its chunk comes from the idle prefetch alone.
  await page.setViewportSize({ width: 1024, height: 700 });
  const prefetched = page.waitForRequest((request) => /\/assets\/RowDetail-[\w-]+\.js$/.test(request.url()));
  await page.goto(inspector);
  await prefetched;
  await expect(page.locator("[data-detail]")).toHaveAttribute("data-detail", "closed");
  await expect(page.getByRole("complementary", { name: "Row detail" })).toHaveCount(0);
});
