/** Set by scripts/serve.ts from the socket address, overwriting anything a client sent. */
export const CLIENT_IP_HEADER = "x-darkroom-client-ip";
