// Who is signed in. Asks GET /auth/me on start; any 401 from the API signs the page out.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { onUnauthorized } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { User } from '../api/types';

interface Auth {
  /** undefined while asking the server, null when signed out. */
  user: User | null | undefined;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    endpoints.me().then(
      (r) => setUser(r.user),
      () => setUser(null),
    );
    return onUnauthorized(() => setUser(null));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await endpoints.login(username, password);
    setUser(r.user);
  }, []);

  const logout = useCallback(async () => {
    await endpoints.logout().catch(() => {});
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
