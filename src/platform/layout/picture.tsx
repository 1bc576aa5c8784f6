/**
 * A stored picture in the page: AVIF and WebP for the browsers that take them, JPEG for the
 * others, each in several widths (`srcset`) so that a phone never loads the desktop size.
 * The view model comes from the media module; this component knows no module.
 */

export interface PictureSource {
  type: 'image/avif' | 'image/webp' | 'image/jpeg';
  /** "…/400.avif 400w, …/800.avif 800w" */
  srcset: string;
}

export interface PictureVM {
  /** Empty for a decorative picture. */
  alt: string;
  credit: string | null;
  /** Size of the largest stored width: the browser reserves the space before the bytes arrive. */
  width: number;
  height: number;
  /** AVIF, WebP, then JPEG. */
  sources: PictureSource[];
  /** A middle-sized JPEG for browsers without srcset. */
  src: string;
  /** Focus point, rounded to the thirds the crops use: 0, 50 or 100. */
  focus: { x: 0 | 50 | 100; y: 0 | 50 | 100 };
}

/** Where crops (cards, banners: CSS object-fit) keep the picture's subject; classes, as the CSP allows no inline style. */
export function focusClass(focus: PictureVM['focus']): string {
  return `focus-${focus.x}-${focus.y}`;
}

export function Picture(props: {
  vm: PictureVM;
  /** The `sizes` attribute: how wide the picture is drawn, e.g. "(min-width: 72rem) 22rem, 90vw". */
  sizes: string;
  /** Overrides the picture's text, e.g. "" in a card whose title already says what it shows. */
  alt?: string;
  class?: string;
  /** The page's main picture: loaded at once instead of when scrolled to. */
  eager?: boolean;
}) {
  const { vm } = props;
  const jpeg = vm.sources.find((s) => s.type === 'image/jpeg');
  return (
    <picture class={props.class}>
      {vm.sources
        .filter((s) => s.type !== 'image/jpeg')
        .map((s) => (
          <source type={s.type} srcset={s.srcset} sizes={props.sizes} />
        ))}
      <img
        src={vm.src}
        srcset={jpeg?.srcset}
        sizes={props.sizes}
        alt={props.alt ?? vm.alt}
        width={vm.width}
        height={vm.height}
        loading={props.eager ? 'eager' : 'lazy'}
        decoding="async"
        fetchpriority={props.eager ? 'high' : undefined}
        class={focusClass(vm.focus)}
      />
    </picture>
  );
}

/** The item page's picture with its credit under it. */
export function Figure({ vm, sizes, creditLabel }: { vm: PictureVM; sizes: string; creditLabel: (credit: string) => string }) {
  return (
    <figure class="item-figure">
      <Picture vm={vm} sizes={sizes} eager />
      {vm.credit && <figcaption class="item-figure-credit">{creditLabel(vm.credit)}</figcaption>}
    </figure>
  );
}
