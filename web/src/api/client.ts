// The one way the web client talks to the server: JSON over fetch under /api/v1, with the session
// cookie sent by the browser and the CSRF token (double submit) echoed on every non-GET request.

export const API_BASE = '/api/v1';
const CSRF_COOKIE = 'zhipei_csrf';

/** An HTTP error from the API, with the server's message and field errors when it gave them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly path = '',
  ) {
    super(message);
  }
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function csrfHeaders(method: string): Record<string, string> {
  if (method === 'GET' || method === 'HEAD') return {};
  const token = readCookie(CSRF_COOKIE);
  return token ? { 'x-csrf-token': token } : {};
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called whenever the server says the session is gone (401), so the app can show the login page. */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}
export function notifyUnauthorized(): void {
  for (const fn of unauthorizedListeners) fn();
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function errorFromResponse(status: number, text: string, path: string): Promise<ApiError> {
  let message = text;
  let fields: Record<string, string> = {};
  try {
    const body = JSON.parse(text) as { message?: string; fields?: Record<string, string> };
    message = body.message ?? text;
    fields = body.fields ?? {};
  } catch {
    // not JSON: keep the text
  }
  return new ApiError(status, message, fields, path);
}

let currentShop: string | undefined;
/** The shop every GET is about, unless it names one (a user may see several shops). */
export function setCurrentShop(shop: string | undefined): void {
  currentShop = shop;
}
export function getCurrentShop(): string | undefined {
  return currentShop;
}

/** Paths that are about no one shop (admin lists, the shop list itself). */
const UNSCOPED = new Set(['/shops', '/users', '/tokens']);

export async function api<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const scoped =
    method === 'GET' && currentShop && !path.startsWith('/auth/') && !UNSCOPED.has(path.split('?')[0]);
  const url = withQuery(API_BASE + path, scoped ? { shop: currentShop, ...query } : query);
  const headers: Record<string, string> = { accept: 'application/json', ...csrfHeaders(method) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', {}, path);
  }
  const text = await res.text();
  if (!res.ok) {
    if (res.status === 401 && path !== '/auth/login') notifyUnauthorized();
    throw await errorFromResponse(res.status, text, path);
  }
  return (text ? JSON.parse(text) : null) as T;
}

export const apiGet = <T>(path: string, query?: Query) => api<T>('GET', path, undefined, query);
export const apiPost = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const apiPatch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const apiDelete = <T>(path: string) => api<T>('DELETE', path);
