import { describe, expect, it } from '@jest/globals';
import { findApplication, listApplications } from '../../domain/catalog/catalog.ts';

describe('application catalog', () => {
  it('holds every application named in the domain sources', () => {
    expect(listApplications().map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'Sabilulungan',
        'e-RK (E-Remunerasi)',
        'Hayu.Bdg',
        'Gampil',
        'Bandung Command Center',
      ]),
    );
  });

  it('has unique ids made for URLs and descriptions in both languages', () => {
    const apps = listApplications();
    expect(new Set(apps.map((a) => a.id)).size).toBe(apps.length);
    for (const app of apps) {
      expect(app.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(app.description.id.length).toBeGreaterThan(0);
      expect(app.description.en.length).toBeGreaterThan(0);
    }
  });

  it('finds an application by id', () => {
    expect(findApplication('gampil')?.category).toBe('LICENSING');
    expect(findApplication('simral')).toBeUndefined();
  });
});
