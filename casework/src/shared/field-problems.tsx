import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { ApiError, type MessageKey, useT } from '@aware/dashboard/kit';
import { problemKey } from './body-problems.js';

const FieldProblemsContext = createContext<ReadonlyMap<string, MessageKey>>(new Map());

/**
 * Makes a server refusal of the form (`DSH_ERR_BODY_INVALID` with `problems`) available to its fields:
 * `prefix` is the part of the path the form does not see (`content` for an application's fields).
 */
export function FieldProblems({ error, prefix, children }: { error: unknown; prefix: string; children: ReactNode }) {
  const problems = useMemo(() => {
    const byPath = new Map<string, MessageKey>();
    if (!(error instanceof ApiError)) return byPath;
    for (const p of error.problems) {
      if (!p.path.startsWith(`${prefix}.`)) continue;
      const path = p.path.slice(prefix.length + 1);
      if (!byPath.has(path)) byPath.set(path, problemKey(p));
    }
    return byPath;
  }, [error, prefix]);
  return <FieldProblemsContext.Provider value={problems}>{children}</FieldProblemsContext.Provider>;
}

/** What the server said about the field at `path` (or an item of it: `policeReferences` covers `policeReferences.3`), next to it. */
export function FieldProblem({ path }: { path: string }) {
  const { t } = useT();
  const problems = useContext(FieldProblemsContext);
  const key = problems.get(path) ?? [...problems].find(([p]) => p.startsWith(`${path}.`))?.[1];
  return key ? (
    <span className="field-error server" role="alert">
      {t(key)}
    </span>
  ) : null;
}
