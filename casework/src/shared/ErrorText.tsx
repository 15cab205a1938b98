import { bodyProblemsInWords, type FieldLabels } from './body-problems.js';
import { ApiError, errorInWords, useT } from '@aware/dashboard/kit';

/**
 * A refusal in words: a form's problems per field (named by `fields`, the form's labels, for a body that is
 * not an application's), a known code in the user's language, else the server's message (as text).
 */
export function ErrorText({ error, fields }: { error: unknown; fields?: FieldLabels }) {
  const { t, lang } = useT();
  if (!error) return null;
  const problems = error instanceof ApiError && error.problems.length > 0 ? bodyProblemsInWords(t, error.problems, fields) : null;
  if (problems) {
    return (
      <div className="error" role="alert">
        {t('error.formProblems')}
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p className="error" role="alert">
      {errorInWords(lang, error)}
    </p>
  );
}
