// GET /apps: the applications Kota Bandung offers.
import { listApplications } from '../../domain/catalog/catalog.ts';
import { isCoordinator } from '../../domain/access.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { forbidden } from './dependencies.ts';
import { apiHandler } from './http.ts';

export function createHandler() {
  return apiHandler({ auth: true }, ({ principal }) => {
    if (!isCoordinator(principal)) throw forbidden('read the catalog');
    return Promise.resolve({ status: 200, body: { items: listApplications() } });
  });
}

export const handler = onFirstCall(() => createHandler());
