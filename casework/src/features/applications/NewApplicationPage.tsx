import { amsterdamDate, checkEligibility, type InitialContent } from '@aware/casework/contract';
import { useState, type FormEvent } from 'react';
import '../../shared/case.css';
import { applicationsApi } from './applications-api.js';
import { blankInitial } from './blank-content.js';
import { EligibilityView } from './EligibilityView.js';
import { ErrorText } from '../../shared/ErrorText.js';
import { InitialForm } from './InitialForm.js';
import { useRegions } from '../../shared/use-regions.js';
import { navigate, type SessionUser, useT, RegionOptions } from '@aware/dashboard/kit';
import { FieldProblems } from '../../shared/field-problems.js';

/** A new application, saved as a draft (it may be incomplete); eligibility is shown while it is filled in. */
export function NewApplicationPage({ user }: { user: SessionUser }) {
  const { t } = useT();
  const regions = useRegions();
  const [content, setContent] = useState<InitialContent>(blankInitial);
  const [region, setRegion] = useState(user.region ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // an edit answers the server's last refusal: its words go until the next save
  const edited = (c: InitialContent) => (setContent(c), setError(null));
  const eligibility = checkEligibility({ ...content.client, fear: content.fear, minorException: content.minorException }, region, amsterdamDate(new Date()));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await applicationsApi.create(content, user.region ? undefined : region);
      navigate(`/applications/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form className="page case application" onSubmit={(e) => void save(e)}>
      <header className="page-head">
        <h1>{t('appl.new')}</h1>
      </header>
      {!user.region && (
        <label className="inline">
          {t('appl.region')}
          <select required value={region} onChange={(e) => setRegion(e.target.value)}>
            <RegionOptions regions={regions} none="—" />
          </select>
        </label>
      )}
      <div className="application-layout">
        <FieldProblems error={error} prefix="content">
          <InitialForm value={content} onChange={edited} regions={regions} eligibility={eligibility} />
        </FieldProblems>
        <aside>
          <EligibilityView eligibility={eligibility} />
          <ErrorText error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('appl.saveDraft')}
          </button>
        </aside>
      </div>
    </form>
  );
}
