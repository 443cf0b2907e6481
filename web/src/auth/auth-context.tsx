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
  /** True after the user signed out on purpose (the next sign-in starts at the overview, not where they were). */
  signedOut: boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [signedOut, setSignedOut] = useState(false);

  useEffect(() => {
    endpoints.me().then(
      (r) => setUser(r.user),
      () => setUser(null),
    );
    return onUnauthorized(() => setUser(null));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await endpoints.login(username, password);
    setSignedOut(false);
    setUser(r.user);
  }, []);

  const logout = useCallback(async () => {
    await endpoints.logout().catch(() => {});
    setSignedOut(true);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, login, logout, signedOut }), [user, login, logout, signedOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
