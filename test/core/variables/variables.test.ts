import { describe, expect, test } from "vitest";
import { defaultConfig } from "../../../src/core/connection/config.js";
import {
  mergeEnvironments,
  missingSecrets,
  readEnvironmentFile,
  toEnvironmentsFile,
  toPostman,
} from "../../../src/core/variables/environment-file.js";
import { problemOf, type Problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";
import { redactor, resolveConnection, resolveJsonText } from "../../../src/core/variables/resolve.js";
import { Variables, type Environment } from "../../../src/core/variables/variables.js";

const local: Environment = {
  name: "local",
  variables: [
    { key: "host", value: "127.0.0.1:4001", secret: false, enabled: true },
    { key: "token", value: 'tok"en<&>', secret: true, enabled: true },
    { key: "old", value: "gone", secret: false, enabled: false },
    { key: "empty-secret", value: "", secret: true, enabled: true },
  ],
};

/** What a call throws, as a problem (its code and params). */
function refusal(action: () => unknown): Problem {
  try {
    action();
  } catch (err) {
    return problemOf(err);
  }
  throw new Error("it did not throw");
}

describe("resolving {{variables}}", () => {
  test("a text takes the active environment's values; overrides win; captures win over both", () => {
    const vars = new Variables(local, new Map([["host", { value: "10.0.0.2:9", secret: false }]]));
    expect(vars.resolve("http://{{ host }}/x", "Server URL")).toBe("http://10.0.0.2:9/x");
    vars.capture("host", "captured:1");
    expect(vars.resolve("{{host}}", "f")).toBe("captured:1");
    expect(new Variables(local).resolve("{{host}}", "f")).toBe("127.0.0.1:4001");
  });

  test("an unknown or disabled variable is refused naming the variable, the field and the environment", () => {
    const vars = new Variables(local);
    expect(refusal(() => vars.resolve("a {{missing}} b", "client 1: Server URL"))).toEqual({
      code: "variable-undefined",
      params: { name: "missing", field: "client 1: Server URL", environment: "local", captures: false },
    });
    expect(refusal(() => vars.resolve("{{old}}", "Path"))).toEqual(
      withCode("variable-undefined", { name: "old", environment: "local" }),
    );
    expect(refusal(() => new Variables(undefined).resolve("{{host}}", "Path"))).toEqual(
      withCode("variable-undefined", { name: "host", environment: null }),
    );
  });

  test("a secret with no value (a link or an export left it out) asks for it", () => {
    expect(refusal(() => new Variables(local).resolve("{{empty-secret}}", "header “Authorization”"))).toEqual({
      code: "secret-without-value",
      params: { name: "empty-secret", field: "header “Authorization”", environment: "local", askedIn: "page" },
    });
  });

  test("dynamic values are new at each use", () => {
    const vars = new Variables(undefined);
    const ids = new Set(Array.from({ length: 50 }, () => vars.resolve("{{$guid}}", "f")));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(vars.resolve("{{$randomUUID}}", "f")).not.toBe(vars.resolve("{{$randomUUID}}", "f"));
    const ints = Array.from({ length: 200 }, () => Number(vars.resolve("{{$randomInt}}", "f")));
    expect(ints.every((n) => Number.isInteger(n) && n >= 0 && n <= 1000)).toBe(true);
    expect(new Set(ints).size).toBeGreaterThan(1);
    expect(Math.abs(Number(vars.resolve("{{$timestamp}}", "f")) - Date.now() / 1000)).toBeLessThan(5);
    expect(Date.parse(vars.resolve("{{$isoTimestamp}}", "f"))).not.toBeNaN();
  });

  test("JSON: inside strings a value goes in escaped; as text when it only parses once they are in", () => {
    const vars = new Variables(local, new Map([["count", { value: "42", secret: false }]]));
    expect(JSON.parse(resolveJsonText('{"token": "{{token}}"}', vars, "auth"))).toEqual({ token: 'tok"en<&>' });
    expect(JSON.parse(resolveJsonText('{"n": {{count}}}', vars, "auth"))).toEqual({ n: 42 });
    expect(refusal(() => resolveJsonText('{"n": {{host}}}', vars, "auth of /"))).toEqual(
      withCode("variable-json", { field: "auth of /", cause: withCode("thrown") }),
    );
  });

  test("a connection form resolves field by field, each named in a refusal", () => {
    const config = {
      ...defaultConfig("http://{{host}}"),
      extraHeaders: [{ name: "Authorization", value: "Bearer {{token}}", secret: false }],
      namespaces: [{ nsp: "/{{room}}", auth: '{"t":"{{token}}"}' }],
    };
    expect(refusal(() => resolveConnection(config, new Variables(local), "alice"))).toEqual(
      withCode("variable-undefined", { name: "room", field: "alice: namespace /{{room}}" }),
    );
    const vars = new Variables(local, new Map([["room", { value: "lobby", secret: false }]]));
    const resolved = resolveConnection(config, vars, "alice");
    expect(resolved.url).toBe("http://127.0.0.1:4001");
    expect(resolved.extraHeaders[0]?.value).toBe('Bearer tok"en<&>');
    expect(resolved.namespaces[0]).toEqual({ nsp: "/lobby", auth: '{"t":"tok\\"en<&>"}' });
  });

  test("secrets leave no trace in reports: as they are, JSON-escaped, XML-escaped", () => {
    const redact = redactor(new Variables(local));
    const text = `a tok"en<&> b ${JSON.stringify('tok"en<&>')} c tok&quot;en&lt;&amp;&gt; d`;
    const out = redact(text);
    for (const form of ['tok"en<&>', 'tok\\"en', "tok&quot;en"]) expect(out).not.toContain(form);
    expect(out).toBe('a {{token}} b "{{token}}" c {{token}} d');
  });
});

describe("environment files", () => {
  const postman = {
    id: "5e3b",
    name: "staging",
    values: [
      { key: "url", value: "http://127.0.0.1:5000", type: "default", enabled: true },
      { key: "token", value: "s3cret", type: "secret", enabled: true },
      { key: "retries", value: 3, enabled: false },
    ],
    _postman_variable_scope: "environment",
    _postman_exported_at: "2024-05-01T10:00:00.000Z",
    _postman_exported_using: "Postman/11.0.0",
  };

  test("Postman's export: secret typed secret, disabled kept disabled, numbers as text", () => {
    expect(readEnvironmentFile(JSON.stringify(postman), "File staging.json")).toEqual([
      {
        name: "staging",
        variables: [
          { key: "url", value: "http://127.0.0.1:5000", secret: false, enabled: true },
          { key: "token", value: "s3cret", secret: true, enabled: true },
          { key: "retries", value: "3", secret: false, enabled: false },
        ],
      },
    ]);
  });

  test("exports keep secrets' names without their values unless asked; both formats read back", () => {
    const [env] = readEnvironmentFile(JSON.stringify(postman), "f") as [Environment];
    const out = toPostman(env, false);
    expect(JSON.stringify(out)).not.toContain("s3cret");
    expect(out.values[1]).toEqual({ key: "token", value: "", type: "secret", enabled: true });
    expect(readEnvironmentFile(JSON.stringify(out), "again")[0]?.variables[1]).toEqual({
      key: "token",
      value: "",
      secret: true,
      enabled: true,
    });
    expect(missingSecrets(readEnvironmentFile(JSON.stringify(out), "again")[0]!)).toEqual(["token"]);
    const ours = toEnvironmentsFile([env], true);
    expect(readEnvironmentFile(JSON.stringify(ours), "ours")).toEqual([env]);
    expect(JSON.stringify(toEnvironmentsFile([env], false))).not.toContain("s3cret");
  });

  test("bad files are refused naming the field", () => {
    const bad = (o: unknown) => refusal(() => readEnvironmentFile(JSON.stringify(o), "File x.json"));
    const field = (path: string, cause: unknown) => withCode("value-invalid", { where: "File x.json", path, cause });
    expect(bad({ ...postman, values: [{ key: "my var", value: "" }] })).toEqual(
      withCode("variable-name-invalid", { where: "File x.json: values[0].key", name: "my var" }),
    );
    expect(bad({ ...postman, values: [{ key: "a", value: {} }] })).toEqual(
      field("values[0].value", withCode("must-be-string")),
    );
    expect(bad({ ...postman, values: [{ key: "a", type: "any" }] })).toEqual(
      field("values[0].type", withCode("must-be-either", { a: "default", b: "secret" })),
    );
    expect(bad({ ...postman, values: [{ key: "a" }, { key: "a" }] })).toEqual(
      field("values[1].key", withCode("name-again", { name: "a", each: "variable" })),
    );
    expect(bad({ hello: 1 })).toEqual(field("the file", withCode("not-an-environment-file")));
    expect(refusal(() => readEnvironmentFile("{", "File x.json"))).toEqual(
      field("the file", withCode("not-valid-json", { cause: withCode("thrown") })),
    );
  });

  test("imports never overwrite: a clashing name gets a free one", () => {
    const { environments, renamed } = mergeEnvironments([local], [local, { ...local, name: "ci" }]);
    expect(environments.map((e) => e.name)).toEqual(["local", "local (2)", "ci"]);
    expect(renamed).toEqual([["local", "local (2)"]]);
  });
});
