/**
 * MQTT topic filter logic for the service roles [MQTT-4.7]. Levels are split on `/`;
 * `+` matches exactly one level, `#` (last level only) matches the parent and any number of levels.
 */

/** True when the concrete topic name `topic` matches `filter`. */
export function topicMatches(filter: string, topic: string): boolean {
  return covers(filter.split('/'), topic.split('/'));
}

/**
 * True when every topic matched by `requested` is also matched by `allowed`, i.e. a client allowed
 * `allowed` may subscribe to `requested`. `aware/v1/d/+/hb` covers `aware/v1/d/p-1/hb` and itself,
 * but not `aware/v1/d/#`; `#` covers everything but `$SYS` topics [MQTT-4.7.2-1].
 */
export function filterCovers(allowed: string, requested: string): boolean {
  if (requested.startsWith('$') && !allowed.startsWith('$')) return false;
  return covers(allowed.split('/'), requested.split('/'));
}

function covers(allowed: string[], requested: string[]): boolean {
  for (let i = 0; i < allowed.length; i++) {
    const a = allowed[i];
    if (a === '#') return true;
    const r = requested[i];
    if (r === undefined) return false;
    if (r === '#') return false;
    if (a === '+') continue;
    if (r === '+' || a !== r) return false;
  }
  return allowed.length === requested.length;
}
