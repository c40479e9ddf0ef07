/** Half-open UTC ranges [from, to) of one rollup unit; `from` and `to` are boundaries of that unit. */
export type RollupRanges = { month: [Date, Date][]; day: [Date, Date][]; hour: [Date, Date][] };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const floorDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY) * DAY);
const ceilDay = (d: Date) => new Date(Math.ceil(d.getTime() / DAY) * DAY);
const floorMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const ceilMonth = (d: Date) => {
  const floor = floorMonth(d);
  return floor.getTime() === d.getTime() ? floor : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
};

/**
 * [since, until), both whole UTC hours, as the fewest rollup rows: whole UTC months inside it, then whole UTC days
 * in what is left, then hours at the two edges. The ranges never overlap and cover exactly [since, until), so sums
 * over them are the period's sums. Throws on a bound that is not a whole hour (the cube has nothing finer).
 */
export function splitRollupRanges(since: Date, until: Date): RollupRanges {
  if (since.getTime() % HOUR !== 0 || until.getTime() % HOUR !== 0) throw new Error("rollup ranges need whole UTC hours");
  const out: RollupRanges = { month: [], day: [], hour: [] };
  if (since >= until) return out;
  const add = (list: [Date, Date][], from: Date, to: Date) => {
    if (from < to) list.push([from, to]);
  };
  const [ds, de] = [ceilDay(since), floorDay(until)];
  if (ds >= de) {
    add(out.hour, since, until);
    return out;
  }
  add(out.hour, since, ds);
  add(out.hour, de, until);
  const [ms, me] = [ceilMonth(ds), floorMonth(de)];
  if (ms >= me) {
    add(out.day, ds, de);
    return out;
  }
  add(out.day, ds, ms);
  add(out.day, me, de);
  add(out.month, ms, me);
  return out;
}
