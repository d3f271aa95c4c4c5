import { PacketType } from "socket.io-parser";
import { expect, test } from "vitest";
import * as ours from "../../src/client/packet-types.js";

test("the packet type numbers the client inlines are socket.io-parser's, name for name", () => {
  const parser = Object.fromEntries(Object.entries(PacketType).filter(([name]) => Number.isNaN(Number(name))));
  expect({ ...ours }).toEqual(parser);
});
