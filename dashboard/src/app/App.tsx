import { useEffect, useState } from 'react';
import { api } from '../api/http.js';
import { refreshSession } from '../api/session-api.js';
import type { ClientConfig } from '../contract/client-config.js';
import { ActivationPage } from '../features/activation/ActivationPage.js';
import { SignInPage } from '../features/signin/SignInPage.js';
import { useT } from '../i18n/i18n.js';
import { useStore } from '../stores/use-store.js';
import { clientConfigStore } from './client-config-store.js';
import { usePath } from './router.js';
import { sessionStore } from './session-store.js';
import { Shell } from './Shell.js';

/** Loads the client configuration and the session, then shows the sign-in or the console. */
export function App() {
  const { t } = useT();
  const session = useStore(sessionStore);
  const path = usePath();
  const [unreachable, setUnreachable] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const boot = async () => {
      try {
        clientConfigStore.set(await api<ClientConfig>('GET', '/api/client-config'));
        await refreshSession();
        if (!cancelled) setUnreachable(false);
      } catch {
        if (cancelled) return;
        setUnreachable(true);
        timer = setTimeout(() => void boot(), 2000);
      }
    };
    void boot();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, []);

  // the first sign-in, whatever session this browser holds (the link was made for someone else's account)
  if (path === '/activate') return <ActivationPage />;
  if (session.status === 'loading') return <p className="boot">{unreachable ? t('app.unreachable') : t('app.loading')}</p>;
  if (session.status === 'signed_out') return <SignInPage />;
  return <Shell session={session.session} />;
}
