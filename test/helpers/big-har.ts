import { closeSync, openSync, writeSync } from "node:fs";

const START = 1764669600; // 2026-12-02T10:00:00Z, in seconds as Chromium writes WebSocket message times

/**
 * Writes a HAR of about `mb` MB as a browser's export of a busy page would be: script entries of 1 MB content each
 * (what makes real HARs big) around one WebSocket of `n` emits, each answered by its ack. Written in pieces, so that
 * the test itself never holds the file.
 */
export function writeBigHar(file: string, mb: number, n: number): void {
  const fd = openSync(file, "w");
  writeSync(fd, '{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[');
  const script = JSON.stringify({
    startedDateTime: "2026-12-02T10:00:00.000Z",
    time: 1,
    request: { method: "GET", url: "http://localhost:3000/bundle.js" },
    response: { status: 200, content: { size: 1 << 20, mimeType: "text/javascript", text: "x".repeat(1 << 20) } },
  });
  const scripts = Math.max(0, mb - Math.ceil((n * 120) / (1 << 20)));
  for (let i = 0; i < scripts; i++) writeSync(fd, `${script},`);
  writeSync(
    fd,
    JSON.stringify({
      startedDateTime: "2026-12-02T10:00:00.000Z",
      time: 1,
      request: { method: "GET", url: "ws://localhost:3000/socket.io/?EIO=4&transport=websocket" },
      response: { status: 101, content: { size: 0 } },
      _webSocketMessages: [
        {
          type: "receive",
          time: START,
          opcode: 1,
          data: '0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}',
        },
        { type: "send", time: START, opcode: 1, data: "40" },
        { type: "receive", time: START, opcode: 1, data: '40{"sid":"x"}' },
      ],
    }).slice(0, -2), // left open for the messages that follow
  );
  let batch: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = START + i / 1000;
    batch.push(
      `,{"type":"send","time":${t},"opcode":1,"data":"42${i}[\\"tick\\",${i}]"}`,
      `,{"type":"receive","time":${t + 0.0005},"opcode":1,"data":"43${i}[${i}]"}`,
    );
    if (batch.length >= 2000) {
      writeSync(fd, batch.join(""));
      batch = [];
    }
  }
  writeSync(fd, `${batch.join("")}]}]}}`);
  closeSync(fd);
}
