import { PrivacyRequestKind, RequesterCapacity, type PrivacyRequestView } from '@aware/casework/contract';
import { useState } from 'react';
import { ErrorText } from '../../shared/ErrorText.js';
import type { ClientMatch } from '@aware/casework/contract';
import { privacyApi } from './privacy-api.js';
import { dynamicKey, LimitedText, useT } from '@aware/dashboard/kit';

/** Registers a request as received: find the client, what is asked, by whom and in what capacity. */
export function NewRequestForm({ onCreated }: { onCreated: (r: PrivacyRequestView) => void }) {
  const { t } = useT();
  const [search, setSearch] = useState('');
  const [matches, setMatches] = useState<ClientMatch[]>([]);
  const [client, setClient] = useState<ClientMatch | null>(null);
  const [kind, setKind] = useState<PrivacyRequestKind>('inzage');
  const [requesterName, setRequesterName] = useState('');
  const [capacity, setCapacity] = useState<RequesterCapacity>('client');
  const [consent, setConsent] = useState('');
  const [details, setDetails] = useState('');
  const [scope, setScope] = useState<'dossier' | 'photo'>('dossier');
  const [error, setError] = useState<unknown>(null);
  const find = () => void privacyApi.findClients(search).then((r) => setMatches(r.clients), setError);
  const create = () => {
    if (!client) return;
    setError(null);
    privacyApi
      .create({
        clientId: client.id,
        kind,
        requesterName,
        requesterCapacity: capacity,
        consentReference: consent.trim() || null,
        details,
        ...(kind === 'deletion' ? { deletionScope: scope } : {}),
      })
      .then(onCreated, setError);
  };
  return (
    <section className="card new-request">
      <h2>{t('priv.new')}</h2>
      <label>
        {t('priv.findClient')}
        <span className="row">
          <input value={search} onChange={(e) => setSearch(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), find())} />
          <button type="button" onClick={find} disabled={search.trim().length < 2}>
            {t('priv.find')}
          </button>
        </span>
      </label>
      {matches.map((m) => (
        <label key={m.id} className="radio">
          <input type="radio" name="client" checked={client?.id === m.id} onChange={() => setClient(m)} /> {m.name} · {m.dateOfBirth ?? '—'} · {m.region}
        </label>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <label>
          {t('priv.kind')}
          <select value={kind} onChange={(e) => setKind(PrivacyRequestKind.parse(e.target.value))}>
            {PrivacyRequestKind.options.map((k) => (
              <option key={k} value={k}>
                {t(dynamicKey('priv.kind', k))}
              </option>
            ))}
          </select>
        </label>
        {kind === 'deletion' && (
          <label>
            {t('priv.scope')}
            <select value={scope} onChange={(e) => setScope(e.target.value === 'photo' ? 'photo' : 'dossier')}>
              <option value="dossier">{t('priv.scope.dossier')}</option>
              <option value="photo">{t('priv.scope.photo')}</option>
            </select>
          </label>
        )}
        <label>
          {t('priv.requester')}
          <LimitedText required max={200} value={requesterName} onChange={(v) => setRequesterName(v)} />
        </label>
        <label>
          {t('priv.capacity')}
          <select value={capacity} onChange={(e) => setCapacity(RequesterCapacity.parse(e.target.value))}>
            {RequesterCapacity.options.map((c) => (
              <option key={c} value={c}>
                {t(dynamicKey('priv.capacity', c))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('priv.consent')}
          <LimitedText max={200} value={consent} onChange={(v) => setConsent(v)} />
        </label>
        <label>
          {t('priv.details')}
          <LimitedText multiline rows={2} max={4000} value={details} onChange={(v) => setDetails(v)} />
        </label>
        <ErrorText error={error} fields={{ requesterName: 'priv.requester', requesterCapacity: 'priv.capacity', consentReference: 'priv.consent', details: 'priv.details', kind: 'priv.kind', deletionScope: 'priv.scope' }} />
        <button type="submit" className="primary" disabled={!client || !requesterName.trim()}>
          {t('priv.register')}
        </button>
      </form>
    </section>
  );
}
