// The extension as it ships: its manifest (the permissions each justified in the README, a strict content security
// policy, nothing remote, the package's version) and its zip, read back by the system's unzip.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { extensionManifest, iconPng, packageVersion } from "../../scripts/build-extension.mjs";
import { crc32, zip } from "../../scripts/zip.mjs";

const manifest = extensionManifest() as Record<string, unknown> & {
  permissions?: string[];
  optional_permissions?: string[];
  content_security_policy?: { extension_pages?: string };
};

/** The README's table of the extension's permissions: each row's permission and what it is for. */
function readmePermissions(): Map<string, string> {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.split("\n### Permissions, and what each is for\n")[1]?.split("\n#")[0] ?? "";
  const rows = section.split("\n").filter((line) => /^\| `[^`]+` \|/.test(line));
  return new Map(
    rows.map((line) => {
      const [, permission, why] = /^\| `([^`]+)` \|(.*)\|\s*$/.exec(line) ?? [];
      return [permission ?? "", (why ?? "").trim()];
    }),
  );
}

describe("the manifest", () => {
  test("asks for exactly the permissions the README justifies, each with its reason", () => {
    const justified = readmePermissions();
    expect([...justified.keys()].sort()).toEqual([...(manifest.permissions ?? [])].sort());
    for (const [permission, why] of justified) expect(why.length, `why ${permission}`).toBeGreaterThan(40);
  });

  test("reaches no site and no other extension: no host permissions, content scripts or outside connections", () => {
    for (const key of [
      "host_permissions",
      "optional_host_permissions",
      "optional_permissions",
      "content_scripts",
      "externally_connectable",
      "web_accessible_resources",
    ])
      expect(manifest, key).not.toHaveProperty(key);
    expect(manifest.permissions).not.toContain("tabs");
  });

  test("a strict content security policy: its own scripts only, no eval, nothing remote, nothing fetched", () => {
    const csp = manifest.content_security_policy?.extension_pages ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    // No connect-src: default-src 'none' keeps the pages from fetching anything (the hand-off is a window message).
    expect(directives.has("connect-src")).toBe(false);
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
  });

  test("carries the package's version", () => {
    expect(manifest.version).toBe(packageVersion());
    expect(manifest.manifest_version).toBe(3);
  });
});

describe("the zip writer", () => {
  test("an archive the system's unzip tests and reads back byte for byte: text, binary that does not deflate, a UTF-8 name", () => {
    const dir = mkdtempSync(join(tmpdir(), "zip-"));
    const random = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + (i >> 3) * 104729) & 0xff));
    const entries = [
      { name: "manifest.json", data: Buffer.from(JSON.stringify(manifest, null, 2)) },
      { name: "assets/noise.bin", data: random },
      { name: "icons/icon-16.png", data: iconPng(16) },
      { name: "naïve/ünïcode.txt", data: Buffer.from("héllo\n".repeat(100)) },
      { name: "empty.txt", data: Buffer.alloc(0) },
    ];
    const file = join(dir, "test.zip");
    writeFileSync(file, zip(entries));
    expect(execFileSync("unzip", ["-t", file], { encoding: "utf8" })).toContain("No errors detected");
    for (const { name, data } of entries)
      expect(execFileSync("unzip", ["-p", file, name]).equals(data), name).toBe(true);
  });

  test("CRC-32 of the check string is the standard's", () => {
    expect(crc32(Buffer.from("123456789")).toString(16)).toBe("cbf43926");
  });
});
