import { useEffect } from 'react';
import { refreshSession } from '../api/session-api.js';
import { sessionStore } from '../app/session-store.js';
import { connectionStore } from './connection-store.js';
import { alarmStore, technicalStore } from './live.js';
import { SocketController } from './socket-controller.js';

/**
 * Mounted once by the app shell for users with a live role (renders nothing): starts the socket
 * controller, stops it when the user signs out or the page goes.
 */
export function LiveConnection({ userId }: { userId: string }) {
  useEffect(() => {
    const controller = new SocketController({
      alarms: alarmStore,
      technical: technicalStore,
      connection: connectionStore,
      sessionStillValid: async () => {
        await refreshSession();
        return sessionStore.get().status === 'signed_in';
      },
    });
    controller.start();
    return () => {
      controller.stop();
      alarmStore.clear();
      technicalStore.replaceOpen([]);
    };
  }, [userId]);
  return null;
}
