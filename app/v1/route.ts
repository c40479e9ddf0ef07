// A bare /v1 is an unknown URL of the gateway too: same OpenAI-shaped 404 as any other unknown /v1 path.
export { DELETE, GET, OPTIONS, PATCH, POST, PUT } from "./[...path]/route";

export const dynamic = "force-dynamic";
