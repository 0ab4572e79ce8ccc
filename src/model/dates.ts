/** Calendar dates as the manifest writes them (`YYYY-MM-DD`, UTC): parsed here, nowhere else. */

/** `date` plus `days` whole days, as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
