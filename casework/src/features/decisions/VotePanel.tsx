import type { ApplicationView, VoteChoice } from '@aware/casework/contract';
import { useState } from 'react';
import { applicationsApi } from '../applications/applications-api.js';
import { ErrorText } from '../../shared/ErrorText.js';
import { Dialog, dynamicKey, LimitedText, type SessionUser, useT } from '@aware/dashboard/kit';

const CHOICES: VoteChoice[] = ['approve', 'reject', 'more_info'];

/** The vote of the member's own organisation, with its motivation; confirmed before it is cast (it cannot be changed). */
export function VotePanel({ application, user, onVoted }: { application: ApplicationView; user: SessionUser; onVoted: () => void }) {
  const { t } = useT();
  const [vote, setVote] = useState<VoteChoice | null>(null);
  const [motivation, setMotivation] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const org = t(dynamicKey('org', user.organisation));
  const cast = async () => {
    if (!vote) return;
    setBusy(true);
    try {
      await applicationsApi.vote(application.id, { vote, motivation, organisation: user.organisation });
      setConfirming(false);
      onVoted();
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card vote-panel" aria-label={t('vote.cast', { org })}>
      <h2>{t('vote.cast', { org })}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (vote && motivation.trim()) setConfirming(true);
        }}
      >
        {CHOICES.map((c) => (
          <label key={c} className="radio">
            <input type="radio" name="vote" value={c} checked={vote === c} onChange={() => setVote(c)} /> {t(dynamicKey('vote', c))}
          </label>
        ))}
        <label>
          {t('vote.motivation')}
          <LimitedText multiline required rows={3} max={4000} value={motivation} onChange={(v) => setMotivation(v)} />
        </label>
        <ErrorText error={error} fields={{ motivation: 'vote.motivation' }} />
        <button type="submit" className="primary" disabled={!vote || !motivation.trim()}>
          {t('vote.submit')}
        </button>
      </form>
      {confirming && vote && (
        <Dialog
          title={t('vote.confirmTitle')}
          onSubmit={() => void cast()}
          onCancel={() => setConfirming(false)}
          submitLabel={t('vote.confirm')}
          cancelLabel={t('action.cancel')}
          busy={busy}
        >
          <p>{t('vote.confirmText', { org, vote: t(dynamicKey('vote', vote)) })}</p>
        </Dialog>
      )}
    </section>
  );
}
