/** What crosses every boundary (IPC, HTTP): a value or a translated error, never a stack. */
export type ErrorBody = { code: string; message: string };
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
