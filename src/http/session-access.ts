// Finds a session the actor may read, by id: one policy for every route that opens a stored session.
import type { Actor } from '../services/auth.service.js';
import type { SessionService } from '../services/session.service.js';
import { ServiceError } from '../services/service-error.js';
import type { Store } from '../store/store.js';
import { canReadSessions, canSeeShop } from './policies.js';
import { authorize } from './request-auth.js';
import { resolveShopFor } from './shop-scope.js';

/**
 * A named shop must be visible; without one, every shop is searched (one key lookup each), so that a
 * session of a shop outside the user's list answers 403 like the rest of the API, not 404.
 */
export async function findReadableSession(
  store: Store,
  sessions: SessionService,
  actor: Actor,
  id: string,
  shop?: string,
) {
  const shops = shop
    ? [await resolveShopFor(store, actor, shop)]
    : (await store.shops.list()).map((s) => s.id);
  const found = await sessions.find(id, shops);
  if (found.length === 0) throw new ServiceError('not_found', `no session ${id}`);
  const visible = found.find((s) => canSeeShop(actor, s.shop).ok) ?? found[0];
  authorize(canReadSessions(actor, visible.shop, visible.agent));
  return visible;
}
