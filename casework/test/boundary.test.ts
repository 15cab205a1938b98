import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Casework is its own product, hosted by the console's server and SPA. These read the sources' import
// statements (not a bundler's output), so a newcomer's shortcut into the other workspace fails here.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY_POINTS: Record<string, string> = {
  '@aware/dashboard/host': 'dashboard/src/server/host.ts',
  '@aware/dashboard/kit': 'dashboard/src/kit.ts',
  '@aware/dashboard/kit/text': 'dashboard/src/kit-text.ts',
  '@aware/casework/contract': 'casework/src/contract/index.ts',
  '@aware/casework/server': 'casework/src/server/index.ts',
  '@aware/casework/web': 'casework/src/features/routes.tsx',
  '@aware/casework/messages': 'casework/src/i18n/index.ts',
};

interface Import {
  readonly from: string;
  readonly specifier: string;
  /** `import type …`: erased at run time, so it cannot close a cycle. */
  readonly typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)].map((m) => ({
    from: file,
    specifier: m[2]!,
    typeOnly: m[1] !== undefined,
  }));
}

/** The repository path an import resolves to, for our own files; null for third-party packages. */
function resolve(imp: Import): string | null {
  if (imp.specifier in ENTRY_POINTS) return ENTRY_POINTS[imp.specifier]!;
  if (!imp.specifier.startsWith('.')) return null;
  const base = path.join(path.dirname(imp.from), imp.specifier);
  if (!base.endsWith('.js')) return base; // a stylesheet
  for (const ext of ['.ts', '.tsx']) {
    const candidate = base.slice(0, -3) + ext;
    if (existsSync(path.join(ROOT, candidate))) return candidate;
  }
  throw new Error(`${imp.from}: cannot resolve ${imp.specifier}`);
}

const casework = sources('casework/src').flatMap(importsOf);
const dashboard = sources('dashboard/src').flatMap(importsOf);

describe('casework and the console it is hosted by', () => {
  it('casework reaches the host only through @aware/dashboard/host and @aware/dashboard/kit', () => {
    const outside = casework.filter((i) => {
      const target = resolve(i);
      return target !== null && !target.startsWith('casework/') && !i.specifier.startsWith('@aware/dashboard/');
    });
    expect(outside).toEqual([]);
    const otherEntries = casework.filter((i) => i.specifier.startsWith('@aware/dashboard') && !(i.specifier in ENTRY_POINTS));
    expect(otherEntries).toEqual([]);
  });

  it('the console uses casework only through its entry points (server, web, messages, contract)', () => {
    const intoCasework = dashboard.filter((i) => {
      const target = resolve(i);
      return target !== null && target.startsWith('casework/') && !i.specifier.startsWith('@aware/casework/');
    });
    expect(intoCasework).toEqual([]);
    expect(dashboard.filter((i) => i.specifier === '@aware/casework')).toEqual([]);
  });

  it('no module imports itself back at run time, within or across the two workspaces', () => {
    const graph = new Map<string, string[]>();
    for (const imp of [...casework, ...dashboard]) {
      const target = imp.typeOnly ? null : resolve(imp);
      if (target && /\.tsx?$/.test(target)) graph.set(imp.from, [...(graph.get(imp.from) ?? []), target]);
    }
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const trail: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      trail.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), next]);
        else if (!state.has(next)) visit(next);
      }
      trail.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(graph.size).toBeGreaterThan(150); // the imports were read at all
    expect(cycles).toEqual([]);
  });
});
