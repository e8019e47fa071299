// `npm run bench`: Keyward's public JWKS and sign endpoints against baselines measured in
// the same run on the same machine — a bare Node.js http server sending the same bytes,
// and jose signing in-process. Needs a production build (`npm run build`) and wrk.
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignJWT, generateKeyPair } from "jose";
import { apiClient, startServer, type RunningServer } from "../tests/support/server";
import { row, wrk, type WrkResult } from "./lib";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const out = (line = "") => process.stdout.write(line + "\n");

async function seed(server: RunningServer) {
  const api = apiClient(server.url, server.adminToken);
  const slug = "bench";
  await api("POST", "/tenants", { slug, name: "Bench" });
  await api("PATCH", `/tenants/${slug}`, { verifierCacheSeconds: 0, jwksMaxAgeSeconds: 0 });
  for (const alg of ["RS256", "ES256", "EdDSA", "ES256"]) {
    await api("POST", `/tenants/${slug}/keys`, { alg });
  }
  const token = await api("POST", `/tenants/${slug}/tokens`, {
    name: "bench",
    scopes: ["keys:sign"],
  });
  return { slug, api, signToken: token.body.token as string };
}

async function startBare(body: Buffer, headers: Record<string, string>, port: number) {
  const child = fork(path.join(import.meta.dirname, "bare-server.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      PORT: String(port),
      BENCH_BODY: body.toString(),
      BENCH_HEADERS: JSON.stringify(headers),
    },
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return child;
}

async function rawJoseSignsPerSecond(seconds: number) {
  const { privateKey } = await generateKeyPair("ES256");
  let count = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    await new SignJWT({ sub: "bench" })
      .setProtectedHeader({ alg: "ES256", kid: "k" })
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    count++;
  }
  return count / seconds;
}

function signScript(token: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keyward-bench-")), "sign.lua");
  fs.writeFileSync(
    file,
    [
      'wrk.method = "POST"',
      `wrk.body = '{"alg":"ES256","claims":{"sub":"bench"},"expiresIn":"5m"}'`,
      'wrk.headers["Content-Type"] = "application/json"',
      `wrk.headers["Authorization"] = "Bearer ${token}"`,
    ].join("\n"),
  );
  return file;
}

function verdict(ok: boolean, text: string) {
  out(`  ${ok ? "PASS" : "MISS"}  ${text}`);
  return ok;
}

async function main() {
  const counting = await startServer({ env: { KEYWARD_LOG_LEVEL: "error" } });
  const quiet = await startServer({
    env: { KEYWARD_LOG_LEVEL: "error", KEYWARD_USAGE_COUNTING: "off" },
  });
  const bare = { port: 0, child: undefined as ReturnType<typeof fork> | undefined };
  try {
    const { slug, api, signToken } = await seed(counting);
    await seed(quiet);
    const jwksPath = `/t/${slug}/.well-known/jwks.json`;
    const sample = await fetch(counting.url + jwksPath);
    const body = Buffer.from(await sample.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of [
      "content-type",
      "cache-control",
      "etag",
      "access-control-allow-origin",
      "access-control-expose-headers",
      "vary",
    ]) {
      headers[name] = sample.headers.get(name) ?? "";
    }
    bare.port = Number(new URL(counting.url).port) + 1000;
    bare.child = await startBare(body, headers, bare.port);
    const bareUrl = `http://127.0.0.1:${bare.port}/`;

    out(
      `Keyward JWKS benchmark — ${os.cpus().length} cores, ${CONNECTIONS} connections, ${SECONDS} s per run, ${body.length}-byte JWKS (4 keys)`,
    );
    out();
    const load = (url: string, pid: number, extra: Partial<Parameters<typeof wrk>[2]> = {}) =>
      wrk(url, pid, { seconds: SECONDS, connections: CONNECTIONS, ...extra });
    await load(bareUrl, bare.child.pid!, { seconds: 2 });
    await load(counting.url + jwksPath, counting.pid, { seconds: 2 });
    await load(quiet.url + jwksPath, quiet.pid, { seconds: 2 });

    const baseline = await load(bareUrl, bare.child.pid!);
    const keyward = await load(counting.url + jwksPath, counting.pid);
    const uncounted = await load(quiet.url + jwksPath, quiet.pid);
    out(row("bare node http (baseline)", baseline));
    out(row("Keyward JWKS, usage counting on", keyward));
    out(row("Keyward JWKS, usage counting off", uncounted));

    // A rotation storm: rotate every 250 ms while the JWKS is under load.
    let rotations = 0;
    let stormOver = false;
    const storm = (async () => {
      while (!stormOver) {
        const rotated = await api("POST", `/tenants/${slug}/rotate`, {
          alg: "ES256",
          emergency: true,
          reason: "bench storm",
        });
        if (rotated.status === 200) rotations++;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const during: WrkResult = await load(counting.url + jwksPath, counting.pid);
    stormOver = true;
    await storm;
    out(row(`Keyward JWKS during ${rotations} rotations`, during));

    out();
    const joseRate = await rawJoseSignsPerSecond(3);
    const sign = await wrk(counting.url + `/api/v1/tenants/${slug}/sign`, counting.pid, {
      seconds: SECONDS,
      connections: 8,
      script: signScript(signToken),
    });
    out(`${"jose SignJWT ES256 in-process".padEnd(34)} ${joseRate.toFixed(0).padStart(8)} signs/s`);
    out(row("Keyward POST /sign ES256", sign));

    out();
    out("Ratios and goals");
    const results = [
      verdict(
        keyward.rps / baseline.rps >= 0.7,
        `JWKS throughput ${(keyward.rps / baseline.rps).toFixed(2)}× the bare server's (goal ≥ 0.70×)`,
      ),
      verdict(
        keyward.cpuMicrosPerRequest / baseline.cpuMicrosPerRequest <= 1.5,
        `JWKS CPU per request ${(keyward.cpuMicrosPerRequest / baseline.cpuMicrosPerRequest).toFixed(2)}× the bare server's (goal ≤ 1.50×)`,
      ),
      verdict(
        keyward.p99ms < 10,
        `JWKS p99 ${keyward.p99ms.toFixed(2)} ms at ${CONNECTIONS} connections (goal < 10 ms)`,
      ),
      verdict(
        keyward.rps / uncounted.rps >= 0.95,
        `JWKS with counting ${(keyward.rps / uncounted.rps).toFixed(2)}× without (goal ≥ 0.95×)`,
      ),
      verdict(
        during.non2xx === 0 && during.socketErrors === 0 && rotations > 0,
        `JWKS during a rotation storm: ${during.requests} requests, ${during.non2xx} non-2xx, ${during.socketErrors} socket errors, ${rotations} rotations (goal: 100% 200s)`,
      ),
      verdict(
        sign.rps / joseRate >= 0.5,
        `sign endpoint ${(sign.rps / joseRate).toFixed(2)}× raw jose signing in-process (goal ≥ 0.50×), ${sign.non2xx} non-2xx`,
      ),
    ];
    out();
    out(`${results.filter(Boolean).length} of ${results.length} goals met`);
  } finally {
    bare.child?.kill();
    await counting.stop();
    await quiet.stop();
  }
}

await main();
