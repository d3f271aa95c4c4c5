// What cdp-network.ts reads of the DevTools protocol and sends to it, in a module of their own: a transport that
// forwards events and commands (the browser extension's background worker) allows these and no other, without
// carrying the decoder.

/** The events the capture reads. */
export const CDP_NETWORK_EVENTS = [
  "Network.requestWillBeSent",
  "Network.loadingFinished",
  "Network.loadingFailed",
  "Network.webSocketCreated",
  "Network.webSocketFrameSent",
  "Network.webSocketFrameReceived",
  "Network.webSocketClosed",
  "Page.frameNavigated",
] as const;

/** The commands it sends to read bodies, and those that enable its events. */
export const CDP_NETWORK_COMMANDS = [
  "Network.enable",
  "Page.enable",
  "Network.getResponseBody",
  "Network.getRequestPostData",
] as const;
