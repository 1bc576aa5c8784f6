import { describe, expect, it } from 'vitest';
import { departementsOfRegion, isDepartement, resolveTerritory, searchTerritories } from './territories.ts';

describe('territories', () => {
  it('lists the départements of a region by code', () => {
    expect(departementsOfRegion('32')).toEqual([
      { code: '02', name: 'Aisne' },
      { code: '59', name: 'Nord' },
      { code: '60', name: 'Oise' },
      { code: '62', name: 'Pas-de-Calais' },
      { code: '80', name: 'Somme' },
    ]);
    expect(departementsOfRegion('53').map((d) => d.code)).toEqual(['22', '29', '35', '56']);
  });

  it('knows département codes, Corsica’s included', () => {
    expect(isDepartement('59')).toBe(true);
    expect(isDepartement('2A')).toBe(true);
    expect(isDepartement('99')).toBe(false);
  });

  it('reads a commune from its INSEE code, a postcode or its name, whatever the accents and case', () => {
    expect(resolveTerritory('59512')?.name).toBe('Roubaix');
    // 59100 is Roubaix's postcode and Bousignies' INSEE code: people write postcodes.
    expect(resolveTerritory('59100')?.name).toBe('Roubaix');
    expect(resolveTerritory('59100', { as: 'insee' })?.name).toBe('Bousignies');
    expect(resolveTerritory('2A004')?.name).toBe('Ajaccio');
    expect(resolveTerritory('roubaix')?.code).toBe('commune:59512');
    expect(resolveTerritory('  Méricourt ')?.code).toBe('commune:62570');
    expect(resolveTerritory('Nord')?.code).toBe('departement:59');
    expect(resolveTerritory('Pas une commune du tout')).toBeNull();
    expect(resolveTerritory('')).toBeNull();
  });

  it('finds divisions by the start of their name, the most populous first', () => {
    expect(searchTerritories('lill')[0]?.name).toBe('Lille');
  });
});
