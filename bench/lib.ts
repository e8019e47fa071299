import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export interface WrkResult {
  requests: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  socketErrors: number;
  cpuMicrosPerRequest: number;
}

function toMs(value: string): number {
  const match = /([\d.]+)(us|ms|s)/.exec(value);
  if (!match) return NaN;
  const n = Number(match[1]);
  return match[2] === "us" ? n / 1000 : match[2] === "s" ? n * 1000 : n;
}

/** Loads `url` with wrk for `seconds`, measuring the server process's CPU meanwhile. */
export async function wrk(
  url: string,
  serverPid: number,
  options: { seconds: number; connections: number; script?: string; headers?: string[] },
): Promise<WrkResult> {
  const args = ["-t2", `-c${options.connections}`, `-d${options.seconds}s`, "--latency"];
  for (const header of options.headers ?? []) args.push("-H", header);
  if (options.script) args.push("-s", options.script);
  args.push(url);

  const cpuBefore = cpuSeconds(serverPid);
  const { stdout } = await run("wrk", args, { timeout: (options.seconds + 30) * 1000 });
  const cpu = cpuSeconds(serverPid) - cpuBefore;

  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const p50 = /\s50%\s+(\S+)/.exec(stdout)?.[1] ?? "NaN";
  const p99 = /\s99%\s+(\S+)/.exec(stdout)?.[1] ?? "NaN";
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    stdout,
  );
  const socketErrors = errors ? errors.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  return {
    requests,
    rps,
    p50ms: toMs(p50),
    p99ms: toMs(p99),
    non2xx,
    socketErrors,
    cpuMicrosPerRequest: requests ? (cpu * 1e6) / requests : NaN,
  };
}

export function row(name: string, r: WrkResult) {
  return `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s  p50 ${r.p50ms.toFixed(2).padStart(6)} ms  p99 ${r.p99ms.toFixed(2).padStart(6)} ms  ${r.cpuMicrosPerRequest.toFixed(0).padStart(5)} µs CPU/req  non-2xx ${r.non2xx}  socket errors ${r.socketErrors}`;
}
