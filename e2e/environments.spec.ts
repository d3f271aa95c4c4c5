// Issue 36: environments and {{variables}} in the page, against real socket.io servers whose middleware checks a
// token of their own; the command line's `run --env` on the same Postman file.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { decodePresetFragment } from "../src/core/presets/link";
import { connect, expect, test } from "./support/fixtures";
import { tokenServer, type TokenServer } from "./support/token-server";

const TOKEN_A = "tok-local-1f2e3d";
const TOKEN_B = "tok-second-9a8b7c";

const environmentsPanel = (page: Page) => page.getByRole("region", { name: "Environments" });

/** Makes an environment in the Environments panel with its variables (name, value, secret). */
async function addEnvironment(page: Page, name: string, variables: Array<[string, string, boolean?]>) {
  const panel = environmentsPanel(page);
  await panel.getByLabel("New environment name").fill(name);
  await panel.getByRole("button", { name: "Add environment" }).click();
  await panel.getByLabel("Environment to edit").selectOption(name);
  for (const [i, [key, value, secret]] of variables.entries()) {
    await panel.getByRole("button", { name: "Add variable" }).click();
    await panel.getByLabel(`Variable name ${i + 1}`).fill(key);
    await panel.getByLabel(`Value of ${key}`).fill(value);
    if (secret) await panel.getByLabel(`${key} is secret`).check();
  }
}

/** The form of a server at {{host}} whose "/" namespace sends {{token}} as its auth. */
async function variableForm(page: Page) {
  await page.getByLabel("Server URL").fill("http://{{host}}");
  await page.getByLabel("Auth of /", { exact: true }).fill('{"token": "{{token}}"}');
  await page.getByLabel("Auth of /", { exact: true }).blur();
}

let servers: TokenServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

test("two environments, one preset: switching the Environment select reconnects it to the other server with the other token", async ({
  page,
  inspector,
}) => {
  const [a, b] = (servers = [await tokenServer(TOKEN_A), await tokenServer(TOKEN_B)]);
  await page.goto(inspector);
  await addEnvironment(page, "local", [
    ["host", a!.host],
    ["token", TOKEN_A, true],
  ]);
  await addEnvironment(page, "second", [
    ["host", b!.host],
    ["token", TOKEN_B, true],
  ]);
  await variableForm(page);
  await page.getByLabel("Environment", { exact: true }).selectOption("local");
  // The field says what it holds, the secret masked.
  await expect(page.getByRole("note", { name: "Variables in Server URL" })).toContainText(`{{host}} “${a!.host}”`);
  await expect(page.getByRole("note", { name: "Variables in Auth of /" })).toContainText("{{token}} •••••• (secret)");
  await connect(page);
  expect(a!.tokens).toEqual([TOKEN_A]);

  await page.getByLabel("Environment", { exact: true }).selectOption("second");
  await expect.poll(() => b!.tokens).toEqual([TOKEN_B]);
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("open");
  await expect(page.getByRole("note", { name: "Variables in Server URL" })).toContainText(b!.host);
  // The first server saw one connection only: the client left it for the other.
  expect(a!.tokens).toEqual([TOKEN_A]);
});

test("an unresolved variable is refused with its name and field before anything connects", async ({
  page,
  inspector,
}) => {
  const [a] = (servers = [await tokenServer(TOKEN_A)]);
  await page.goto(inspector);
  await addEnvironment(page, "local", [
    ["host", a!.host],
    ["token", TOKEN_A, true],
  ]);
  await page.getByLabel("Environment", { exact: true }).selectOption("local");
  // The server resolves; the auth's variable is misspelt: nothing may reach the server.
  await page.getByLabel("Server URL").fill("http://{{host}}");
  await page.getByLabel("Auth of /", { exact: true }).fill('{"token": "{{tokn}}"}');
  await page.getByLabel("Auth of /", { exact: true }).blur();
  await expect(page.getByRole("note", { name: "Variables in Auth of /" })).toContainText(
    "{{tokn}} not defined in “local”",
  );
  await page.getByRole("form", { name: "Connection" }).getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toContainText(
    "client 1: auth of /: {{tokn}} is not defined in the environment “local”",
  );
  // The composer's emit is refused the same way, naming the argument.
  await page.getByLabel("Argument 1", { exact: true }).fill("{{nobody}}");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(page.getByRole("form", { name: "Emit composer" })).toContainText(
    "Argument 1: {{nobody}} is not defined in the environment “local”",
  );
  expect(a!.requests).toBe(0);
  expect(a!.tokens).toEqual([]);
});

test("dynamic values are new at each emit", async ({ page, inspector }) => {
  const [a] = (servers = [await tokenServer(TOKEN_A)]);
  await page.goto(inspector);
  await addEnvironment(page, "local", [
    ["host", a!.host],
    ["token", TOKEN_A, true],
  ]);
  await page.getByLabel("Environment", { exact: true }).selectOption("local");
  await variableForm(page);
  await connect(page);
  await page.getByLabel("Event name").fill("stamp");
  await page.getByLabel("Argument 1", { exact: true }).fill("{{$guid}} {{$randomInt}} {{$timestamp}}");
  await expect(page.getByRole("note", { name: "Variables in Argument 1" })).toContainText(
    "{{$guid}} a new value at each use",
  );
  for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect.poll(() => a!.events.filter((e) => e.event === "stamp").length).toBe(2);
  const [first, second] = a!.events.filter((e) => e.event === "stamp").map((e) => String(e.args[0]));
  for (const sent of [first, second]) expect(sent).toMatch(/^[0-9a-f-]{36} \d{1,4} \d{10}$/);
  expect(first!.split(" ")[0]).not.toBe(second!.split(" ")[0]);
});

