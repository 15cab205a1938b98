import { LiveClientMessage } from '@aware/protocol';
import type { WebSocket } from 'ws';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { isDispatchError, DispatchErrorCode } from '../errors.js';
import type { DispatchContext } from '../context.js';
import { toView } from '../alarms/alarm-record.js';
import { markSeen } from '../alarms/publish.js';
import type { TechnicalBoard } from '../technical/technical-board.js';
import type { AccessLogger } from './access-logger.js';
import { alarmAudience, mayWatchLive, sees } from './audience.js';
import { CLOSE_RESYNC, type FeedEntry, type FeedSubscriber } from './feed.js';
import { replayable } from './replay.js';

export { CLOSE_RESYNC };
/** Close code for a console that stopped answering pings. */
export const CLOSE_SILENT = 4000;
/** Close code for a console whose session ended (signed out, expired, revoked, role removed). */
export const CLOSE_SESSION_ENDED = 4001;

export interface SessionDeps {
  readonly ctx: DispatchContext;
  readonly auth: Authenticator;
  readonly technical: TechnicalBoard;
  readonly accessLog: AccessLogger;
}

/**
 * One console on the live feed. Starts with the events after `sinceSeq` when the feed still has them,
 * else a snapshot; then every event this principal may see. Sends `ping` every `pingMs` and closes a
 * console silent for three of them. A console whose socket buffer passes `maxBufferedBytes` (a slow link)
 * is closed with 4008 rather than buffering without bound or slowing the others: it reconnects and
 * resumes from its last sequence number.
 */
export class ConsoleSession implements FeedSubscriber {
  private readonly dossiersLogged = new Set<string>();
  private lastHeard: number;
  private readonly pinger: NodeJS.Timeout;
  private readonly rechecker: NodeJS.Timeout;
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly deps: SessionDeps,
    private readonly socket: WebSocket,
    private readonly principal: Principal,
    private readonly token: string,
    private readonly ip: string | null,
  ) {
    const { ctx } = deps;
    this.lastHeard = ctx.clock.now();
    this.pinger = setInterval(() => this.ping(), ctx.config.live.pingMs);
    this.rechecker = setInterval(() => void this.recheck(), ctx.config.live.recheckMs);
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
  }

  /** Resume or snapshot, then follow the feed (in the same tick: nothing falls in between). */
  begin(sinceSeq: number | null): void {
    this.catchUp(sinceSeq);
    this.unsubscribe = this.deps.ctx.feed.subscribe(this);
    this.deps.ctx.metrics.consoles.set(this.deps.ctx.feed.consoles);
  }

  get userId(): string {
    return this.principal.userId;
  }

  deliver(entry: FeedEntry): boolean {
    if (!sees(this.principal, entry.audience)) return false;
    if (!this.send(entry.text)) return false;
    if (entry.dossier) this.logDossier(entry.dossier.alarmId, entry.dossier.clientId);
    return true;
  }

  end(code: number, reason: string): void {
    this.socket.close(code, reason);
    this.close();
  }

  private catchUp(sinceSeq: number | null): void {
    const { ctx } = this.deps;
    const missed = sinceSeq === null ? null : ctx.feed.since(sinceSeq);
    if (!missed) return this.snapshot();
    const isOpen = (alarmId: string) => ctx.store.get(alarmId) !== undefined;
    for (const entry of missed) {
      const now = replayable(entry, isOpen);
      if (now) this.deliver(now);
    }
  }

  private snapshot(): void {
    const { ctx, technical } = this.deps;
    const alarms = ctx.store.open().filter((a) => sees(this.principal, alarmAudience(a, ctx.config.testAlarmsToPolice)));
    const sent = this.send(
      JSON.stringify({ type: 'snapshot', seq: ctx.feed.seq, alarms: alarms.map((a) => toView(a)), technical: technical.visibleTo(this.principal) }),
    );
    if (!sent) return;
    for (const alarm of alarms) {
      markSeen(ctx, alarm, true);
      if (alarm.dossier && alarm.clientId) this.logDossier(alarm.id, alarm.clientId);
    }
  }

  private send(text: string): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > this.deps.ctx.config.live.maxBufferedBytes) {
      this.deps.ctx.metrics.resyncs.inc();
      this.socket.close(CLOSE_RESYNC, 'behind: resume from your last seq');
      this.close();
      return false;
    }
    this.socket.send(text);
    return true;
  }

  private onMessage(text: string): void {
    this.lastHeard = this.deps.ctx.clock.now();
    let parsed;
    try {
      parsed = LiveClientMessage.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success && parsed.data.type === 'resume') this.catchUp(parsed.data.sinceSeq);
  }

  private ping(): void {
    const { ctx } = this.deps;
    if (ctx.clock.now() - this.lastHeard > 3 * ctx.config.live.pingMs) {
      this.socket.close(CLOSE_SILENT, 'no pong');
      this.socket.terminate();
      return this.close();
    }
    this.send(JSON.stringify({ type: 'ping', at: new Date(ctx.clock.now()).toISOString() }));
  }

  /**
   * The session is looked up again every `recheckMs` (30 s): a console whose session ended, or whose
   * user's rights changed in any way (a role added or removed, another region or organisation), is
   * closed with 4001. Delivery goes by the rights read at connect, so they must never outlive a change:
   * the console reconnects with its current rights, or is refused. While the database is unreachable the
   * console stays open (the authenticator trusts a recently seen session for a while): a control room
   * must not go blind.
   */
  async recheck(): Promise<void> {
    try {
      const principal = await this.deps.auth.principal(this.token);
      if (mayWatchLive(principal) && sameRights(principal, this.principal)) return;
    } catch (error) {
      if (!isDispatchError(error, DispatchErrorCode.UNAUTHENTICATED)) return;
    }
    this.socket.close(CLOSE_SESSION_ENDED, 'session ended');
    this.close();
  }

  private logDossier(alarmId: string, clientId: string): void {
    if (this.dossiersLogged.has(alarmId)) return;
    this.dossiersLogged.add(alarmId);
    this.deps.accessLog.shown(this.principal, alarmId, clientId, this.ip, 'live');
  }

  private close(): void {
    clearInterval(this.pinger);
    clearInterval(this.rechecker);
    this.unsubscribe();
    this.unsubscribe = () => undefined;
    this.deps.ctx.metrics.consoles.set(this.deps.ctx.feed.consoles);
  }
}

/** Same user, organisation, region and roles: everything delivery decides by. */
function sameRights(now: Principal, atConnect: Principal): boolean {
  const roles = (p: Principal) => [...new Set(p.roles)].sort().join(',');
  return now.userId === atConnect.userId && now.organisation === atConnect.organisation && now.region === atConnect.region && roles(now) === roles(atConnect);
}
