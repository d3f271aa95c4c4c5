/** Seeded random Socket.IO frames for fuzzing the receive path: valid ones, mutated ones, and junk. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const VALID = [
  '2["tick",1]',
  '2["ev",{"a":[1,2,{"b":null}]},"s",true]',
  '2/a,["x",{"__proto__":{"p":1}}]',
  '21["ask","q"]',
  "3/,5[1,2]",
  "2[123]",
  '2["connect"]',
  '2["__proto__",{}]',
  '0{"sid":"abc"}',
  '4{"message":"no","data":{"x":1}}',
  "1",
  '51-["bin",{"_placeholder":true,"num":0}]',
  '2["unicode","\\u0000\\ud800 é 漢字 🙂"]',
  '2["deep",' + "[".repeat(200) + "]".repeat(200) + "]",
];
const ALPHABET = '0123456789[]{}",:/-_abcxyz\\ \u0000\u00ff🙂';

export function randomFrame(rand: () => number): string | Uint8Array {
  const r = rand();
  if (r < 0.1) return Uint8Array.from({ length: Math.floor(rand() * 16) }, () => Math.floor(rand() * 256));
  if (r < 0.2)
    return Array.from({ length: Math.floor(rand() * 40) }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join(
      "",
    );
  let frame = VALID[Math.floor(rand() * VALID.length)] as string;
  const mutations = Math.floor(rand() * 4);
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(rand() * (frame.length + 1));
    const kind = rand();
    const ch = ALPHABET[Math.floor(rand() * ALPHABET.length)] as string;
    if (kind < 0.33) frame = frame.slice(0, at) + ch + frame.slice(at);
    else if (kind < 0.66) frame = frame.slice(0, at) + frame.slice(at + 1);
    else frame = frame.slice(0, at);
  }
  return frame;
}
