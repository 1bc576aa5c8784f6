/** Tables of the media module: the pictures of items (events, news, resources, documents' first pages). */

/** One stored size of a picture, in one format. */
export interface ImageVariant {
  width: number;
  height: number;
  format: 'avif' | 'webp' | 'jpeg';
  /** Key in the file store. */
  key: string;
  bytes: number;
}

export type ImageStatus = 'pending' | 'current';

export interface ImagesTable {
  id: string;
  /** The catalogue kind of the item it illustrates ('event', 'news', 'resource', 'document'…): its visibility is the item's. */
  owner_kind: string;
  owner_id: string;
  /** 'pending': uploaded with a form that was refused, kept so the animator does not choose the file again. */
  status: ImageStatus;
  /** Empty when decorative. */
  alt: string;
  decorative: number;
  credit: string;
  /** Focus point in percent of the width and height (0, 50 or 100 from the form): what crops keep. */
  focus_x: number;
  focus_y: number;
  width: number;
  height: number;
  /** 'upload', 'illustration' (drawn by Palabre) or 'page' (a document's first page). */
  source: string;
  original_key: string;
  /** JSON array of ImageVariant. */
  variants: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MediaTables {
  images: ImagesTable;
}
