/**
 * The processes below one, from /proc: Chromium's browser, zygotes and renderers below the Node process that started
 * it. Chromium rewrites its command lines as one string, so each comes as one string with spaces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ProcessInfo {
  pid: number;
  commandLine: string;
}

/** Every live process descended from `root` (default: this one). */
export function descendants(root = process.pid): ProcessInfo[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const found: ProcessInfo[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      try {
        found.push({ pid: child, commandLine: readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ') });
      } catch {
        continue;
      }
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** The Chromium browser processes (not its zygotes, renderers or services) below `root`. */
export function chromiumBrowsers(root = process.pid): number[] {
  return descendants(root)
    .filter(({ commandLine }) => path.basename(commandLine.split(' ')[0] ?? '') === 'chromium' && !commandLine.includes('--type='))
    .map(({ pid }) => pid);
}

/** Whether a process still runs (an exited one not yet reaped counts as ended). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
