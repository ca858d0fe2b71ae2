/**
 * Changes to process.env that a test makes and takes back, whatever happens: `set` remembers each variable's
 * first value, `restore` puts every one back (or deletes it when it was unset).
 */
export function envOverrides(): { set(key: string, value: string | undefined): void; restore(): void } {
  const saved = new Map<string, string | undefined>();
  const assign = (key: string, value: string | undefined) => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  return {
    set(key, value) {
      if (!saved.has(key)) saved.set(key, process.env[key]);
      assign(key, value);
    },
    restore() {
      for (const [key, value] of saved) assign(key, value);
      saved.clear();
    },
  };
}

/** Environment variables set for the duration of `run`, restored afterwards whatever happens. */
export function withEnv<T>(values: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const overrides = envOverrides();
  for (const [key, value] of Object.entries(values)) overrides.set(key, value);
  return run().finally(() => overrides.restore());
}
