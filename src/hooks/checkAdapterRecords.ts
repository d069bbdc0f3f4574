/**
 * The hooks' boundary check on what an adapter returns: a malformed record
 * becomes a typed `invalid_response` error naming the bad field, instead of a
 * crash deep inside a component.
 */
import type { ActivityPage } from '../core/adapter';
import { AdapterError } from '../core/errors';

export function checkActivityPage(page: unknown): ActivityPage {
  if (!page || typeof page !== 'object') throw new AdapterError('invalid_response', 'The activity page is not an object.', { path: '' });
  const p = page as ActivityPage;
  if (!Array.isArray(p.items)) throw new AdapterError('invalid_response', 'The activity page has no items array.', { path: 'items' });
  return p;
}
