/**
 * Public points of projects: the centre of the commune (town hall, rounded to about 100 m), never an
 * address. @etalab/decoupage-administratif has codes and names but no coordinates, so the communes
 * where the PIC run carry theirs here; a project elsewhere is listed without a point (decision 0046).
 */
const CENTRES: Record<string, readonly [number, number]> = {
  '59350': [3.063, 50.637], // Lille
  '59512': [3.175, 50.69], // Roubaix
  '59599': [3.161, 50.724], // Tourcoing
  '59163': [3.15, 50.678], // Croix
  '59009': [3.144, 50.623], // Villeneuve-d'Ascq
  '59650': [3.217, 50.702], // Wattrelos
  '59299': [3.188, 50.653], // Hem
  '59410': [3.11, 50.641], // Mons-en-Barœul
  '59360': [3.014, 50.611], // Loos
  '62498': [2.832, 50.432], // Lens
  '62510': [2.779, 50.423], // Liévin
  '62570': [2.866, 50.402], // Méricourt
  '62065': [2.833, 50.41], // Avion
  '62427': [2.951, 50.422], // Hénin-Beaumont
  '62041': [2.778, 50.291], // Arras
  '62119': [2.639, 50.53], // Béthune
  '62193': [1.859, 50.951], // Calais
  '62160': [1.614, 50.726], // Boulogne-sur-Mer
  '59183': [2.377, 51.034], // Dunkerque
  '59271': [2.3, 51.014], // Grande-Synthe
  '59606': [3.524, 50.357], // Valenciennes
  '59392': [3.974, 50.278], // Maubeuge
  '59178': [3.08, 50.371], // Douai
  '59569': [3.114, 50.36], // Sin-le-Noble
  '59172': [3.396, 50.329], // Denain
  '80021': [2.296, 49.894], // Amiens
  '80001': [1.834, 50.105], // Abbeville
  '02691': [3.288, 49.847], // Saint-Quentin
  '02722': [3.324, 49.382], // Soissons
  '02408': [3.624, 49.564], // Laon
  '60057': [2.081, 49.429], // Beauvais
  '60175': [2.475, 49.26], // Creil
  '60159': [2.826, 49.418], // Compiègne
};

/** [longitude, latitude] of a commune's centre, or null. */
export const communeCentre = (code: string | null | undefined): readonly [number, number] | null => (code ? (CENTRES[code] ?? null) : null);

/** Hauts-de-France's extent, for the SVG map's projection. */
export const REGION_BOUNDS = { west: 1.38, east: 4.26, south: 48.83, north: 51.09 } as const;

/**
 * Longitude and latitude to the SVG's x and y: an equirectangular projection with longitudes shrunk
 * by the cosine of the region's middle latitude, which keeps the region's shape at this scale.
 */
export function project(lon: number, lat: number, width: number): { x: number; y: number; height: number } {
  const b = REGION_BOUNDS;
  const k = Math.cos((((b.north + b.south) / 2) * Math.PI) / 180);
  const scale = width / ((b.east - b.west) * k);
  return { x: Math.round((lon - b.west) * k * scale * 10) / 10, y: Math.round((b.north - lat) * scale * 10) / 10, height: Math.round((b.north - b.south) * scale) };
}
