import net from "node:net";

function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(null));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** `preferred` if it is free on 127.0.0.1, else a port the OS picks. */
export async function choosePort(preferred: number | null): Promise<number> {
  if (preferred && (await listenOnce(preferred))) return preferred;
  const port = await listenOnce(0);
  if (!port) throw new Error("Could not find a free port on 127.0.0.1");
  return port;
}
