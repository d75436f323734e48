import applications from './applications.json' with { type: 'json' };

export type Locale = 'id' | 'en';

/** An application Kota Bandung offers to partner regions. The catalog is data: extend the JSON. */
export interface CatalogApplication {
  id: string;
  name: string;
  category: string;
  /** Serves citizens directly (some partners take only these). */
  publicService: boolean;
  description: Record<Locale, string>;
}

const catalog: readonly CatalogApplication[] = applications;
const byId = new Map(catalog.map((app) => [app.id, app]));

export function listApplications(): readonly CatalogApplication[] {
  return catalog;
}

export function findApplication(id: string): CatalogApplication | undefined {
  return byId.get(id);
}
