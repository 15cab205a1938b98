import type { Command, Fix } from '@aware/protocol';
import type { SentMessage } from '../pendant-events.js';

/** How the interactive pendant prints traffic: one line per message, the essentials first. */
export function describeSent(message: SentMessage): string {
  switch (message.channel) {
    case 'hb': {
      const p = message.payload;
      return `hb #${p.seq} battery ${p.battery}%${p.charging ? ' charging' : ''} rssi ${p.rssi} dBm${p.fix ? ` fix ${fix(p.fix)}` : ''}`;
    }
    case 'alarm': {
      const p = message.payload;
      return `alarm ${p.alarmId} attempt ${p.attempt ?? 1}${p.fix ? ` fix ${fix(p.fix)}` : ' no fix'}${p.battery === undefined ? '' : ` battery ${p.battery}%`}`;
    }
    case 'loc':
      return `loc ${message.payload.alarmId} ${fix(message.payload.fix)}`;
    case 'status':
      return `status ${message.payload.state} (retained)`;
  }
}

export function describeCommand(command: Command): string {
  switch (command.type) {
    case 'alarm_received':
    case 'operator_acknowledged':
      return `${command.type} ${command.alarmId}`;
    case 'config':
      return `config hbIntervalS=${command.hbIntervalS}`;
    case 'locate':
    case 'test':
      return command.type;
  }
}

function fix(f: Fix): string {
  return `${f.lat.toFixed(5)},${f.lon.toFixed(5)} ±${Math.round(f.acc)} m`;
}

export function clockTime(): string {
  return new Date().toISOString().slice(11, 23);
}
