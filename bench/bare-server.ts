// The baseline: a bare Node.js http server answering one fixed JWKS body with the same
// headers Keyward sends. Started as its own process so its CPU can be measured alone.
import http from "node:http";

const body = Buffer.from(process.env.BENCH_BODY ?? "{}");
const headers = JSON.parse(process.env.BENCH_HEADERS ?? "{}") as Record<string, string>;

const server = http.createServer((req, res) => {
  res.writeHead(200, { ...headers, "content-length": body.length });
  res.end(body);
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
