/**
 * The hooks' boundary check on what an adapter returns: a malformed record
 * becomes a typed `invalid_response` error naming the bad field, instead of a
 * crash deep inside a component.
 */
import type { ActivityPage } from '../core/adapter';
import { validateActivityPage } from '../core/validateActivity';

export function checkActivityPage(page: unknown): ActivityPage {
  return validateActivityPage(page);
}
