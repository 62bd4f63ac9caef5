// ORD-1: active catalog products by ID (operator products and live marketplace offers), for the modules
// that price or describe them (pricing never reads commerce's table).
import { arrayLiteral } from '../../../db/index.js';
import type { ProductRow } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function listActiveProducts({ statements }: CommerceDeps, ids: string[]): Promise<ProductRow[]> {
  return ids.length ? statements.activeProducts.execute({ ids: arrayLiteral(ids) }) : [];
}
