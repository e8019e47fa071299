// Keyward's process: migrations and bootstrap, the public JWKS served from memory, and
// everything else handed to Next. See README "Architecture" for why JWKS bypasses Next.
import { createServer } from "node:http";
import { startApp } from "./lib/server/start";

const app = await startApp();
const server = createServer((req, res) => app.handle(req, res));
server.listen(app.port, app.hostname, () => app.ready());

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void app.shutdown(server).finally(() => process.exit(0)));
}
