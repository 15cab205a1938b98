import type { DossierCard } from '@aware/protocol';

/** What dispatch needs to know about a pendant the moment it is pressed, kept in memory. */
export interface DeviceEntry {
  readonly deviceId: string;
  readonly isTest: boolean;
  /** The region the pendant is registered to (used when it has no client). */
  readonly deviceRegion: string | null;
  /** The open assignment (handed over, not returned), or null: the pendant is unassigned. */
  readonly assignment: {
    readonly id: string;
    readonly clientId: string;
    readonly region: string;
    readonly dossier: DossierCard;
  } | null;
}

/** The region an alarm of this pendant belongs to: its client's, else the pendant's own, else none. */
export function alarmRegion(entry: DeviceEntry | undefined): string | null {
  return entry?.assignment?.region ?? entry?.deviceRegion ?? null;
}
