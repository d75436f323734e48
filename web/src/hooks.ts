import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: unknown };

/** Runs `load` when `key` changes; `reload` runs it again. A stale answer is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => {
        if (current) setResult({ state: 'ready', data });
      },
      (error: unknown) => {
        if (current) setResult({ state: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
    // `load` is recreated on every render; `key` says when its inputs changed.
  }, [key, round]);
  return [result, () => setRound((n) => n + 1)];
}

/**
 * Form state kept in sessionStorage as it is typed, so signing in again after an expired session
 * brings it back; `clear` forgets it once the form is sent.
 */
export function useDraft<T>(key: string, initial: () => T): [T, (next: T) => void, () => void] {
  const storageKey = `sepakat.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    const saved = sessionStorage.getItem(storageKey);
    if (saved) {
      try {
        return JSON.parse(saved) as T;
      } catch {
        sessionStorage.removeItem(storageKey);
      }
    }
    return initial();
  });
  const update = (next: T) => {
    setValue(next);
    sessionStorage.setItem(storageKey, JSON.stringify(next));
  };
  const clear = () => {
    sessionStorage.removeItem(storageKey);
    setValue(initial());
  };
  return [value, update, clear];
}
