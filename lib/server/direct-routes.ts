// Route handlers that scripts/serve.ts may call directly, without Next.js's request chain in between (see
// scripts/server/serve-direct-route.ts for why and for what it keeps). A route module offers its handler when Next
// loads it, so the server calls the very function, with the very module instances (caches, batchers, the
// upstream slot counter), that Next would call; until then Next serves the route. serve.ts shares no module graph
// with the app (Next bundles it), so the handlers meet on globalThis, like the shutdown hooks.
/** What a direct handler gets of the request (a web `Request` has it; the direct path builds no more than this). */
export type DirectRequest = Pick<Request, "headers" | "body" | "signal">;
export type DirectRouteHandler = (request: DirectRequest) => Promise<Response>;

const globals = globalThis as typeof globalThis & { __darkroomDirectRoutes?: Map<string, DirectRouteHandler> };

/** `route` is "METHOD /path", e.g. "POST /v1/chat/completions". */
export function offerDirectRoute(route: string, handler: DirectRouteHandler): void {
  (globals.__darkroomDirectRoutes ??= new Map()).set(route, handler);
}

/** The handler offered for "METHOD /path", if its route module has been loaded. */
export function directRoute(route: string): DirectRouteHandler | undefined {
  return globals.__darkroomDirectRoutes?.get(route);
}
