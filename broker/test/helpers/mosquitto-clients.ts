import { spawn, type ChildProcess } from 'node:child_process';

export interface ToolResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<ChildProcess>();

/** Runs mosquitto_pub (Debian mosquitto-clients) to completion. */
export function mosquittoPub(args: readonly string[], timeoutMs = 10_000): Promise<ToolResult> {
  return runTool('mosquitto_pub', args, timeoutMs).done;
}

/**
 * Starts mosquitto_sub with debug output; `subscribed` resolves on its SUBACK, `done` when it exits
 * (use `-C n` to exit after n messages).
 */
export function mosquittoSub(args: readonly string[], timeoutMs = 10_000): { subscribed: Promise<void>; done: Promise<ToolResult> } {
  return runTool('mosquitto_sub', ['-d', ...args], timeoutMs, 'SUBACK');
}

function runTool(tool: string, args: readonly string[], timeoutMs: number, marker?: string) {
  // line-buffered stdout (stdbuf), or the SUBACK line would only appear when the tool exits
  const child = spawn('stdbuf', ['-oL', tool, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  let markSeen: () => void = () => {};
  const subscribed = new Promise<void>((resolve) => (markSeen = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (marker && stdout.includes(marker)) markSeen();
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<ToolResult>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
  return { subscribed, done };
}

/** Kills any mosquitto tool a failed test left running. */
export function killMosquittoTools(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** mosquitto_pub/sub arguments for a broker on 127.0.0.1:port with these credentials. */
export function credentials(port: number, clientId: string, username: string, password: string): string[] {
  return ['-h', '127.0.0.1', '-p', String(port), '-i', clientId, '-u', username, '-P', password, '-V', 'mqttv311'];
}
