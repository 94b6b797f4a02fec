import { imageSrcSet, imageVariantUrl } from "@/lib/storage/image-variant-url";

interface ResponsiveImageProps {
  /** A stored still or poster's media URL (`/api/media/…jpg`). */
  src: string;
  alt: string;
  /** The intrinsic shape, so the browser reserves the box before a byte arrives. */
  width: number;
  height: number;
  /** How wide the image is shown at each breakpoint (the `sizes` attribute). */
  sizes: string;
  className?: string;
  loading?: "lazy" | "eager";
  fetchPriority?: "high" | "low" | "auto";
  ariaHidden?: boolean;
}

/**
 * A stored image at the width it is shown: AVIF, then WebP, then a resized JPEG for browsers with neither,
 * each a variant the media route makes once with sharp. The full-size original is never sent to a card.
 */
export function ResponsiveImage({
  src,
  alt,
  width,
  height,
  sizes,
  className,
  loading = "lazy",
  fetchPriority,
  ariaHidden,
}: ResponsiveImageProps) {
  return (
    <picture>
      <source type="image/avif" srcSet={imageSrcSet(src, "avif")} sizes={sizes} />
      <source type="image/webp" srcSet={imageSrcSet(src, "webp")} sizes={sizes} />
      <img
        src={imageVariantUrl(src, 640, "jpeg")}
        srcSet={imageSrcSet(src, "jpeg")}
        sizes={sizes}
        alt={alt}
        aria-hidden={ariaHidden}
        width={width}
        height={height}
        loading={loading}
        fetchPriority={fetchPriority}
        decoding="async"
        className={className}
      />
    </picture>
  );
}
