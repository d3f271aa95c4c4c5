// How the Server view names a socket to people and to assistive technology: the same words in every label, so that
// two sockets of one client (its `/` and `/chat`) are never named alike, and an id never runs into a name.

interface Named {
  id: string;
  nsp: string;
}

/**
 * Who a socket is, for a button's or a field's name: our client's socket on its namespace ("client 1's socket on
 * /chat"), or the socket by its id and namespace.
 */
export function socketWho(s: Named, name: string | undefined): string {
  return name ? `${name}'s socket on ${s.nsp}` : `socket ${s.id} on ${s.nsp}`;
}

/** A socket's row and detail, named: its id, namespace and node, then our client's name apart, in brackets. */
export function socketLabel(s: Named, name: string | undefined, node: string): string {
  return `Socket ${s.id} on ${s.nsp}${node ? ` at node ${node}` : ""}${name ? ` (${name})` : ""}`;
}
