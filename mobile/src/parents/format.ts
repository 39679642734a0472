/** Times and amounts as the parents read them: local clock times, hours and minutes, plain words. */

const DAY_MS = 86_400_000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 14:05, in the phone's time zone. */
export function clock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The local midnight that starts `date`'s day. */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "today at 18:30", "tomorrow at 07:00", "Friday 14 Mar at 18:30", relative to `now`, in local time. */
export function when(date: Date, now: Date): string {
  const days = Math.round((startOfDay(date).getTime() - startOfDay(now).getTime()) / DAY_MS);
  const at = `at ${clock(date)}`;
  if (days === 0) return `today ${at}`;
  if (days === 1) return `tomorrow ${at}`;
  if (days === -1) return `yesterday ${at}`;
  return `${WEEKDAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]} ${at}`;
}

/** "Mon 3", a short day label for a night or a table row. */
export function shortDay(date: Date): string {
  return `${WEEKDAYS[date.getDay()]!.slice(0, 3)} ${date.getDate()}`;
}

/** 8 h 5 min, from minutes (rounded to the minute). */
export function hoursMinutes(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** once, twice, 3 times. */
export function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** box_breathing → box breathing. */
export function interventionName(id: string): string {
  return id.replace(/_/g, ' ');
}
