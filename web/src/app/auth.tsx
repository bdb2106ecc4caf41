import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, fetchSession, setCsrfToken } from './api';
import { STAFF_ROLES } from './types';
import type { Role, Session, User } from './types';

export interface SignupInput {
  email?: string;
  phone?: string;
  password: string;
  display_name: string;
}

interface AuthValue {
  user: User | null;
  ready: boolean;
  login: (identifier: string, password: string) => Promise<User>;
  signup: (input: SignupInput) => Promise<User>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const s = await fetchSession();
      setUser(s.user);
    } catch {
      // Offline or server down: treat as signed out; pages show their own errors.
      setUser(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (identifier: string, password: string) => {
      const res = await api.post<Session>('/api/v1/auth/login', { identifier, password });
      // The session id rotates at login, and the CSRF token with it.
      if (res.csrf_token) setCsrfToken(res.csrf_token);
      else await refresh();
      setUser(res.user);
      return res.user as User;
    },
    [refresh],
  );

  const signup = useCallback(
    async (input: SignupInput) => {
      const res = await api.post<Session>('/api/v1/auth/signup', input);
      if (res.csrf_token) setCsrfToken(res.csrf_token);
      else await refresh();
      setUser(res.user);
      return res.user as User;
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/v1/auth/logout');
    } finally {
      setCsrfToken(undefined);
      setUser(null);
      await refresh();
    }
  }, [refresh]);

  const value = useMemo(
    () => ({ user, ready, login, signup, logout, refresh }),
    [user, ready, login, signup, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export function isStaff(user: User | null): boolean {
  return !!user && STAFF_ROLES.includes(user.role);
}

export function hasRole(user: User | null, roles: readonly Role[]): boolean {
  return !!user && roles.includes(user.role);
}

/** Only same-site paths may be used as a "go back to" target after login. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
