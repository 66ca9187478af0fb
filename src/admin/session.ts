/** The sign-in, kept in sessionStorage only: gone when the tab closes or on sign-out. */
const KEY = 'buurtkit-admin-session';

export interface AdminSession {
  token: string;
  site: string;
}

export function readSession(storage: Storage = sessionStorage): AdminSession | undefined {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<AdminSession> | null;
    return typeof value?.token === 'string' && typeof value.site === 'string' ? { token: value.token, site: value.site } : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: AdminSession, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}