test("a share link and an exported preset carry a secret variable by name, not its value; the recipient is asked for it", async ({
  page,
  browser,
  inspector,
}, testInfo) => {
  const [a] = (servers = [await tokenServer(TOKEN_A)]);
  await page.goto(inspector);
  await addEnvironment(page, "local", [
    ["host", a!.host],
    ["token", TOKEN_A, true],
  ]);
  await page.getByLabel("Environment", { exact: true }).selectOption("local");
  await variableForm(page);
  await page.getByLabel("Preset name").fill("Token server");
  await page.getByRole("button", { name: "Save as new" }).click();

  await page.getByRole("button", { name: "Create link" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  await expect(page.getByText("The secret variable token travels by name only")).toBeVisible();
  const carried = await decodePresetFragment(new URL(link).hash);
  expect(JSON.stringify(carried)).not.toContain(TOKEN_A);
  expect(carried.environments).toEqual([
    {
      name: "local",
      variables: [
        { key: "host", value: a!.host, secret: false, enabled: true },
        { key: "token", value: "", secret: true, enabled: true },
      ],
    },
  ]);
  expect(carried.clients[0]?.connection.namespaces[0]?.auth).toBe('{"token": "{{token}}"}');

  await page.getByText("Import and export", { exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export preset" }).click(),
  ]);
  const exported = testInfo.outputPath("token-server.preset.json");
  await download.saveAs(exported);
  const file = readFileSync(exported, "utf8");
  expect(file).not.toContain(TOKEN_A);
  expect(JSON.parse(file).presets[0].environments[0].variables[1]).toEqual({
    key: "token",
    value: "",
    secret: true,
    enabled: true,
  });

  // The recipient of the link is asked for the secret; with it, the server lets the client in.
  const recipient = await browser.newContext();
  const other = await recipient.newPage();
  await other.goto(link);
  const dialog = other.getByRole("dialog", { name: "Preset from a link" });
  await expect(dialog).toContainText("It comes with the environment local (host, token)");
  await dialog.getByLabel("Value of token (secret, local)").fill(TOKEN_A);
  await dialog.getByRole("button", { name: "Use this preset" }).click();
  await expect(other.getByLabel("Environment", { exact: true })).toHaveValue("local");
  await connect(other);
  expect(a!.tokens).toEqual([TOKEN_A]);

  // The recipient of the file: asked in the notice, and in Environments where the value goes.
  const third = await (await browser.newContext()).newPage();
  await third.goto(inspector);
  await third.getByText("Import and export", { exact: true }).click();
  await third.getByLabel("Import file").setInputFiles(exported);
  await expect(environmentsPanel(third).getByRole("status", { name: "Environments notice" })).toContainText(
    "“local” needs a value for token (secret): fill it in Environments",
  );
  await expect(environmentsPanel(third).getByLabel("Value of token")).toHaveAttribute("aria-invalid", "true");
  await recipient.close();
});

test("a Postman environment imported in the page; the same file runs the preset's scenario with `run --env`, --var over one value, JUnit without the secret", async ({
  page,
  inspector,
}, testInfo) => {
  const [a] = (servers = [await tokenServer(TOKEN_A)]);
  const postman = testInfo.outputPath("ci.postman_environment.json");
  writeFileSync(
    postman,
    JSON.stringify({
      id: "6f1c2a",
      name: "ci",
      values: [
        { key: "host", value: a!.host, type: "default", enabled: true },
        { key: "user", value: "ann", type: "default", enabled: true },
        { key: "token", value: TOKEN_A, type: "secret", enabled: true },
      ],
      _postman_variable_scope: "environment",
      _postman_exported_at: "2024-05-01T10:00:00.000Z",
      _postman_exported_using: "Postman/11.1.0",
    }),
  );
  await page.goto(inspector);
  await environmentsPanel(page).getByText("Environment files").click();
  await environmentsPanel(page).getByLabel("Import environment file (Postman or inspector)").setInputFiles(postman);
  await expect(page.getByLabel("Environment", { exact: true })).toHaveValue("ci");
  await variableForm(page);
  await connect(page);
  expect(a!.tokens).toEqual([TOKEN_A]);

  // A scenario of one emit with its ack, made from the composer, kept in a preset and exported.
  await page.getByLabel("Event name").fill("whoami");
  await page.getByLabel("Argument 1", { exact: true }).fill("{{user}}");
  await page.getByRole("button", { name: "Add to scenario" }).click();
  await page.getByLabel("Preset name").fill("CI preset");
  await page.getByRole("button", { name: "Save as new" }).click();
  await page.getByRole("button", { name: "Save in preset" }).click();
  await expect(page.getByRole("status", { name: "Scenario notice" })).toContainText("Saved the scenario");
  await page.getByText("Import and export", { exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export preset" }).click(),
  ]);
  const presetFile = testInfo.outputPath("ci.preset.json");
  await download.saveAs(presetFile);

  const junit = testInfo.outputPath("junit.xml");
  const ran = await promisify(execFile)(
    process.execPath,
    ["bin/socketio-inspector.mjs", "run", presetFile, "--env", postman, "--var", "user=bob", "--junit", junit],
    { env: { ...process.env, NO_COLOR: "1" } },
  );
  expect(ran.stdout).toContain("2 passed, 0 failed");
  expect(a!.tokens.at(-1)).toBe(TOKEN_A);
  expect(a!.events.filter((e) => e.event === "whoami").map((e) => e.args)).toEqual([["bob"]]);
  const xml = readFileSync(junit, "utf8");
  expect(xml).toContain("CI preset");
  expect(xml).not.toContain(TOKEN_A);
  expect(ran.stdout + ran.stderr).not.toContain(TOKEN_A);
});
