// Which shop a request is about: the `shop` it names (if the actor may see it), or the actor's only shop.
import type { Actor } from '../services/auth.service.js';
import { ServiceError } from '../services/service-error.js';
import type { Store } from '../store/store.js';
import { canSeeShop } from './policies.js';

export async function resolveShopFor(store: Store, actor: Actor, requested?: string): Promise<string> {
  if (requested !== undefined) {
    if (!canSeeShop(actor, requested).ok)
      throw new ServiceError('forbidden', `no access to shop ${requested}`);
    if (!(await store.shops.get(requested)))
      throw new ServiceError('not_found', `unknown shop: ${requested}`);
    return requested;
  }
  const all = (await store.shops.list()).map((s) => s.id);
  const visible = all.filter((s) => canSeeShop(actor, s).ok);
  if (visible.length === 1) return visible[0];
  if (visible.length === 0) throw new ServiceError('forbidden', 'no shop is visible to this account');
  throw new ServiceError('bad_request', 'several shops: pass shop', {
    shop: `one of: ${visible.join(', ')}`,
  });
}
