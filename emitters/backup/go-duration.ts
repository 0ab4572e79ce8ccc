/**
 * Go's `time.Duration` text, which Velero's `ttl` holds: `720h0m0s` for 30 days. Go writes hours as
 * the largest unit and always spells the smaller ones out once a larger one is present.
 */
export function goDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole === 0) return "0s";
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
