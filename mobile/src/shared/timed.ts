/**
 * `p`, or a rejection after `ms`: a browser store that never answers (some IndexedDB implementations, in private
 * windows) must not hold up a screen or a send.
 */
export function timed<T>(p: Promise<T>, ms: number, what = 'IndexedDB'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
